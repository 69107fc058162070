import Foundation
package import GRDB

/// The SQLite implementation of the storage contract: one file, WAL mode, foreign keys on, a busy
/// timeout so a second process waits instead of failing. Opening it brings the schema up to date
/// and refuses a database written by a newer Kyndig.
public final class SQLiteStore: Sendable {
    let writer: any DatabaseWriter
    /// The file, or ":memory:".
    public let path: String
    /// Where `lookup` reads: for a file, read-only connections of its own (see `lookup`).
    private let lookups: Lookups

    /// Wraps any GRDB writer (a pool on a file, a queue in memory) and migrates it, as GRDB's
    /// `AppDatabase` does. Package-only, so no GRDB type is part of the public API.
    /// - Parameter upTo: stop after this migration (tests of upgrades only).
    package init(_ writer: any DatabaseWriter, path: String, upTo migration: String? = nil) throws {
        self.writer = writer
        self.path = path
        lookups = try Self.lookupReader(beside: writer, path: path)
        let migrator = Migrations.migrator()
        if try writer.read(migrator.hasBeenSuperseded) {
            throw StoreError.newerSchema(path: path)
        }
        do {
            if let migration {
                try migrator.migrate(writer, upTo: migration)
            } else {
                try migrator.migrate(writer)
            }
        } catch let blocked as MigrationBlocked {
            throw StoreError.cannotOpen(path: path, reason: blocked.reason)
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
        return try opening(path) { try SQLiteStore(DatabasePool(path: path, configuration: makeConfiguration()), path: path) }
    }

    /// Opens an existing database for reading only: nothing is created, migrated or written. A
    /// database an older Kyndig wrote is `outdatedSchema` (a writing command upgrades it).
    public static func openReadOnly(path: String) throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.notFound(path: path) }
        var configuration = makeConfiguration()
        configuration.readonly = true
        return try opening(path) {
            let pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = Migrations.migrator()
            if try pool.read(migrator.hasBeenSuperseded) { throw StoreError.newerSchema(path: path) }
            guard try pool.read(migrator.hasCompletedMigrations) else { throw StoreError.outdatedSchema(path: path) }
            return try SQLiteStore(verified: pool, path: path)
        }
    }

    /// Runs `body`, naming what SQLite says about the file at `path` as a `StoreError`.
    private static func opening<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.cannotOpen(path: path, reason: "the file is not a SQLite database")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.busy(path: path)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// The lookup connections close first: SQLite folds the write-ahead log into the file and removes it
    /// when the last connection closes, which a read-only connection cannot do.
    deinit {
        if case let .connections(connections) = lookups { connections.close() }
    }

    /// A writer whose schema is known to be current.
    private init(verified writer: any DatabaseWriter, path: String) throws {
        self.writer = writer
        self.path = path
        lookups = try Self.lookupReader(beside: writer, path: path)
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

    /// What is at a path, looked at without changing it (no migration, no file created).
    public enum FileKind: Sendable, Hashable {
        case absent
        case directory
        /// A database `kyndig demo` made.
        case demo
        /// A Kyndig database with real records.
        case kyndig(people: Int, auditEntries: Int)
        /// Something else: another program's database, a CSV, a document.
        case other
    }

    public static func inspect(path: String) -> FileKind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .absent }
        if isDirectory.boolValue { return .directory }
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return .other }
        defer { try? queue.close() }
        return (try? queue.read { db -> FileKind in
            guard try db.tableExists("person"), try db.tableExists("audit_log") else { return .other }
            if try db.tableExists("setting"),
               try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'demo'") == "true" {
                return .demo
            }
            return .kyndig(people: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") ?? 0,
                           auditEntries: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log") ?? 0)
        }) ?? .other
    }

    /// Marks this database as a demo, so a later `kyndig demo` may replace it.
    public func markAsDemo() async throws {
        try await write { db in
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('demo', 'true') ON CONFLICT (key) DO UPDATE SET value = 'true'")
        }
    }

    /// Migrations applied to this database, oldest first.
    public func appliedMigrations() async throws -> [String] {
        // In the order they were registered: "v10" sorts before "v2" as text.
        try await read { db in
            try Migrations.migrator().appliedIdentifiers(db).sorted {
                (Migrations.identifiers.firstIndex(of: $0) ?? .max, $0) < (Migrations.identifiers.firstIndex(of: $1) ?? .max, $1)
            }
        }
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

    /// A read of a few rows by key (a token, one person's records), run on the calling thread.
    /// An async `read` hops to GRDB's queues and back, three thread switches that cost more than
    /// such a read itself and were most of an API request's time (issue 13's profile).
    ///
    /// It reads through connections of its own (`LookupConnections`): an async read holds its
    /// connection of the main pool until its task resumes on the cooperative threads, so a caller
    /// blocked waiting for one of those connections could wait for itself (it did: a server under
    /// load hung). Lookup connections are only ever held by lookups, which never suspend. Reads
    /// that scan (reports, exports) keep `read`.
    func lookup<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            switch lookups {
            case let .writer(writer): return try writer.read(body)
            case let .connections(connections): return try connections.read(body)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.busy(path: path)
        }
    }

    /// Where `lookup` reads. A queue in memory has one connection and holds it only while a block
    /// runs: it is its own. A file gets connections of its own, the first opened now, while the
    /// file is certainly there.
    private enum Lookups: Sendable {
        case writer(any DatabaseWriter)
        case connections(LookupConnections)
    }

    private static func lookupReader(beside writer: any DatabaseWriter, path: String) throws -> Lookups {
        guard writer is DatabasePool else { return .writer(writer) }
        return .connections(try LookupConnections(path: path, configuration: makeConfiguration()))
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.write(body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.busy(path: path)
        }
    }
}
