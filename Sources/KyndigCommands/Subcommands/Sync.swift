import ArgumentParser
import Foundation
import KyndigCatalog
import KyndigCore
import KyndigStore

extension KyndigCommand {
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load the validated catalog's module versions into the database (idempotent).")

        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let catalog = try catalogOptions.load()
            let store = try database.open()
            let added = try store.sync(catalog: catalog, actor: Actor.current, at: Date())
            if json {
                try JSONOutput.print(["added": added.map { "\($0.moduleID) \($0.language.rawValue) \($0.version)" }])
            } else if added.isEmpty {
                print("Catalog already in sync: no changes (\(catalog.modules.count) modules).")
            } else {
                for record in added {
                    print("added \(record.moduleID) (\(record.language.rawValue)) \(record.version) \(record.contentHash.prefix(12))")
                }
                print("\(added.count) module version\(added.count == 1 ? "" : "s") added.")
            }
        }

    }
}
