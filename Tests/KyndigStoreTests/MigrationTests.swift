import Foundation
import GRDB
import KyndigCore
@testable import KyndigStore
import KyndigTestSupport
import Testing

/// What only the SQLite backend has: its file, its migrations and its triggers.
struct MigrationTests {
    static let all = ["v1-organisation-catalog-attempts-audit", "v2-reporting-indexes", "v3-attempt-outcome-local-date",
                      "v4-unique-active-username-settings", "v5-unanswered-questions",
                      "v6-since-dates-exemptions", "v7-system-risk-overseers", "v8-change-cursor", "v9-passes-covering-index",
                      "v10-api-tokens", "v11-system-route", "v12-attested-measures", "v13-system-local-unit",
                      "v14-module-version-facts-index"]

    @Test func databaseFromTheFirstMigrationUpgradesAndKeepsItsData() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("old.sqlite")
        // Given a database created by the first migration only, with a person and a pass in it
        do {
            let old = try SQLiteStore.open(path: path, upTo: "v1-organisation-catalog-attempts-audit")
            #expect(try await old.appliedMigrations() == [Self.all[0]])
        }
        // The rows as the first version wrote them (today's code writes today's schema).
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO unit VALUES ('H', 'Hospital', NULL, 1), ('W', 'Ward', 'H', 1);
                INSERT INTO person VALUES ('E1', 'Person E1', 'e1@example.org', 'kari', 'W', '2025-03-01', NULL, 1);
                INSERT INTO person_role VALUES ('E1', 'clinician');
                INSERT INTO module_version VALUES ('m', 'en', '1.0', 'h', 'M', 't', 'q', '2025-01-01T00:00:00.000Z');
                INSERT INTO quiz_attempt (id, employee_id, module_id, lang, version, content_hash, seed, questions, pass_mark, started_at, finished_at, score, passed)
                VALUES ('a1', 'E1', 'm', 'en', '1.0', 'h', 5, '[{"questionID":"q1","optionOrder":[0,1]}]', 1.0,
                        '2025-05-01T21:00:00.000Z', '2025-05-01T22:30:00.000Z', 1.0, 1);
                INSERT INTO quiz_answer VALUES ('a1', 0, 'q1', '0', 1, '2025-05-01T22:00:00.000Z');
                """)
        }
        try queue.close()
        // When the current version opens it
        let upgraded = try SQLiteStore.open(path: path, create: false)
        // Then every migration is applied and nothing was lost; the old pass keeps its UTC date
        #expect(try await upgraded.appliedMigrations() == Self.all)
        #expect(try await upgraded.person(username: "kari")?.name == "Person E1")
        // Facts kept before v6 date from the person's start.
        let record = try await upgraded.learnerRecord(of: try #require(try await upgraded.person(employeeID: "E1")))
        #expect(record.history == PersonHistory(roleSince: ["clinician": Build.date("2025-03-01")], unitSince: Build.date("2025-03-01")))
        let attempt = try #require(try await upgraded.attempt(id: "a1"))
        #expect(attempt.finished?.outcome == .passed && attempt.finished?.result?.correct == 1)
        #expect(try await upgraded.completions(of: "E1").map(\.passedOn) == [Build.date("2025-05-01")])
    }

    /// v4 makes usernames unique among active people; a database where two share one cannot be
    /// upgraded silently (which person's quizzes are whose?), so it says which.
    @Test func anUpgradeBlockedBySharedUsernamesSaysWhichPeople() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("shared.sqlite")
        do {
            _ = try SQLiteStore.open(path: path, upTo: "v3-attempt-outcome-local-date")
        }
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO unit VALUES ('W', 'Ward', NULL, 1);
                INSERT INTO person VALUES ('E1', 'A', '', 'kari', 'W', '2025-03-01', NULL, 1), ('E2', 'B', '', 'kari', 'W', '2025-03-01', NULL, 1);
                """)
        }
        try queue.close()
        #expect(throws: StoreError.cannotOpen(path: path, reason: "active people share a username: 'kari' (E1, E2). Import a roster that gives each their own username with the Kyndig version that wrote this database, then open it with this one")) {
            try SQLiteStore.open(path: path, create: false)
        }
    }

    @Test func opensInWALModeAndCreatesItsDirectoryOnlyWhenAskedTo() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("nested/dir/k.sqlite")
        #expect(throws: StoreError.notFound(path: path)) { try SQLiteStore.open(path: path, create: false) }
        #expect(!FileManager.default.fileExists(atPath: directory.path("nested")))
        let store = try SQLiteStore.open(path: path, create: true)
        #expect(try await store.journalMode() == "wal")
    }

    @Test func aFileThatIsNotADatabaseIsNamed() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("roster.csv", "employee_id,name\nE1,Kari\n" + String(repeating: "x", count: 200))
        #expect(throws: StoreError.cannotOpen(path: path, reason: "the file is not a SQLite database")) {
            try SQLiteStore.open(path: path, create: false)
        }
    }

    @Test func aDatabaseWrittenByANewerKyndigIsRefusedUntouched() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("newer.sqlite")
        _ = try SQLiteStore.open(path: path, create: true)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try queue.close()
        #expect(throws: StoreError.newerSchema(path: path)) { try SQLiteStore.open(path: path, create: false) }
    }

    /// A hand-edited or damaged row is an error naming table, key and column, never a default
    /// (a start date of 1970-01-01, a language of nb) that would be false evidence.
    @Test(arguments: [
        ("UPDATE person SET start_date = '01.03.2025' WHERE employee_id = 'E1'", "person", "employee_id=E1", "start_date"),
        ("UPDATE person SET active = 7 WHERE employee_id = 'E1'", "person", "employee_id=E1", "active"),
        ("UPDATE quiz_attempt SET lang = 'sv'", "quiz_attempt", "id=a1", "lang"),
        ("UPDATE quiz_attempt SET version = 'one'", "quiz_attempt", "id=a1", "version"),
        ("UPDATE quiz_attempt SET finished_on = NULL", "quiz_attempt", "id=a1", "finished_on"),
        ("UPDATE quiz_attempt SET outcome = 'failed'", "quiz_attempt", "id=a1", "outcome"),
        ("UPDATE quiz_attempt SET questions = '[{]'", "quiz_attempt", "id=a1", "questions"),
    ])
    func aDamagedRowIsAnErrorNamingItsTableKeyAndColumn(_ sql: String, _ table: String, _ key: String, _ column: String) async throws {
        let directory = try TemporaryDirectory()
        let store = try await damagedStore(in: directory, by: sql)
        let damaged = StoreError.damagedRow(table: table, key: key, column: column)
        if table == "person" {
            await #expect(throws: damaged) { _ = try await store.person(employeeID: "E1") }
            await #expect(throws: damaged) { _ = try await store.rosterSnapshot() }
        } else {
            await #expect(throws: damaged) { _ = try await store.attempt(id: "a1") }
        }
    }

    /// The evidence statuses are computed from (a report's bulk read reads it column by column
    /// through SQLite's C API) is as strict: the person's own record, a unit's and everyone's.
    @Test(arguments: [
        ("UPDATE quiz_attempt SET version = 'one'", "quiz_attempt", "id=a1", "version"),
        ("UPDATE quiz_attempt SET finished_on = NULL", "quiz_attempt", "id=a1", "finished_on"),
        ("UPDATE quiz_attempt SET finished_on = '2026-02-30'", "quiz_attempt", "id=a1", "finished_on"),
        ("UPDATE quiz_attempt SET score = 'high'", "quiz_attempt", "id=a1", "score"),
        ("UPDATE quiz_attempt SET content_hash = X'0102'", "quiz_attempt", "id=a1", "content_hash"),
        ("UPDATE quiz_attempt SET module_id = CAST(X'6DFF' AS TEXT)", "quiz_attempt", "id=a1", "module_id"),
        ("UPDATE person_role SET since = '1. mars'", "person_role", "employee_id=E1", "since"),
    ])
    func damagedEvidenceIsAnErrorInEveryRead(_ sql: String, _ table: String, _ key: String, _ column: String) async throws {
        let directory = try TemporaryDirectory()
        let store = try await damagedStore(in: directory, by: sql)
        let damaged = StoreError.damagedRow(table: table, key: key, column: column)
        await #expect(throws: damaged) { _ = try await store.learnerRecord(employeeID: "E1") }
        await #expect(throws: damaged) { _ = try await store.learnerRecords(inUnit: "W", after: nil, limit: 10) }
        await #expect(throws: damaged) { _ = try await store.learnerRecords(inUnit: nil, after: nil, limit: 10) }
    }

    /// A store whose person E1 passed one quiz (attempt a1), then damaged by `sql` as a hand
    /// edit would, past the schema's own checks.
    func damagedStore(in directory: TemporaryDirectory, by sql: String) async throws -> SQLiteStore {
        let path = directory.path("damaged.sqlite")
        do {
            let store = try SQLiteStore.open(path: path, create: true)
            try await store.apply(Build.plan(adding: Build.roster([Build.person("E1")])), on: Build.today, change: Build.change())
            _ = try await store.store([ModuleVersionRecord(moduleID: "m", language: .en, version: ModuleVersion("1.0")!, contentHash: "h", title: "M", moduleText: "t", quizText: "q")], change: Build.change())
            _ = try await store.startAttempt(AttemptRecord(
                id: "a1", employeeID: "E1", moduleID: "m", language: .en, version: ModuleVersion("1.0")!, contentHash: "h", seed: 1,
                questions: [DrawnQuestion(questionID: "q1", optionOrder: [0, 1])], passMark: 1, startedAt: Date()))
            _ = try await store.recordAnswer(AnswerRecord(position: 0, questionID: "q1", chosen: [0], correct: true), attemptID: "a1", at: Date())
            _ = try await store.finishAttempt(id: "a1", on: Build.date("2026-03-01"), change: Build.change())
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try await queue.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: sql)
        }
        try queue.close()
        return try SQLiteStore.open(path: path, create: false)
    }

    @Test func auditUpdatesAndDeletesAreRefusedAndASilentEditIsDetected() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("audit.sqlite")
        let store = try SQLiteStore.open(path: path, create: true)
        try await store.apply(Build.plan(adding: Build.roster([Build.person("E1")])), on: Build.today, change: Build.change("a.csv"))
        _ = try await store.store([ModuleVersionRecord(moduleID: "m", language: .nb, version: ModuleVersion("1.0")!, contentHash: "abc", title: "M", moduleText: "text", quizText: "quiz")], change: Build.change())
        let queue = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE audit_log SET actor = 'someone else'") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM audit_log") } }
        try await queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "UPDATE audit_log SET details = '{\"people_added\":\"0\"}' WHERE seq = 1")
        }
        #expect(try await store.verifyAuditChain() == AuditVerification(entries: 1, firstBroken: 1))
    }

    /// The facts of every stored module version come from an index, never from the versions'
    /// texts (which SQLite would walk to reach the sync time stored after them).
    @Test func storedVersionFactsAreReadFromTheirIndex() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("facts.sqlite")
        _ = try SQLiteStore.open(path: path, create: true)
        let plan = try await DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteStore.storedVersionsSQL).map { $0["detail"] as String }
        }
        #expect(plan == ["SCAN module_version USING COVERING INDEX module_version_facts"])
    }
}
