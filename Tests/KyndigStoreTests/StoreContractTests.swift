import Foundation
import KyndigCore
import KyndigStore
import KyndigTestSupport
import Testing

/// The storage contract, run against every backend (`StoreBackend.allCases`). A new backend
/// (PostgreSQL) passes these unchanged before it is used.
struct StoreContractTests {
    static let backends = StoreBackend.allCases

    let kari = Build.person("E1", username: "kari", unit: "W")
    let ola = Build.person("E2", username: "ola", unit: "X", roles: ["leader"])
    let per = Build.person("E3", username: "per", unit: "C")

    /// A store with the fixture roster and one module version.
    func seeded(_ backend: StoreBackend) async throws -> (store: any KyndigStore, keep: TemporaryDirectory?) {
        let (store, directory) = try backend.makeStore()
        try await store.apply(Build.plan(adding: Build.roster([kari, ola, per])), on: Build.today, change: Build.change("roster.csv"))
        _ = try await store.store([ModuleVersionRecord(moduleID: "m", language: .en, version: ModuleVersion("1.0")!, contentHash: "h",
                                                       title: "M", moduleText: "t", quizText: "q")], change: Build.change())
        return (store, directory)
    }

    func newAttempt(_ id: String = "a1", employeeID: String = "E1", seed: UInt64 = 7, at: String = "2026-03-01T10:00:00Z") -> AttemptRecord {
        AttemptRecord(id: id, employeeID: employeeID, moduleID: "m", language: .en, version: ModuleVersion("1.0")!, contentHash: "h",
                      seed: seed, questions: [DrawnQuestion(questionID: "q1", optionOrder: [2, 0, 1]),
                                              DrawnQuestion(questionID: "q2", optionOrder: [0, 1, 2])],
                      passMark: 0.5, startedAt: Build.instant(at))
    }

    // MARK: - Organisation

