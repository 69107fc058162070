import ArgumentParser
import Foundation
import KyndigCore
import KyndigSearch
import KyndigServices
import KyndigStore

extension KyndigCommand {
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Create a fresh demo database (a fictional hospital) from the shipped catalog and demo data.")

        @OptionGroup var catalogOptions: CatalogOptions
        @Option(help: ArgumentHelp("Demo database file (default: $KYNDIG_DB, else demo.sqlite in the data directory); an earlier demo there is replaced, anything else is refused.", valueName: "path"))
        var db: String?
        @Flag(help: "Replace the file at --db even when it is not an earlier demo database (never a directory).") var force = false
        @Option(help: ArgumentHelp("Demo learner's username (default: ingrid.berg; with --people, the first person).", valueName: "user"))
        var user: String?
        @Option(help: ArgumentHelp("A synthetic hospital of this many people instead of the small fixed one (for trials and benchmarks).",
                                   valueName: "n"))
        var people: Int?
        @Option(help: ArgumentHelp("Seed of the synthetic hospital (default 1): the same seed and size give the same hospital.", valueName: "s"))
        var seed: UInt64?
        @Option(help: "Tutor language: nb or en.") var lang: Language = .nb
        @Flag(help: "Only create the database; do not start the tutor.") var noTutor = false

        static let defaultUser = "ingrid.berg"

        func validate() throws {
            if let people, !(1...1_000_000).contains(people) { throw ValidationError("--people takes 1 to 1000000.") }
            if seed != nil && people == nil { throw ValidationError("--seed is for a synthetic hospital: give --people N as well.") }
        }

        func run() async throws {
            // --db, else KYNDIG_DB as for every command, else demo.sqlite beside the usual database
            // (never the usual database itself). Only an earlier demo is ever replaced.
            let environment = ProcessInfo.processInfo.environment
            let path = db ?? environment["KYNDIG_DB"].flatMap { $0.isEmpty ? nil : $0 }
                ?? DatabaseLocation.dataDirectory(environment: environment).appendingPathComponent("demo.sqlite").path
            try Self.checkReplaceable(path, force: force)
            let catalog = try catalogOptions.load()
            let store: SQLiteStore
            let summary: String
            if let people {
                let started = Date()
                let made: SyntheticHospital.Summary
                (store, made) = try await Self.createSynthetic(at: path, people: people, seed: seed ?? 1, catalog: catalog)
                summary = "\(made.people) people in \(made.units) units, \(made.systems) AI systems, \(made.attempts) quiz attempts, " +
                    "\(made.exemptions) exemptions (seed \(seed ?? 1), made in \(Int(Date().timeIntervalSince(started))) s)."
            } else {
                store = try await Self.create(at: path, catalog: catalog, root: try catalogOptions.root())
                summary = "\(try await store.rosterSnapshot().people.count) people, \(try await store.systems().count) AI systems, the full course catalog."
            }
            var user = self.user ?? Self.defaultUser
            if self.user == nil, people != nil, let first = try await store.person(employeeID: "S000001") { user = first.username }
            guard let person = try await store.person(username: user) else {
                throw CommandFailure("The demo roster has no user '\(user)'.")
            }
            Console.print("""
                Demo database ready: \(path)
                  \(summary)
                Start the tutor as \(PlainText.escaped(person.name)) any time with:
                  kyndig tutor --db \(path) --user \(user)

                """)
            if !noTutor {
                try await Tutor.start(catalog: catalog, store: store, user: user, language: lang)
            }
        }

        /// The demo replaces only what it made itself: an earlier demo, or nothing. A production
        /// database with its audit log, a roster CSV or a folder are never deleted by accident.
        static func checkReplaceable(_ path: String, force: Bool) throws {
            switch SQLiteStore.inspect(path: path) {
            case .absent, .demo:
                return
            case .directory:
                throw CommandFailure("'\(path)' is a directory. kyndig demo never deletes a directory; give --db the path of a database file, e.g. \(path)/demo.sqlite.")
            case let .kyndig(people, entries) where !force:
                throw CommandFailure("'\(path)' is a Kyndig database with \(people) people and \(entries) audit-log entries, not an earlier demo. kyndig demo replaces only its own databases: choose another --db, or pass --force if you really mean to delete it.")
            case .other where !force:
                throw CommandFailure("'\(path)' exists and is not a demo database. kyndig demo replaces only its own databases: choose another --db, or pass --force if you really mean to delete it.")
            case .kyndig, .other:
                return
            }
        }

        /// Replaces `path` (checked by `checkReplaceable`) with a database seeded from `Resources/demo/`.
        static func create(at path: String, catalog: Catalog, root: URL) async throws -> SQLiteStore {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let store = try SQLiteStore.open(path: path, create: true)
            try await store.markAsDemo()
            let clock = KyndigCommand.clock
            _ = try await CatalogSync(store: store, clock: clock).sync(catalog, actor: AuditActor.current)
            _ = try SearchIndex.updated(for: catalog, at: searchIndexPath(forDatabase: path))
            let demo = root.appendingPathComponent("Resources/demo")
            _ = try await RosterImport(store: store, clock: clock).run(
                path: demo.appendingPathComponent("roster.csv").path, catalog: catalog, full: true, dryRun: false, actor: AuditActor.current)
            _ = try await Systems.Import.importSystems(path: demo.appendingPathComponent("ai-systems.yaml").path, catalog: catalog, store: store)
            try await DemoHistory.make(store: store, catalog: catalog, now: clock.now())
            return store
        }

        /// Replaces `path` with a synthetic hospital of `people` people (`SyntheticHospital`).
        static func createSynthetic(at path: String, people: Int, seed: UInt64, catalog: Catalog) async throws
            -> (SQLiteStore, SyntheticHospital.Summary) {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let store = try SQLiteStore.open(path: path, create: true)
            try await store.markAsDemo()
            let summary = try await SyntheticHospital(people: people, seed: seed).make(
                catalog: catalog, store: store, now: KyndigCommand.clock.now(), actor: AuditActor.current)
            _ = try SearchIndex.updated(for: catalog, at: searchIndexPath(forDatabase: path))
            return (store, summary)
        }
    }
}
