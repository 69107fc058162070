import Foundation
import KyndigCore
import KyndigTestSupport
import PropertyBased
import Testing

/// The status rules: when a requirement applies, when it is due, how long a pass counts, what a
/// new version, an exemption or leaving does. Pure: every case is plain values and a day.
struct ComplianceTests {
    static func policy(launch: String? = nil, rollout: Int? = nil, renewal: Policy.Renewal = .fromExpiry) -> Policy {
        Policy(passMark: 0.8, questionsPerQuiz: 10, validityMonths: 24, graceDays: 30, expiringSoonDays: 60, invalidatePassOn: .major,
               timeZone: TimeZone(identifier: "Europe/Oslo")!, jurisdiction: .norway, launchDate: launch.map(Build.date), rolloutDays: rollout, renewal: renewal)
    }

    static let requirement = Requirement(moduleID: "core", reasons: [.role("clinician")], obligationIDs: ["art-4"], arose: Build.date("2012-03-01"))
    static let tor = Build.person("E9", start: "2012-03-01")
    static let facts = ModuleFacts(currentVersion: ModuleVersion("2.1")!, published: Build.date("2026-11-30"),
                                   currentVersionPublished: Build.date("2026-11-30"), obligationsEffective: Build.date("2025-02-02"))

    static func pass(_ on: String, version: String = "2.0") -> Completion {
        Completion(moduleID: "core", version: ModuleVersion(version)!, contentHash: "h", passedOn: Build.date(on), score: 0.9)
    }

    func status(_ asOf: String, passes: [Completion] = [], open: Bool = false, exemptions: [Exemption] = [],
                policy: Policy = ComplianceTests.policy(), facts: ModuleFacts = ComplianceTests.facts,
                requirement: Requirement = ComplianceTests.requirement) -> RequirementStatus {
        policy.status(of: requirement, for: Self.tor, module: facts, completions: passes, exemptions: exemptions, hasOpenAttempt: open,
                      asOf: Build.date(asOf))
    }

    /// Tor started in 2012; the course was published in 2026: he is not overdue since 2012.
    @Test func nobodyIsOverdueBeforeTheDutyExisted() {
        let today = status("2026-11-30")
        #expect(today.state == .notStarted)
        #expect(today.since == Build.date("2026-11-30"))
        #expect(today.dueOn == Build.date("2026-12-30"))
        #expect(status("2026-12-30").state == .notStarted)
        #expect(status("2026-12-31").state == .overdue)
    }

    @Test func staffEmployedAtLaunchGetTheRolloutPeriodNewStartersTheGracePeriod() {
        let policy = Self.policy(launch: "2026-12-01", rollout: 90)
        let atLaunch = status("2026-12-01", policy: policy)
        #expect(atLaunch.since == Build.date("2026-12-01") && atLaunch.dueOn == Build.date("2027-03-01"))
        let newcomer = Requirement(moduleID: "core", reasons: [.role("clinician")], obligationIDs: [], arose: Build.date("2027-02-01"))
        #expect(status("2027-02-01", policy: policy, requirement: newcomer).dueOn == Build.date("2027-03-03"))
    }

    @Test func aPassCountsForItsValidityThenExpires() {
        let passes = [Self.pass("2026-12-10", version: "2.1")]
        #expect(status("2027-01-01", passes: passes).state == .met)
        #expect(status("2027-01-01", passes: passes).expiresOn == Build.date("2028-12-10"))
        #expect(status("2028-10-11", passes: passes).state == .expiringSoon)
        #expect(status("2028-12-09", passes: passes).state == .expiringSoon)
        #expect(status("2028-12-10", passes: passes).state == .expired)
        #expect(status("2028-12-10", passes: passes, open: true).state == .inProgress)
    }

    /// A retake inside the "expiring soon" window renews from the old expiry: no months lost.
    @Test func aRetakeInTheWindowRenewsFromTheOldExpiry() {
        let first = Self.pass("2026-12-10", version: "2.1")
        let early = status("2029-01-01", passes: [first, Self.pass("2028-11-01", version: "2.1")])
        #expect(early.expiresOn == Build.date("2030-12-10"))
        #expect(early.completion?.passedOn == Build.date("2028-11-01"))
        // After the expiry, a retake counts from its own day.
        let late = status("2029-03-01", passes: [first, Self.pass("2029-02-01", version: "2.1")])
        #expect(late.expiresOn == Build.date("2031-02-01"))
    }

