import Foundation
import GRDB
import KyndigCore
import KyndigStore
import KyndigTestSupport
import Testing

struct AuditLogTests {
    func storeWithTwoEntries(in directory: TemporaryDirectory) throws -> KyndigDatabase {
        let store = try KyndigDatabase(path: directory.path("audit.sqlite"))
        let plan = RosterPlan(current: RosterSnapshot(units: [], people: []), incoming: MigrationTests.roster, full: false)
        try store.apply(plan, source: "a.csv", actor: "hr", at: Date(timeIntervalSince1970: 1_790_000_000))
        _ = try store.sync([ModuleVersionRecord(moduleID: "m", language: .nb, version: ModuleVersion("1.0")!, contentHash: "abc",
                                                title: "M", moduleText: "text", quizText: "quiz")],
                           actor: "author", at: Date(timeIntervalSince1970: 1_790_000_100))
        return store
    }

    @Test func entriesAreChainedAndVerify() throws {
        let directory = try TemporaryDirectory()
        let store = try storeWithTwoEntries(in: directory)
        let entries = try store.auditEntries(limit: 10)
        #expect(entries.map(\.action) == ["roster.import", "catalog.sync"])
        #expect(entries[0].previousHash == "")
        #expect(entries[1].previousHash == entries[0].hash)
        #expect(entries[0].details["people_added"] == "1")
        #expect(try store.verifyAuditChain() == nil)
    }

    @Test func updatesAndDeletesAreRefused() throws {
        let directory = try TemporaryDirectory()
        _ = try storeWithTwoEntries(in: directory)
        let queue = try DatabaseQueue(path: directory.path("audit.sqlite"))
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE audit_log SET actor = 'someone else'") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM audit_log") } }
    }

    @Test func aSilentEditIsDetectedByTheChain() throws {
        let directory = try TemporaryDirectory()
        let store = try storeWithTwoEntries(in: directory)
        let queue = try DatabaseQueue(path: directory.path("audit.sqlite"))
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "UPDATE audit_log SET details = '{\"people_added\":\"0\"}' WHERE seq = 1")
        }
        #expect(try store.verifyAuditChain() == 1)
    }
}
