import Foundation
import KyndigCore
import KyndigTestSupport
import Testing

/// A system's local unit (the register's `local_unit`): required for everyone the system applies
/// to and for its overseers, dated as the system's other requirements are, and for nobody else.
struct LocalUnitRequirementTests {
    static let catalog: Catalog = {
        let modules = [
            Build.module("core", roles: ["clinician", "admin-staff"]),
            Build.module("oversight", roles: [], contexts: ["high-risk"]),
            Build.module("triage-local", roles: [], kind: .localUnit),
        ]
        return Catalog(
            roles: [
                Role(id: "clinician", name: .init(nb: "K", en: "C"), description: .init(nb: "", en: ""), moduleIDs: ["core"]),
                Role(id: "admin-staff", name: .init(nb: "A", en: "A"), description: .init(nb: "", en: ""), moduleIDs: ["core"]),
            ],
            contexts: [SystemContext(id: "high-risk", name: .init(nb: "H", en: "H"), description: .init(nb: "", en: ""), moduleIDs: ["oversight"])],
            obligations: [], policy: Build.policy, glossary: [],
            modules: Dictionary(uniqueKeysWithValues: modules.map { ($0.module.id, $0.module) }),
            quizzes: Dictionary(uniqueKeysWithValues: modules.map { ($0.module.id, $0.pools) }))
    }()

    static let triage = AISystem(
        id: "triage", name: "Triage", vendor: "V", purpose: "P", contextIDs: ["high-risk"], unitIDs: ["AKU"], roleIDs: ["clinician"],
        overseerIDs: ["E9"], localUnitID: "triage-local", unitSince: ["AKU": Build.date("2026-05-01")], overseerSince: ["E9": Build.date("2026-07-01")])

    func requirements(_ person: Person, _ ancestry: [String], systems: [AISystem] = [triage]) -> [Requirement] {
        Self.catalog.requirements(for: person, unitAncestry: ancestry, systems: systems)
    }

    @Test func aPersonTheSystemAppliesToTakesItsLocalUnitFromTheDayItCameToTheirUnit() {
        let nurse = Build.person("E1", unit: "AKU-2", roles: ["clinician"], start: "2026-01-01")
        let found = requirements(nurse, ["AKU-2", "AKU", "H"])
        #expect(found.map(\.moduleID) == ["core", "oversight", "triage-local"])
        let local = found[2]
        #expect(local.reasons == [.localUnit(systemID: "triage")])
        // Dated like the system's other requirement.
        #expect(local.arose == Build.date("2026-05-01") && local.arose == found[1].arose)
    }

    @Test func anOverseerWorkingElsewhereTakesTheLocalUnitFromTheDayTheyWereAssigned() {
        let overseer = Build.person("E9", unit: "RAD", roles: ["admin-staff"], start: "2020-01-01")
        let found = requirements(overseer, ["RAD", "H"])
        #expect(found.map(\.moduleID) == ["core", "oversight", "triage-local"])
        #expect(found[2].reasons == [.localUnit(systemID: "triage")])
        #expect(found[2].arose == Build.date("2026-07-01"))
    }

    @Test func anOverseerInTheSystemsUnitHasOneReasonFromTheEarlierDay() {
        let overseer = Build.person("E9", unit: "AKU", roles: ["clinician"], start: "2020-01-01")
        let local = requirements(overseer, ["AKU", "H"]).first { $0.moduleID == "triage-local" }
        #expect(local?.reasons == [.localUnit(systemID: "triage")])
        #expect(local?.arose == Build.date("2026-05-01"))
    }

    @Test func othersDoNotTakeIt() {
        // Outside the unit, in the unit without the system's role, and in the unit while the
        // register names an ordinary module or one the catalog no longer has.
        let elsewhere = Build.person("E2", unit: "RAD", roles: ["clinician"], start: "2020-01-01")
        let clerk = Build.person("E3", unit: "AKU", roles: ["admin-staff"], start: "2020-01-01")
        #expect(!requirements(elsewhere, ["RAD", "H"]).contains { $0.moduleID == "triage-local" })
        #expect(!requirements(clerk, ["AKU", "H"]).contains { $0.moduleID == "triage-local" })
        let nurse = Build.person("E1", unit: "AKU", roles: ["clinician"], start: "2020-01-01")
        for named in ["core", "gone"] {
            var system = Self.triage
            system.localUnitID = named
            #expect(requirements(nurse, ["AKU"], systems: [system]).allSatisfy { !$0.reasons.contains(.localUnit(systemID: "triage")) })
        }
    }

    @Test func aSystemWithoutContextsStillBringsItsLocalUnit() {
        var planning = Self.triage
        planning.contextIDs = []
        let nurse = Build.person("E1", unit: "AKU", roles: ["clinician"], start: "2020-01-01")
        #expect(requirements(nurse, ["AKU"], systems: [planning]).map(\.moduleID) == ["core", "triage-local"])
    }

    @Test func theReasonIsStableJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(RequirementReason.localUnit(systemID: "triage"))
        #expect(String(decoding: data, as: UTF8.self) == #"{"kind":"local_unit","system":"triage"}"#)
        #expect(try JSONDecoder().decode(RequirementReason.self, from: data) == .localUnit(systemID: "triage"))
    }

    @Test func aModuleDrawsItsOwnQuizSizeButNeverMoreThanThePool() {
        let module = Build.module("x").module
        #expect(module.quizSize(policy: Build.policy, poolSize: 10) == 3)
        let small = Module(id: "x", version: module.version, level: .basic, roleIDs: [], contextIDs: [], obligationIDs: ["a"], minutes: 5,
                           kind: .localUnit, questionsPerQuiz: 2, texts: module.texts)
        #expect(small.quizSize(policy: Build.policy, poolSize: 10) == 2)
        #expect(small.quizSize(policy: Build.policy, poolSize: 1) == 1)
    }
}
