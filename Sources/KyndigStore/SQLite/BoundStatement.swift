import GRDB
import GRDBSQLite

/// A prepared statement run once per row of an import, its values bound through SQLite's C API.
/// GRDB's `StatementArguments` box every value of every row; for a 100,000-person roster that was
/// a third of the time spent writing it. Stepping, errors and transaction bookkeeping stay GRDB's
/// (`Statement.execute()`), so a failing row throws the same `DatabaseError` as before.
struct BoundStatement {
    private let statement: Statement

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        // Marks the statement's arguments as set, so `execute()` runs it with what `run` binds.
        statement.setUncheckedArguments([])
    }

    /// Binds the row's values in parameter order (`values` is called with a binder starting at
    /// the first `?`) and runs the statement.
    func run(_ values: (inout Binder) -> Void) throws {
        let handle = statement.sqliteStatement
        // Binding needs a statement that is not mid-run; the last run ended with SQLITE_DONE.
        sqlite3_reset(handle)
        var binder = Binder(handle: handle)
        values(&binder)
        precondition(binder.next - 1 == sqlite3_bind_parameter_count(handle), "every parameter is bound on every row")
        try statement.execute()
    }

    struct Binder {
        let handle: SQLiteStatement
        fileprivate(set) var next: Int32 = 1

        /// SQLite copies the bytes before the call returns (`SQLITE_TRANSIENT`).
        private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

        mutating func text(_ value: String) {
            var value = value
            value.withUTF8 { bytes in
                // An empty buffer may have no address, which SQLite would bind as NULL.
                if let address = bytes.baseAddress {
                    _ = address.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        sqlite3_bind_text(handle, next, $0, Int32(bytes.count), Self.transient)
                    }
                } else {
                    sqlite3_bind_text(handle, next, "", 0, Self.transient)
                }
            }
            next += 1
        }

        mutating func text(_ value: String?) {
            guard let value else {
                sqlite3_bind_null(handle, next)
                next += 1
                return
            }
            text(value)
        }

        mutating func integer(_ value: Int) {
            sqlite3_bind_int64(handle, next, Int64(value))
            next += 1
        }
    }
}