    /// Many requests at once, as a server under load makes them: keyed lookups (a token, a
    /// person) interleaved with scanning reads and writes neither hang nor read stale rows. (A
    /// lookup that waited for a connection an async read held until its task resumed once hung
    /// the server.)
    @Test(arguments: backends)
    func manyReadsAndWritesAtOnceNeitherHangNorMissAWrite(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        let people = [kari, ola, per]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<300 {
                let person = people[index % 3]
                group.addTask {
                    _ = try await store.systems()
                    #expect(try await store.person(employeeID: person.employeeID) == person)
                    #expect(try await store.unitAncestry(of: person.unitID).first?.id == person.unitID)
                    _ = try await store.learnerRecord(of: person)
                    _ = try await store.rosterSnapshot()
                    #expect(try await store.openAttempts(employeeID: person.employeeID).isEmpty)
                }
            }
            try await group.waitForAll()
        }
        // A lookup right after a write sees it.
        let anna = Build.person("E4", username: "anna", unit: "W")
        let plan = RosterPlan(current: try await store.rosterSnapshot(), incoming: Build.roster([kari, ola, per, anna]), full: true)
        try await store.apply(plan, on: Build.today, change: Build.change("more.csv"))
        #expect(try await store.person(employeeID: "E4") == anna)
    }

    @Test(arguments: backends)
    func rosterRoundTripsWithRolesDatesAndActiveFlags(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        let snapshot = try await store.rosterSnapshot()
        #expect(Set(snapshot.people) == [kari, ola, per])
        #expect(snapshot.units.count == 4 && snapshot.unitActive.values.allSatisfy { $0 })
        // A full roster without Per deactivates him, and keeps his record.
        let plan = RosterPlan(current: snapshot, incoming: Build.roster([kari, ola]), full: true)
        try await store.apply(plan, on: Build.today, change: Build.change("full.csv"))
        #expect(try await store.person(employeeID: "E3")?.active == false)
        #expect(try await store.person(username: "per") == nil)
        #expect(try await store.person(username: "kari") == kari)
        #expect(try await store.unitAncestry(of: "W").map(\.id) == ["W", "C", "H"])
        #expect(try await store.unitAncestry(of: "nowhere").isEmpty)
    }

    @Test(arguments: backends)
    func aRosterPlanIsAllOrNothing(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        // Given a plan whose last person sits in a unit that does not exist
        var plan = RosterPlan()
        plan.changedPeople = [Build.person("E1", username: "kari.renamed")]
        plan.addedPeople = [Build.person("E9", unit: "nowhere")]
        // When it is applied, it fails, and nothing of it is kept: not even the first change.
        await #expect(throws: (any Error).self) { try await store.apply(plan, on: Build.today, change: Build.change()) }
        #expect(try await store.person(employeeID: "E1")?.username == "kari")
        #expect(try await store.person(employeeID: "E9") == nil)
        #expect(try await store.auditEntries(limit: 10).map(\.action) == [.rosterImport, .catalogSync])
    }

    /// A plan sent in parts, as an import sends it while reading its file: the parts are written
    /// as they come, and a sender that fails after some were written leaves nothing of them.
    @Test(arguments: backends)
    func aPlanInPartsIsAllOrNothing(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        struct SenderFailed: Error {}
        /// Three parts of 500 new people each.
        func sendThreeParts(to parts: RosterPlanParts) {
            for index in 0..<3 {
                var part = RosterPlan()
                part.addedPeople = (0..<500).map { Build.person("N\(index)-\($0)", unit: "W") }
                parts.send(part)
            }
        }
        let parts = RosterPlanParts(inWritingOrder: true)
        let written = Task { try await store.apply(parts, on: Build.today, change: Build.change()) }
        sendThreeParts(to: parts)
        // Give the store time to write what it was sent before the sender fails.
        try await Task.sleep(for: .milliseconds(200))
        parts.fail(SenderFailed())
        await #expect(throws: SenderFailed.self) { try await written.value }
        #expect(try await store.rosterSnapshot().people.count == 3)
        #expect(try await store.auditEntries(limit: 10).map(\.action) == [.rosterImport, .catalogSync])

        // The same parts, finished, are one import with one audit entry.
        let again = RosterPlanParts(inWritingOrder: true)
        let applied = Task { try await store.apply(again, on: Build.today, change: Build.change()) }
        sendThreeParts(to: again)
        again.finish()
        try await applied.value
        #expect(try await store.rosterSnapshot().people.count == 1_503)
        let entries = try await store.auditEntries(limit: 10)
        #expect(entries.map(\.action) == [.rosterImport, .catalogSync, .rosterImport])
        #expect(entries.last?.details["people_added"] == "1500")
    }

    /// A whole-organisation roster in which a new person takes the username of someone who
    /// leaves: the leaver is made inactive before the newcomer is written.
    @Test(arguments: backends)
    func aNewcomerMayTakeTheUsernameOfALeaverInTheSameImport(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        let newcomer = Build.person("E9", username: "kari", unit: "W")
        let plan = RosterPlan(current: try await store.rosterSnapshot(), incoming: Build.roster([ola, per, newcomer]), full: true)
        try await store.apply(plan, on: Build.today, change: Build.change())
        #expect(try await store.person(username: "kari")?.employeeID == "E9")
        #expect(try await store.person(employeeID: "E1")?.active == false)
    }

    /// Two people who swap usernames in one part: each lets go of the old one before taking the other's.
    @Test(arguments: backends)
    func twoPeopleMaySwapUsernamesInOnePart(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        var plan = RosterPlan()
        var (first, second) = (kari, ola)
        (first.username, second.username) = (ola.username, kari.username)
        plan.changedPeople = [first, second]
        try await store.apply(plan, on: Build.today, change: Build.change())
        #expect(try await store.person(username: "ola")?.employeeID == "E1")
        #expect(try await store.person(username: "kari")?.employeeID == "E2")
    }

    /// The database itself refuses two active people with one username, whatever the caller checked.
    @Test(arguments: backends)
    func twoActivePeopleCannotShareAUsername(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        var plan = RosterPlan()
        plan.addedPeople = [Build.person("E9", username: "kari", unit: "W")]
        await #expect(throws: (any Error).self) { try await store.apply(plan, on: Build.today, change: Build.change()) }
        #expect(try await store.person(employeeID: "E9") == nil)
        // Once Kari is inactive, her old username may be given to someone else.
        try await store.apply(RosterPlan(current: try await store.rosterSnapshot(), incoming: Build.roster([ola, per]), full: true), on: Build.today, change: Build.change())
        try await store.apply(plan, on: Build.today, change: Build.change())
        #expect(try await store.person(username: "kari")?.employeeID == "E9")
        #expect(try await store.people(username: "kari").map(\.employeeID) == ["E9", "E1"])
    }

    @Test(arguments: backends)
    func systemsApplyAsADiffAndRoundTrip(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        let triage = AISystem(id: "triage", name: "Triage", vendor: "V", purpose: "P", contextIDs: ["high-risk"], unitIDs: ["W", "C"], roleIDs: ["clinician"])
        let scribe = AISystem(id: "scribe", name: "Scribe", vendor: "V", purpose: "P", contextIDs: ["generative-assistant"], unitIDs: ["H"], roleIDs: [])
        let first = SystemsPlan(current: try await store.systems(), incoming: [triage, scribe])
        try await store.apply(first, on: Build.today, change: Build.change("ai-systems.yaml"))
        #expect(try await store.systems().map(\.id) == ["scribe", "triage"])
        #expect(try await store.systems().last?.unitIDs == ["C", "W"])
        // The same register in another order is no change; dropping one removes it.
        #expect(SystemsPlan(current: try await store.systems(), incoming: [scribe, AISystem(id: "triage", name: "Triage", vendor: "V", purpose: "P", contextIDs: ["high-risk"], unitIDs: ["C", "W"], roleIDs: ["clinician"])]).isEmpty)
        try await store.apply(SystemsPlan(current: try await store.systems(), incoming: [triage]), on: Build.today, change: Build.change("ai-systems.yaml"))
        #expect(try await store.systems().map(\.id) == ["triage"])
        let audit = try await store.auditEntries(limit: 2)
        #expect(audit.map(\.action) == [.systemsImport, .systemsImport])
        #expect(audit.last?.details == ["added": "0", "changed": "0", "removed": "1"])
    }

    // MARK: - Catalog versions

    @Test(arguments: backends)
    func storingTheSameVersionsTwiceAddsNothingAndLeavesNoTrace(_ backend: StoreBackend) async throws {
        let (store, directory) = try backend.makeStore()
        defer { withExtendedLifetime(directory) {} }
        let records = Language.allCases.map {
            ModuleVersionRecord(moduleID: "m", language: $0, version: ModuleVersion("1.2")!, contentHash: "hash-\($0.rawValue)",
                                title: "M", moduleText: "t", quizText: "q")
        }
        #expect(try await store.store(records, change: Build.change("catalog")).count == 2)
        #expect(try await store.store(records, change: Build.change("catalog")).isEmpty)
        #expect(try await store.storedVersions() == records.map {
            StoredModuleVersion(moduleID: "m", language: $0.language, version: $0.version, contentHash: $0.contentHash,
                                storedAt: Build.instant("2026-03-01T10:00:00Z"))
        }.sorted { $0.language.rawValue < $1.language.rawValue })
        #expect(try await store.auditEntries(limit: 10).count == 1)
    }

    // MARK: - Attempts

    @Test(arguments: backends)
    func aSecondStartReturnsTheOpenAttempt(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        let first = try await store.startAttempt(newAttempt("a1", seed: 7))
        #expect(first.created && first.attempt == newAttempt("a1", seed: 7))
        let second = try await store.startAttempt(newAttempt("a2", seed: 8))
        #expect(!second.created && second.attempt == first.attempt)
        #expect(try await store.openAttempts(employeeID: "E1") == [first.attempt])
        #expect(try await store.attempt(id: "a2") == nil)
    }

    @Test(arguments: backends)
    func answersAreKeptOnceAndFinishingIsIdempotent(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        let attempt = try await store.startAttempt(newAttempt()).attempt
        let right = AnswerRecord(position: 0, questionID: "q1", chosen: [1], correct: true)
        #expect(try await store.recordAnswer(right, attemptID: attempt.id, at: Build.instant("2026-03-01T10:01:00Z")) == .recorded)
        // A retry, or a second terminal answering differently: the first answer stands.
        let other = AnswerRecord(position: 0, questionID: "q1", chosen: [0, 2], correct: false)
        #expect(try await store.recordAnswer(other, attemptID: attempt.id, at: Date()) == .alreadyAnswered)
        #expect(try await store.answers(attemptID: attempt.id) == [right])
        let wrong = AnswerRecord(position: 1, questionID: "q2", chosen: [2], correct: false)
        #expect(try await store.recordAnswer(wrong, attemptID: attempt.id, at: Date()) == .recorded)

        let finishing = Build.change("quiz", actor: "E1", at: Build.instant("2026-03-01T23:30:00Z"))
        let finished = try await store.finishAttempt(id: attempt.id, on: Build.date("2026-03-02"), change: finishing)
        let expected = AttemptRecord.Finished(
            at: finishing.at, on: Build.date("2026-03-02"), outcome: .passed, result: QuizResult(correct: 1, total: 2, passMark: 0.5))
        #expect(finished.finished == expected)
        #expect(try await store.finishAttempt(id: attempt.id, on: Build.date("2026-03-09"), change: Build.change()) == finished)
        #expect(try await store.recordAnswer(wrong, attemptID: attempt.id, at: Date()) == .attemptClosed)
        #expect(try await store.openAttempts(employeeID: "E1").isEmpty)
        #expect(try await store.completions(of: "E1") == [
            Completion(moduleID: "m", version: ModuleVersion("1.0")!, contentHash: "h", passedOn: Build.date("2026-03-02"), score: 0.5),
        ])
        let audit = try await store.auditEntries(limit: 1)[0]
        #expect(audit.action == .quizPass && audit.subject == "E1" && audit.details["score"] == "1/2" && audit.details["on"] == "2026-03-02")
    }

    /// History brought in as it was: all attempts or none, one audit entry, visible to reports and exports.
    @Test(arguments: backends)
    func importedAttemptsComeAllOrNone(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        func finished(_ id: String, _ employeeID: String, _ outcome: AttemptOutcome, correct: Int, on day: String) -> AttemptRecord {
            let base = newAttempt(id, employeeID: employeeID)
            return AttemptRecord(
                id: id, employeeID: employeeID, moduleID: base.moduleID, language: base.language, version: base.version,
                contentHash: base.contentHash, seed: base.seed, questions: base.questions, passMark: base.passMark, startedAt: base.startedAt,
                finished: .init(at: base.startedAt, on: Build.date(day), outcome: outcome,
                                result: QuizResult(correct: correct, total: 2, passMark: 0.5)))
        }
        let before = try await store.changeCursor()
        let history = [finished("h1", "E1", .failed, correct: 0, on: "2025-05-01"), finished("h2", "E1", .passed, correct: 2, on: "2025-05-02"),
                       newAttempt("h3", employeeID: "E2")]
        // A pass whose result says failed is refused, and with it the whole batch.
        await #expect(throws: StoreError.self) {
            try await store.importAttempts(history + [finished("h4", "E3", .passed, correct: 0, on: "2025-05-02")], change: Build.change("old LMS"))
        }
        #expect(try await store.attempt(id: "h1") == nil)
        #expect(try await store.changeCursor() == before)
        try await store.importAttempts(history, change: Build.change("old LMS"))
        #expect(try await store.attempt(id: "h2") == history[1])
        #expect(try await store.openAttempts(employeeID: "E2").map(\.id) == ["h3"])
        #expect(try await store.completions(of: "E1").map(\.passedOn) == [Build.date("2025-05-02")])
        let audit = try await store.auditEntries(limit: 1)[0]
        #expect(audit.action == .historyImport && audit.details == ["attempts": "3", "passes": "1", "open": "1"])
        let cursor = try await store.changeCursor()
        #expect(try await store.passesChanged(since: before, upTo: cursor, after: nil, limit: 10).map(\.id) == ["h2"])
        // The same ids again: refused, nothing doubled.
        await #expect(throws: (any Error).self) { try await store.importAttempts(history, change: Build.change("old LMS")) }
        #expect(try await store.completions(of: "E1").count == 1)
    }

    @Test(arguments: backends)
    func anAbandonedAttemptIsNeitherPassNorFail(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        let attempt = try await store.startAttempt(newAttempt()).attempt
        _ = try await store.recordAnswer(AnswerRecord(position: 0, questionID: "q1", chosen: [1], correct: true), attemptID: attempt.id, at: Date())
        let closed = try await store.abandonAttempt(id: attempt.id, on: Build.date("2026-03-01"), change: Build.change("module changed", actor: "E1"))
        #expect(closed.finished?.outcome == .abandoned && closed.finished?.result == nil)
        #expect(try await store.finishAttempt(id: attempt.id, on: Build.date("2026-03-01"), change: Build.change()) == closed)
        #expect(try await store.completions(of: "E1").isEmpty)
        #expect(try await store.learnerRecord(of: kari).openAttemptModuleIDs.isEmpty)
        #expect(try await store.answers(attemptID: attempt.id).count == 1)
        let audit = try await store.auditEntries(limit: 1)[0]
        #expect(audit.action == .quizAbandon && audit.details["answered"] == "1/2" && audit.details["reason"] == "module changed")
        // A new attempt can start now.
        #expect(try await store.startAttempt(newAttempt("a2")).created)
    }

    @Test(arguments: backends)
    func unknownAttemptsAreNamed(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        await #expect(throws: StoreError.unknownAttempt(id: "nope")) {
            _ = try await store.finishAttempt(id: "nope", on: Build.date("2026-03-01"), change: Build.change())
        }
    }

    // MARK: - Bulk reads

    @Test(arguments: backends)
    func learnerRecordsCoverAUnitSubtreePageByPage(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        let attempt = try await store.startAttempt(newAttempt()).attempt
        _ = try await store.startAttempt(newAttempt("a3", employeeID: "E3"))
        for position in 0..<2 {
            _ = try await store.recordAnswer(AnswerRecord(position: position, questionID: "q\(position + 1)", chosen: [0], correct: true), attemptID: attempt.id, at: Date())
        }
        _ = try await store.finishAttempt(id: attempt.id, on: Build.date("2026-03-01"), change: Build.change())

        // Clinic C holds ward W: Kari (W) and Per (C), not Ola (X).
        var clinic: [LearnerRecord] = []
        for try await record in store.learnerRecords(inUnit: "C", pageSize: 1) { clinic.append(record) }
        #expect(clinic.map(\.person.employeeID) == ["E1", "E3"])
        #expect(clinic[0].completions.map(\.moduleID) == ["m"] && clinic[0].openAttemptModuleIDs.isEmpty)
        #expect(clinic[1].completions.isEmpty && clinic[1].openAttemptModuleIDs == ["m"])
        var everyone: [String] = []
        for try await record in store.learnerRecords(inUnit: nil, pageSize: 2) { everyone.append(record.person.employeeID) }
        #expect(everyone == ["E1", "E2", "E3"])
        #expect(try await store.learnerRecords(inUnit: "X", after: nil, limit: 10).map(\.person.employeeID) == ["E2"])
        #expect(try await store.learnerRecords(inUnit: "nowhere", after: nil, limit: 10).isEmpty)
        // An inactive person is not in current reports.
        try await store.apply(RosterPlan(current: try await store.rosterSnapshot(), incoming: Build.roster([kari, ola]), full: true), on: Build.today, change: Build.change())
        #expect(try await store.learnerRecords(inUnit: "C", after: nil, limit: 10).map(\.person.employeeID) == ["E1"])
    }

    /// Everyone's records (read by ranges of employee ids) are each person's own, whatever the
    /// page size, and someone who left between two others lends them nothing.
    @Test(arguments: backends)
    func everyonesRecordsAreEachPersonsOwnOnEveryPage(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        for (id, employeeID) in [("a1", "E1"), ("a2", "E2")] {
            _ = try await store.startAttempt(newAttempt(id, employeeID: employeeID))
            for position in 0..<2 {
                _ = try await store.recordAnswer(AnswerRecord(position: position, questionID: "q\(position + 1)", chosen: [0], correct: true), attemptID: id, at: Date())
            }
            _ = try await store.finishAttempt(id: id, on: Build.date("2026-03-01"), change: Build.change())
        }
        _ = try await store.startAttempt(newAttempt("a3", employeeID: "E3"))
        // Ola (E2, between the other two) leaves; her pass stays as evidence.
        try await store.apply(RosterPlan(current: try await store.rosterSnapshot(), incoming: Build.roster([kari, per]), full: true), on: Build.today, change: Build.change())
        for pageSize in [1, 2, 3, 10] {
            var records: [LearnerRecord] = []
            for try await record in store.learnerRecords(inUnit: nil, pageSize: pageSize) { records.append(record) }
            #expect(records.map(\.person.employeeID) == ["E1", "E3"])
            for record in records { #expect(record == (try await store.learnerRecord(of: record.person))) }
            #expect(records.first?.completions.count == 1 && records.last?.completions.isEmpty == true)
        }
    }

    // MARK: - Audit

    @Test(arguments: backends)
    func auditEntriesAreChainedAndVerify(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        let entries = try await store.auditEntries(limit: 10)
        #expect(entries.map(\.action) == [.rosterImport, .catalogSync])
        #expect(entries[0].sequence == 1 && entries[0].previousHash == "")
        #expect(entries[1].previousHash == entries[0].hash)
        #expect(entries[0].details["people_added"] == "3" && entries[0].subject == "roster.csv" && entries[0].actor == "tester")
        #expect(entries[0].at == Build.instant("2026-03-01T10:00:00Z"))
        #expect(try await store.verifyAuditChain() == AuditVerification(entries: 2, firstBroken: nil))
        #expect(try await store.auditEntries(limit: 1).map(\.sequence) == [2])
    }

    // MARK: - Since dates and exemptions

    /// A requirement is never due before the fact behind it, so the store keeps when each began.
    @Test(arguments: backends)
    func rolesUnitsAndSystemLinksKeepTheDayTheyBegan(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        #expect(try await store.learnerRecord(of: kari).history == PersonHistory(roleSince: ["clinician": kari.startDate], unitSince: kari.startDate))
        // Read by employee id, the person comes with the same record; nobody, nil.
        #expect(try await store.learnerRecord(employeeID: "E1") == store.learnerRecord(of: kari))
        #expect(try await store.learnerRecord(employeeID: "E1")?.person == kari)
        #expect(try await store.learnerRecord(employeeID: "nobody") == nil)
        // Kari becomes a leader too and moves to ward X on 1 June; her clinician role keeps its date.
        var moved = kari
        moved.roleIDs = ["clinician", "leader"]
        moved.unitID = "X"
        let june = Build.date("2026-06-01")
        try await store.apply(RosterPlan(current: try await store.rosterSnapshot(), incoming: Build.roster([moved, ola, per]), full: false),
                              on: june, change: Build.change())
        let history = try await store.learnerRecord(of: moved).history
        #expect(history == PersonHistory(roleSince: ["clinician": kari.startDate, "leader": june], unitSince: june))
        // A system keeps the day it was registered for a unit when the register is imported again.
        let triage = AISystem(id: "triage", name: "T", vendor: "V", purpose: "P", contextIDs: [], unitIDs: ["W"], roleIDs: [])
        try await store.apply(SystemsPlan(current: [], incoming: [triage]), on: Build.date("2026-01-10"), change: Build.change())
        var wider = triage
        wider.unitIDs = ["W", "X"]
        try await store.apply(SystemsPlan(current: try await store.systems(), incoming: [wider]), on: june, change: Build.change())
        #expect(try await store.systems().first?.unitSince == ["W": Build.date("2026-01-10"), "X": june])
    }

    @Test(arguments: backends)
    func exemptionsAreGrantedReplacedAndRevokedWithAnAuditTrail(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        let first = Exemption(employeeID: "E1", moduleID: "m", reason: "Regional course", approver: "E2", grantedOn: Build.date("2026-03-01"), until: nil)
        try await store.grant(first, change: Build.change())
        let second = Exemption(employeeID: "E1", moduleID: "m", reason: "Renewed", approver: "E2", grantedOn: Build.date("2026-04-01"), until: Build.date("2026-12-31"))
        try await store.grant(second, change: Build.change())
        #expect(try await store.exemptions(employeeID: "E1") == [second])
        #expect(try await store.learnerRecord(of: kari).exemptions == [second])
        #expect(try await store.revokeExemption(employeeID: "E1", moduleID: "m", on: Build.date("2026-05-01"), change: Build.change()))
        #expect(try await !store.revokeExemption(employeeID: "E1", moduleID: "m", on: Build.date("2026-05-01"), change: Build.change()))
        #expect(try await store.exemptions(employeeID: "E1").isEmpty)
        #expect(try await store.auditEntries(limit: 3).map(\.action) == [.exemptionGrant, .exemptionGrant, .exemptionRevoke])
    }

    /// Attested measures are evidence: kept oldest first, in the person's record and the bulk
    /// read, each in the audit log; a system's accepted measures round-trip with the register.
    @Test(arguments: backends)
    func attestedMeasuresAreKeptAndAudited(_ backend: StoreBackend) async throws {
        let (store, directory) = try await seeded(backend)
        defer { withExtendedLifetime(directory) {} }
        let later = Attestation(employeeID: "E1", measureID: "hands-on", attestedBy: "E2", attestedOn: Build.date("2026-04-01"))
        let earlier = Attestation(employeeID: "E1", measureID: "workshop", attestedBy: "E2", attestedOn: Build.date("2026-03-01"))
        try await store.attest(later, change: Build.change())
        try await store.attest(earlier, change: Build.change())
        #expect(try await store.attestations(employeeID: "E1") == [earlier, later])
        #expect(try await store.learnerRecord(of: kari).attestations == [earlier, later])
        var bulk: [String: [Attestation]] = [:]
        for try await record in store.learnerRecords(inUnit: nil) { bulk[record.person.employeeID] = record.attestations }
        #expect(bulk["E1"] == [earlier, later] && bulk["E2"] == [])
        let audit = try await store.auditEntries(limit: 2)
        #expect(audit.map(\.action) == [.measureAttest, .measureAttest])
        // Oldest first: the hands-on sign-off was recorded first.
        #expect(audit[0].details == ["measure": "hands-on", "attested_by": "E2", "attested_on": "2026-04-01"])
        #expect(audit[1].details == ["measure": "workshop", "attested_by": "E2", "attested_on": "2026-03-01"])
        #expect(audit[0].subject == "E1")
        #expect(try await store.verifyAuditChain().firstBroken == nil)

        let system = AISystem(id: "triage", name: "T", vendor: "V", purpose: "P", risk: .high, route: .annexIII, contextIDs: [],
                              unitIDs: ["W"], roleIDs: [], measureIDs: ["hands-on"], localUnitID: "triage-local")
        try await store.apply(SystemsPlan(current: [], incoming: [system]), on: Build.date("2026-03-01"), change: Build.change())
        let stored = try #require(try await store.systems().first)
        #expect(stored.measureIDs == ["hands-on"] && stored.route == .annexIII && stored.localUnitID == "triage-local")
        // The local unit is compared by the import's plan, and taking it away is stored as none.
        #expect(SystemsPlan(current: [stored], incoming: [system]).isEmpty)
        var without = system
        without.localUnitID = nil
        let plan = SystemsPlan(current: [stored], incoming: [without])
        #expect(plan.changed.map(\.id) == ["triage"])
        try await store.apply(plan, on: Build.date("2026-03-02"), change: Build.change())
        #expect(try await store.systems().first?.localUnitID == nil)
    }
}
