import Foundation
import GRDB

/// The SQLite implementation of Kyndig's repositories: one file, WAL mode, foreign keys on,
/// a busy timeout so a second process waits instead of failing. Opening it runs the migrations.
public final class KyndigDatabase: Sendable {
    let pool: DatabasePool
    public let path: String

    /// Opens (creating when missing) the database at `path` and brings its schema up to date.
    /// - Parameter upTo: stop after this migration (tests of upgrades only).
    public init(path: String, upTo migration: String? = nil) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "cannot create the directory \(directory.path)")
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL is on for a DatabasePool; NORMAL sync is durable in WAL mode and much faster.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
        self.path = path
        let migrator = Migrations.migrator()
        if let migration {
            try migrator.migrate(pool, upTo: migration)
        } else {
            try migrator.migrate(pool)
        }
    }

    /// Migrations applied to this database, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Migrations.migrator().appliedIdentifiers(db).sorted() }
    }

    /// The journal mode SQLite reports ("wal").
    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }
}

/// Storage failures, worded for the person at the terminal.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case unknownPerson(String)
    case unknownAttempt(String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            "Cannot open the database '\(path)': \(reason). Check the path and its permissions, or pass --db."
        case let .unknownPerson(who):
            "No person '\(who)' in the roster. Check the username, import the roster (kyndig roster import FILE), or try the demo hospital (kyndig demo)."
        case let .unknownAttempt(id):
            "No quiz attempt '\(id)'. It may belong to another database."
        }
    }
}
