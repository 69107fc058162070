import ArgumentParser
import Foundation
import KyndigCore
import KyndigSearch
import KyndigServices
import KyndigStore

extension KyndigCommand {
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Load the validated catalog's module versions into the database and build the search index (idempotent).")

        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print the result as JSON.") var json = false

        struct SyncSummary: Encodable {
            let added: [String]
            let searchIndexRebuilt: Bool
        }

        func run() async throws {
            let catalog = try catalogOptions.load()
            let store = try database.open(create: true)
            let added = try await CatalogSync(store: store, clock: KyndigCommand.clock).sync(catalog, actor: AuditActor.current)
            let rebuilt = try Log.timed("updating the search index") { try SearchIndex.updated(for: catalog, at: database.searchIndexPath).rebuilt }
            // Questions the course could not answer are kept only for the policy's retention period.
            let retention = Double(catalog.policy.unansweredRetentionDays) * 86_400
            _ = try await store.purgeUnanswered(before: KyndigCommand.clock.now().addingTimeInterval(-retention))
            if json {
                try JSONOutput.print(SyncSummary(added: added.map { "\($0.moduleID) \($0.language.rawValue) \($0.version)" }, searchIndexRebuilt: rebuilt))
            } else if added.isEmpty {
                Console.print("Catalog already in sync: no changes (\(catalog.modules.count) modules).")
            } else {
                for record in added {
                    Console.print("added \(record.moduleID) (\(record.language.rawValue)) \(record.version) \(record.contentHash.prefix(12))")
                }
                Console.print("\(added.count) module version\(added.count == 1 ? "" : "s") added.")
            }
            if !json && rebuilt { Console.print("Search index built: \(database.searchIndexPath)") }
        }
    }
}
