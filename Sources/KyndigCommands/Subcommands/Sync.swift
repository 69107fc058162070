import ArgumentParser
import KyndigCore
import KyndigServices
import KyndigStore

extension KyndigCommand {
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load the validated catalog's module versions into the database (idempotent).")

        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let catalog = try catalogOptions.load()
            let store = try database.open(create: true)
            let added = try await CatalogSync(store: store, clock: KyndigCommand.clock).sync(catalog, actor: AuditActor.current)
            if json {
                try JSONOutput.print(["added": added.map { "\($0.moduleID) \($0.language.rawValue) \($0.version)" }])
            } else if added.isEmpty {
                Console.print("Catalog already in sync: no changes (\(catalog.modules.count) modules).")
            } else {
                for record in added {
                    Console.print("added \(record.moduleID) (\(record.language.rawValue)) \(record.version) \(record.contentHash.prefix(12))")
                }
                Console.print("\(added.count) module version\(added.count == 1 ? "" : "s") added.")
            }
        }
    }
}
