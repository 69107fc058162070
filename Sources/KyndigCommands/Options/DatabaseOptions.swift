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

    /// Opens the database; only commands that bring data in (`sync`, imports, `demo`) create it.
    func open(create: Bool = false) throws -> SQLiteStore {
        Log.logger.debug("database: \(path)")
        return try Log.timed("opening the database") { try SQLiteStore.open(path: path, create: create) }
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
