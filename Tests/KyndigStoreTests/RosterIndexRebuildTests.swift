import Foundation
import GRDB
import KyndigCore
import KyndigStore
import KyndigTestSupport
import Testing

/// A first import into an empty person table builds the table's indexes after the rows: the
/// schema afterwards is the one the migrations made, and the indexes answer as before.
struct RosterIndexRebuildTests {
    @Test func aLargeFirstImportLeavesTheSameIndexes() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("big.sqlite")
        func indexes() throws -> [String] {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            return try queue.read { (db: Database) in
                try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person' AND sql IS NOT NULL ORDER BY name")
            }
        }
        do {
            _ = try SQLiteStore.open(path: path, create: true)
        }
        let before = try indexes()
        #expect(before.count >= 4)
        do {
            let store = try SQLiteStore.open(path: path, create: false)
            let people = (0..<10_000).map { Build.person(String(format: "E%05d", $0), unit: $0 % 2 == 0 ? "W" : "X") }
            // In writing order (no reference to a row still to come), as a roster import sends it:
            // the store may build the indexes after the rows.
            let parts = RosterPlanParts(inWritingOrder: true)
            parts.send(Build.plan(adding: Build.roster(people)))
            parts.finish()
            try await store.apply(parts, on: Build.today, change: Build.change())
            #expect(try await store.person(username: "e04321")?.employeeID == "E04321")
            let planLookup = try await store.learnerRecords(inUnit: "X", after: "E09990", limit: 10).map(\.person.employeeID)
            #expect(planLookup == ["E09991", "E09993", "E09995", "E09997", "E09999"])
        }
        #expect(try indexes() == before)
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let integrity = try await queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
    }
}
