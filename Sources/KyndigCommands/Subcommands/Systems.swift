import ArgumentParser
import Foundation
import KyndigCore
import KyndigImport
import KyndigStore

extension KyndigCommand {
    struct Systems: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import and list the AI-system register (which units use which AI systems).",
            subcommands: [Import.self, List.self])
    }
}

extension KyndigCommand.Systems {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace the AI-system register with a YAML file (all or nothing).")

        @Argument(help: ArgumentHelp("AI-system register (YAML).", valueName: "file")) var file: String
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let catalog = try catalogOptions.load()
            let store = try database.open()
            let result = try Self.importSystems(path: file, catalog: catalog, store: store)
            print("AI systems: \(result.added) added, \(result.changed) changed, \(result.removed) removed.")
        }

        static func importSystems(path: String, catalog: KyndigCore.Catalog, store: KyndigDatabase) throws -> (added: Int, changed: Int, removed: Int) {
            let units = Set(try store.rosterSnapshot().units.map(\.id))
            do {
                let systems = try SystemRegister.read(path: path, catalog: catalog, knownUnits: units)
                return try store.replaceSystems(systems, source: URL(fileURLWithPath: path).lastPathComponent, actor: Actor.current, at: Date())
            } catch let errors as RosterErrors {
                Terminal.error(errors.description)
                throw ExitCode.failure
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the AI systems in the register.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print as JSON.") var json = false

        func run() throws {
            let systems = try database.open().systems()
            if json { return try JSONOutput.print(systems) }
            var table = TextTable(headers: ["system", "vendor", "contexts", "units", "roles"])
            for system in systems {
                table.add([system.id, system.vendor, system.contextIDs.joined(separator: ","), system.unitIDs.joined(separator: ","),
                           system.roleIDs.isEmpty ? "all" : system.roleIDs.joined(separator: ",")])
            }
            print(table.render())
        }
    }
}
