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
            let added = try Self.sync(catalog: catalog, root: try catalogOptions.root(), into: store)
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

        /// Stores every module version of the catalog, with its normalised text for evidence.
        static func sync(catalog: KyndigCore.Catalog, root: URL, into store: some CatalogRepository) throws -> [ModuleVersionRecord] {
            let records = catalog.moduleIDs.flatMap { id in
                catalog.modules[id]!.values.sorted { $0.language < $1.language }.map { module in
                    func read(_ path: String) -> String {
                        ContentHash.normalise((try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? "")
                    }
                    return ModuleVersionRecord(
                        moduleID: id, language: module.language, version: module.version, contentHash: module.contentHash,
                        title: module.title, moduleText: read("curricula/\(id)/\(module.language.rawValue).md"),
                        quizText: read("quizzes/\(id).\(module.language.rawValue).yaml"))
                }
            }
            return try store.sync(records, actor: Actor.current, at: Date())
        }
    }
}
