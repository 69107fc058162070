import ArgumentParser
import KyndigCore
import KyndigServices
import KyndigStore
import KyndigTutor

extension KyndigCommand {
    struct Systems: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "systems",
            abstract: "Import and list the AI-system register (which units use which AI systems).",
            subcommands: [Import.self, List.self, Oversight.self])
    }
}

extension KyndigCommand.Systems {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Replace the AI-system register with a YAML file (all or nothing).",
            discussion: "The file is the whole register: a system missing from it is removed. See docs/formats.md.")

        @Argument(help: ArgumentHelp("AI-system register (YAML).", valueName: "file")) var file: String
        @Flag(help: "Check the file and show what would change, without writing.") var dryRun = false
        @Flag(help: "Apply a register that lists no systems (removes every registered system).") var force = false
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let catalog = try catalogOptions.load(quizPools: false)
            let summary = try await database.importing(dryRun: dryRun) { store in
                try await Self.importSystems(path: file, catalog: catalog, store: store, dryRun: dryRun, force: force)
            }
            Console.print("""
                \(dryRun ? "Dry run, nothing written. The register would change:" : "AI-system register imported.") \
                \(summary.added.count) added, \(summary.changed.count) changed, \(summary.removed.count) removed.
                """)
            for (label, ids) in [("added", summary.added), ("changed", summary.changed), ("removed", summary.removed)] where !ids.isEmpty {
                Console.print("  \(label): \(ids.joined(separator: ", "))")
            }
        }

        /// Runs the import; a bad file prints every problem and fails with nothing written.
        static func importSystems(
            path: String, catalog: Catalog, store: SQLiteStore, dryRun: Bool = false, force: Bool = false
        ) async throws -> SystemsImport.Summary {
            do {
                return try await SystemsImport(store: store, clock: KyndigCommand.clock)
                    .run(path: path, catalog: catalog, dryRun: dryRun, force: force, actor: AuditActor.current)
            } catch let problems as Problems {
                Console.error(ErrorWording.describe(problems, nothingWritten: "nothing was imported.", fix: "Fix the file and import again."))
                throw ExitCode.failure
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the AI systems in the register.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print as JSON.") var json = false

        func run() async throws {
            let systems = try await database.openReadOnly().systems()
            if json { return try JSONOutput.print(systems) }
            var table = TextTable(headers: ["system", "risk", "vendor", "units", "roles", "overseers"], freeText: [2])
            for system in systems {
                table.add([system.id, system.risk.rawValue, PlainText.escaped(system.vendor), system.unitIDs.joined(separator: ","),
                           system.roleIDs.isEmpty ? "all" : system.roleIDs.joined(separator: ","),
                           system.overseerIDs.isEmpty ? (system.risk == .high ? "NONE" : "-") : system.overseerIDs.joined(separator: ",")])
            }
            Console.print(table.render())
        }
    }

    struct Oversight: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "oversight",
            abstract: "Check human oversight of high-risk systems (AI Act Art. 26(2)): who oversees each, and whether they are trained.")

        @Flag(help: "Print as JSON.") var json = false
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let catalog = try catalogOptions.load(quizPools: false)
            let statuses = try await OversightCheck(store: try database.openReadOnly(), clock: KyndigCommand.clock).run(catalog)
            if json { return try JSONOutput.print(statuses) }
            guard !statuses.isEmpty else { return Console.print("The register has no high-risk systems.") }
            for status in statuses {
                let verdict = status.unassigned ? "NO OVERSEER ASSIGNED" : status.allTrained ? "all overseers trained" : "NOT all overseers trained"
                Console.print("\(status.systemID) (\(PlainText.escaped(status.systemName))): \(verdict)")
                Console.print("    " + Self.duties(status, organisation: catalog.policy.jurisdiction))
                for overseer in status.overseers {
                    let missing = overseer.statuses.filter { !$0.isMet }
                        .map { "\($0.requirement.moduleID) \(StatusWords.state($0.state, in: .en))" }
                    let state = !overseer.active ? "no longer active" : missing.isEmpty ? "trained" : "missing " + missing.joined(separator: ", ")
                    Console.print(TextTable.wrap("\(overseer.employeeID) \(PlainText.escaped(overseer.name)): \(state)", width: 76).map { "    " + $0 }.joined(separator: "\n"))
                }
            }
            if statuses.contains(where: { !$0.allTrained }) { throw ExitCode.failure }
        }

        /// "route annex-i: the deployer duties apply from 2028-08-02 (not in force here yet)".
        static func duties(_ status: OversightStatus, organisation: Jurisdiction) -> String {
            guard let route = status.route else {
                return "route not registered: import the register with route: annex-i or annex-iii to date the deployer duties"
            }
            guard let from = status.dutiesApplyFrom else { return "route \(route)" }
            let state = status.dutiesInForce ? "in force" : "not in force in \(organisation == .norway ? "Norway" : "the EU") on this day"
            return "route \(route): the deployer duties apply from \(from) (\(state))"
        }
    }
}
