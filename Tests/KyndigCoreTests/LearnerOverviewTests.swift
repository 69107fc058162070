import KyndigCore
import KyndigTestSupport
import Testing

/// What the tutor suggests next: overdue first, then a quiz under way, then the earliest due;
/// ties keep the order the requirements arose in.
struct LearnerOverviewTests {
    func status(_ module: String, _ state: RequirementStatus.State, due: String) -> RequirementStatus {
        RequirementStatus(requirement: Requirement(moduleID: module, reasons: [.role("clinician")], obligationIDs: [], arose: Build.date("2026-01-01")),
                          state: state, since: Build.date("2026-01-01"), dueOn: Build.date(due), completion: nil, expiresOn: nil,
                          voidedCompletion: nil, attestation: nil, exemption: nil)
    }

    func overview(_ statuses: [RequirementStatus]) -> LearnerOverview {
        LearnerOverview(person: Build.person("E1"), unitPath: [], statuses: statuses)
    }

    @Test func overdueComesBeforeEverythingElse() {
        let next = overview([
            status("a", .inProgress, due: "2026-01-01"), status("b", .notStarted, due: "2025-01-01"),
            status("c", .overdue, due: "2026-02-01"), status("d", .overdue, due: "2026-03-01"),
        ]).next
        #expect(next?.requirement.moduleID == "c")
    }

    @Test func aQuizUnderWayComesBeforeOneNotStarted() {
        let next = overview([status("a", .notStarted, due: "2025-01-01"), status("b", .inProgress, due: "2026-01-01")]).next
        #expect(next?.requirement.moduleID == "b")
    }

    @Test func theEarliestDueThenTheRequirementsOwnOrder() {
        #expect(overview([status("a", .notStarted, due: "2026-05-01"), status("b", .notStarted, due: "2026-04-01")]).next?.requirement.moduleID == "b")
        #expect(overview([status("a", .notStarted, due: "2026-04-01"), status("b", .notStarted, due: "2026-04-01")]).next?.requirement.moduleID == "a")
    }

    @Test func nothingIsNextWhenAllIsMet() {
        let all = overview([status("a", .met, due: "2026-04-01"), status("b", .met, due: "2026-04-01")])
        #expect(all.next == nil && all.metCount == 2)
        #expect(overview([]).next == nil)
    }

    @Test func statusesComeFromRolesAndTheUnitsSystems() {
        let catalog = Build.catalog()
        let person = Build.person("E1", unit: "W", start: "2026-01-01")
        let triage = AISystem(id: "triage", name: "T", vendor: "V", purpose: "P", contextIDs: ["high-risk"], unitIDs: ["C"], roleIDs: [])
        let pass = Completion(moduleID: "basics", version: ModuleVersion("1.0")!, contentHash: "h", passedOn: Build.date("2026-01-10"), score: 1)
        let published = ModuleFacts(currentVersion: ModuleVersion("1.0")!, published: Build.date("2025-06-01"),
                                    currentVersionPublished: Build.date("2025-06-01"), obligationsEffective: nil)
        let overview = LearnerOverview(
            person: person, unitPath: [OrgUnit(id: "W", name: "Ward", parentID: "C"), OrgUnit(id: "C", name: "Clinic", parentID: nil)],
            systems: [triage], history: nil, modules: ["basics": published, "oversight": published], completions: [pass], attestations: [],
            exemptions: [], openAttemptModuleIDs: [], catalog: catalog, asOf: Build.date("2026-03-01"))
        #expect(overview.statuses.map(\.requirement.moduleID) == ["basics", "oversight"])
        #expect(overview.statuses.map(\.state) == [.met, .overdue])
        #expect(overview.statuses[1].requirement.reasons == [.system(systemID: "triage", contextID: "high-risk")])
        #expect(overview.next?.requirement.moduleID == "oversight")
    }
}