    @Test func aCalendarRenewalRunsToTheFixedDay() {
        let policy = Self.policy(renewal: .calendar(month: 1, day: 31))
        #expect(policy.expiry(of: [Self.pass("2026-06-10")]) == Build.date("2028-01-31"))
        #expect(policy.expiry(of: [Self.pass("2026-01-31")]) == Build.date("2028-01-31"))
        let yearly = Policy(passMark: 0.8, questionsPerQuiz: 10, validityMonths: 12, graceDays: 30, expiringSoonDays: 60,
                            invalidatePassOn: .major, timeZone: TimeZone(identifier: "Europe/Oslo")!, jurisdiction: .norway, renewal: .calendar(month: 1, day: 31))
        #expect(yearly.expiry(of: [Self.pass("2026-06-10")]) == Build.date("2027-01-31"))
        #expect(yearly.expiry(of: [Self.pass("2027-01-31")]) == Build.date("2028-01-31"))
    }

    /// A minor revision keeps a pass; a major one asks for a retake, due from its publication.
    @Test func aMajorVersionVoidsAPassAndDatesTheRetakeFromItsPublication() {
        let minor = status("2027-01-01", passes: [Self.pass("2026-12-10", version: "2.0")])
        #expect(minor.state == .met)
        let facts = ModuleFacts(currentVersion: ModuleVersion("3.0")!, published: Build.date("2026-11-30"),
                                currentVersionPublished: Build.date("2027-05-01"), obligationsEffective: nil)
        let voided = status("2027-05-15", passes: [Self.pass("2026-12-10", version: "2.1")], facts: facts)
        #expect(voided.state == .notStarted)
        #expect(voided.dueOn == Build.date("2027-05-31"))
        #expect(voided.voidedCompletion?.version == ModuleVersion("2.1"))
        #expect(status("2027-06-01", passes: [Self.pass("2026-12-10", version: "2.1")], facts: facts).state == .overdue)
    }

    @Test func anExemptionHoldsUntilItsLastDay() {
        let exemption = Exemption(employeeID: "E9", moduleID: "core", reason: "Completed the regional course", approver: "E1",
                                  grantedOn: Build.date("2026-12-01"), until: Build.date("2027-06-30"))
        #expect(status("2027-02-01", exemptions: [exemption]).state == .exempt)
        #expect(status("2027-06-30", exemptions: [exemption]).state == .exempt)
        #expect(status("2027-07-01", exemptions: [exemption]).state == .overdue)
    }

    @Test func aLeaverHasNoRequirementsAndAMoverTheNewUnitsFromTheMove() {
        let catalog = Build.catalog()
        var leaver = Build.person("E1", unit: "W")
        leaver.active = false
        #expect(catalog.requirements(for: leaver, unitAncestry: ["W", "C"], systems: []).isEmpty)
        let triage = AISystem(id: "triage", name: "T", vendor: "V", purpose: "P", contextIDs: ["high-risk"], unitIDs: ["C"], roleIDs: [],
                              unitSince: ["C": Build.date("2026-01-01")])
        let mover = Build.person("E2", unit: "W", start: "2020-01-01")
        let history = PersonHistory(roleSince: ["clinician": Build.date("2020-01-01")], unitSince: Build.date("2026-09-15"))
        let requirements = catalog.requirements(for: mover, unitAncestry: ["W", "C"], systems: [triage], history: history)
        #expect(requirements.map(\.moduleID) == ["basics", "oversight"])
        #expect(requirements.map(\.arose) == [Build.date("2020-01-01"), Build.date("2026-09-15")])
    }
}

/// Properties over generated histories: statuses are a pure function of their inputs, a pass
/// never makes a status worse, time never turns an expired pass back into a valid one, and an
/// inactive person has no open requirement.
struct CompliancePropertyTests {
    /// How good a state is for the person (higher is better).
    static func goodness(_ state: RequirementStatus.State) -> Int {
        switch state {
        case .overdue: 0
        case .expired: 1
        case .notStarted: 2
        case .inProgress: 3
        case .expiringSoon: 4
        case .met: 5
        case .exempt: 6
        }
    }

    static let days = Gen.int(in: 0...2_000)
    static let base = Build.date("2025-01-01")

    static func pass(_ offset: Int, major: Int) -> Completion {
        Completion(moduleID: "core", version: ModuleVersion(major: major, minor: 0), contentHash: "h",
                   passedOn: base.adding(days: offset), score: 1)
    }

    static func status(passes: [Completion], asOf: Int, open: Bool = false) -> RequirementStatus {
        ComplianceTests.policy().status(
            of: ComplianceTests.requirement, for: ComplianceTests.tor,
            module: ModuleFacts(currentVersion: ModuleVersion("2.0")!, published: base, currentVersionPublished: base.adding(days: 300),
                                obligationsEffective: nil),
            completions: passes, hasOpenAttempt: open, asOf: base.adding(days: asOf))
    }

