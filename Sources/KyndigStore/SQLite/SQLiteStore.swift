import Foundation
package import GRDB

/// The SQLite implementation of the storage contract: one file, WAL mode, foreign keys on, a busy
/// timeout so a second process waits instead of failing. Opening it brings the schema up to date
/// and refuses a database written by a newer Kyndig.
public final class SQLiteStore: Sendable {
    let writer: any DatabaseWriter
    /// The file, or ":memory:".
    public let path: String

    /// Wraps any GRDB writer (a pool on a file, a queue in memory) and migrates it, as GRDB's
    /// `AppDatabase` does. Package-only, so no GRDB type is part of the public API.
    /// - Parameter upTo: stop after this migration (tests of upgrades only).
    package init(_ writer: any DatabaseWriter, path: String, upTo migration: String? = nil) throws {
        self.writer = writer
        self.path = path
        let migrator = Migrations.migrator()
        if try writer.read(migrator.hasBeenSuperseded) {
            throw StoreError.newerSchema(path: path)
        }
        if let migration {
            try migrator.migrate(writer, upTo: migration)
        } else {
            try migrator.migrate(writer)
        }
    }

    /// Opens the database at `path`.
    /// - Parameter create: create the file (and its directory) when missing; otherwise a missing
    ///   database is `StoreError.notFound`.
    public static func open(path: String, create: Bool) throws -> SQLiteStore {
        let fileManager = FileManager.default
        if !fileManager.fileExists(atPath: path) {
            guard create else { throw StoreError.notFound(path: path) }
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw StoreError.cannotOpen(path: path, reason: "cannot create the directory \(directory.path)")
            }
        }
        do {
            return try SQLiteStore(DatabasePool(path: path, configuration: makeConfiguration()), path: path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.cannotOpen(path: path, reason: "the file is not a SQLite database")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.busy(path: path)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// A private in-memory database (tests, throwaway runs).
    public static func inMemory() throws -> SQLiteStore {
        try SQLiteStore(DatabaseQueue(configuration: makeConfiguration()), path: ":memory:")
    }

    /// Opens a file at an older schema version (tests of upgrades only).
    package static func open(path: String, upTo migration: String) throws -> SQLiteStore {
        try SQLiteStore(DatabasePool(path: path, configuration: makeConfiguration()), path: path, upTo: migration)
    }

    /// The one place per-connection setup lives (pragmas now; the search index's FTS5 tokenizers
    /// register here too when it shares a connection).
    package static func makeConfiguration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL is on for a DatabasePool; NORMAL sync is durable in WAL mode and much faster.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    /// Migrations applied to this database, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await read { db in try Migrations.migrator().appliedIdentifiers(db).sorted() }
    }

    /// The journal mode SQLite reports ("wal" for a file).
    public func journalMode() async throws -> String {
        try await read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    // MARK: - Transactions

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.read(body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.busy(path: path)
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.write(body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.busy(path: path)
        }
    }
}
