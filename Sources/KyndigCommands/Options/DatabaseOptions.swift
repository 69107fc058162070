import ArgumentParser
import Foundation
import KyndigStore
import Logging

/// Where the database is: `--db PATH`, else `KYNDIG_DB`, else the per-user data directory
/// (`$XDG_DATA_HOME/kyndig/kyndig.sqlite`, by default `~/.local/share/kyndig/kyndig.sqlite`).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database file (default: $KYNDIG_DB, else ~/.local/share/kyndig/kyndig.sqlite).", valueName: "path"))
    var db: String?

    var path: String {
        DatabaseLocation.resolve(explicit: db, environment: ProcessInfo.processInfo.environment)
    }

    /// The search index beside the database (`kyndig.sqlite` → `kyndig.search.sqlite`): derived
    /// from the catalog by `sync`, `demo` and the tutor, read by `ask`.
    var searchIndexPath: String { KyndigCommands.searchIndexPath(forDatabase: path) }

    /// Opens the database; only commands that bring data in (`sync`, imports, `demo`) create it.
    func open(create: Bool = false) throws -> SQLiteStore {
        Log.logger.debug("database: \(path)")
        return try Log.timed("opening the database") { try SQLiteStore.open(path: path, create: create) }
    }

    /// Opens an existing database for a command that only reads: nothing is created or written.
    func openReadOnly() throws -> SQLiteStore {
        Log.logger.debug("database (read-only): \(path)")
        return try Log.timed("opening the database") { try SQLiteStore.openReadOnly(path: path) }
    }

    /// Runs an import against the database, creating it when missing, and removing it again
    /// when the first import into it fails, so a bad file never leaves an empty database behind.
    /// A dry run never creates one: it compares against an empty organisation.
    func importing<T>(dryRun: Bool, _ body: (SQLiteStore) async throws -> T) async throws -> T {
        if FileManager.default.fileExists(atPath: path) { return try await body(try open()) }
        if dryRun { return try await body(try SQLiteStore.inMemory()) }
        let store = try open(create: true)
        do {
            return try await body(store)
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw error
        }
    }
}

enum DatabaseLocation {
    static func resolve(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["KYNDIG_DB"], !env.isEmpty { return env }
        return dataDirectory(environment: environment).appendingPathComponent("kyndig.sqlite").path
    }

    /// Per-user data directory (the tutor keeps its history next to the database in use).
    static func dataDirectory(environment: [String: String]) -> URL {
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("kyndig")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/kyndig")
    }
}

/// Who is acting, for the audit log: the OS user.
enum AuditActor {
    static var current: String {
        ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.userName
    }
}

/// `kyndig.sqlite` → `kyndig.search.sqlite`, beside it.
func searchIndexPath(forDatabase path: String) -> String {
    URL(fileURLWithPath: path).deletingPathExtension().path + ".search.sqlite"
}