    @Test func statusesArePureFunctionsOfTheirInputs() async {
        await propertyCheck(input: Self.days.array(of: 0...5), Self.days, Gen.bool) { offsets, asOf, open in
            let passes = offsets.map { Self.pass($0, major: 2) }
            #expect(Self.status(passes: passes, asOf: asOf, open: open) == Self.status(passes: passes.reversed(), asOf: asOf, open: open))
        }
    }

    @Test func addingAPassNeverMakesAStatusWorse() async {
        await propertyCheck(input: Self.days.array(of: 0...4), Self.days, Self.days, Gen.int(in: 1...2)) { offsets, extra, asOf, major in
            let passes = offsets.map { Self.pass($0, major: 2) }
            let before = Self.status(passes: passes, asOf: asOf)
            let after = Self.status(passes: passes + [Self.pass(extra, major: major)], asOf: asOf)
            #expect(Self.goodness(after.state) >= Self.goodness(before.state), "\(before.state) → \(after.state)")
        }
    }

    @Test func movingTheDateForwardNeverTurnsExpiredBackIntoMet() async {
        await propertyCheck(input: Self.days.array(of: 1...4), Self.days, Gen.int(in: 0...1_000)) { offsets, asOf, later in
            let passes = offsets.map { Self.pass($0, major: 2) }
            guard Self.status(passes: passes, asOf: asOf).state == .expired else { return }
            let future = Self.status(passes: passes.filter { $0.passedOn <= Self.base.adding(days: asOf) }, asOf: asOf + later)
            #expect(future.state == .expired || future.state == .overdue)
        }
    }

    @Test func anInactivePersonHasNoOpenRequirement() async {
        await propertyCheck(input: Gen.bool, Gen.bool) { clinician, active in
            var person = Build.person("E1", roles: clinician ? ["clinician"] : [])
            person.active = active
            let requirements = Build.catalog().requirements(for: person, unitAncestry: ["W", "C", "H"], systems: [])
            if !active { #expect(requirements.isEmpty) }
        }
    }
}

/// Other measures (a hands-on sign-off, a workshop) count as a pass does, but only for the
/// requirements whose role or system allows them.
struct AttestedMeasureTests {
    static let requirement = Requirement(moduleID: "core", reasons: [.role("clinician")], obligationIDs: ["art-4"],
                                         arose: Build.date("2012-03-01"), measureIDs: ["workshop"])

    func status(_ asOf: String, passes: [Completion] = [], attested: [Attestation], requirement: Requirement = Self.requirement) -> RequirementStatus {
        ComplianceTests.policy().status(of: requirement, for: ComplianceTests.tor, module: ComplianceTests.facts, completions: passes,
                                        attestations: attested, hasOpenAttempt: false, asOf: Build.date(asOf))
    }

    static func attended(_ measure: String = "workshop", on day: String) -> Attestation {
        Attestation(employeeID: "E9", measureID: measure, attestedBy: "E1", attestedOn: Build.date(day))
    }

    @Test func anAllowedMeasureMeetsTheRequirementForTheValidityPeriod() {
        let met = status("2027-02-01", attested: [Self.attended(on: "2027-01-10")])
        #expect(met.state == .met && met.attestation == Self.attended(on: "2027-01-10") && met.expiresOn == Build.date("2029-01-10"))
        #expect(status("2029-01-10", attested: [Self.attended(on: "2027-01-10")]).state == .expired)
    }

    @Test func aMeasureTheRequirementDoesNotAllowIsNotEvidence() {
        let other = status("2027-02-01", attested: [Self.attended("hands-on", on: "2027-01-10")])
        #expect(other.state == .overdue && other.attestation == nil)
        let noneAllowed = Requirement(moduleID: "core", reasons: [.role("clinician")], obligationIDs: [], arose: Build.date("2012-03-01"))
        #expect(status("2027-02-01", attested: [Self.attended(on: "2027-01-10")], requirement: noneAllowed).state == .overdue)
    }

    /// The newest evidence renews: a workshop in the pass's last 60 days renews it from its expiry
    /// (no months lost), as a retake would; a pass of an old major
    /// version does not hide the workshop.
    @Test func passesAndMeasuresRenewAlike() {
        let renewed = status("2027-02-01", passes: [ComplianceTests.pass("2025-03-04", version: "2.1")],
                             attested: [Self.attended(on: "2027-01-10")])
        #expect(renewed.state == .met && renewed.expiresOn == Build.date("2029-03-04") && renewed.completion != nil)
        let oldMajor = status("2027-02-01", passes: [ComplianceTests.pass("2026-12-01", version: "1.0")],
                              attested: [Self.attended(on: "2027-01-10")])
        #expect(oldMajor.state == .met && oldMajor.voidedCompletion == nil && oldMajor.since == Build.date("2026-11-30"))
    }
}
