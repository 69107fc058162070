import GRDB
@testable import KyndigStore
import KyndigTestSupport
import Testing

/// Values bound through SQLite's C API land as GRDB would have written them: an empty text is
/// empty text (not NULL), nil is NULL, non-ASCII text keeps its bytes, and a failing row throws.
struct BoundStatementTests {
    @Test func textsEmptyTextsNullsAndIntegersAreStoredAsGiven() throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let queue = try DatabaseQueue(path: directory.path("bound.sqlite"))
        let rows = try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT NOT NULL UNIQUE, b TEXT, n INTEGER NOT NULL)")
            let insert = try BoundStatement(db, sql: "INSERT INTO t (a, b, n) VALUES (?, ?, ?)")
            let long = String(repeating: "Ærlig ", count: 40)
            for (a, b, n) in [("Bjørn", Optional("x"), 1), ("", nil, -7), (long, "", Int.max)] {
                try insert.run { $0.text(a); $0.text(b); $0.integer(n) }
            }
            // A row that breaks a constraint throws, and the statement runs on afterwards.
            #expect(throws: DatabaseError.self) { try insert.run { $0.text("Bjørn"); $0.text(nil); $0.integer(2) } }
            try insert.run { $0.text("after"); $0.text("y"); $0.integer(3) }
            return try Row.fetchAll(db, sql: "SELECT a, b, typeof(b) AS kind, n FROM t ORDER BY rowid")
        }
        #expect(rows.map { $0["a"] as String } == ["Bjørn", "", String(repeating: "Ærlig ", count: 40), "after"])
        #expect(rows.map { $0["kind"] as String } == ["text", "null", "text", "text"])
        #expect(rows.map { $0["b"] as String? } == ["x", nil, "", "y"])
        #expect(rows.map { $0["n"] as Int } == [1, -7, Int.max, 3])
    }
}
