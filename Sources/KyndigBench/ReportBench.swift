import ArgumentParser
import Foundation
import KyndigCatalog
import KyndigCore
import KyndigServices
import KyndigStore

/// Times the compliance report on a database (e.g. the 100,000-person roster benchmark's):
/// reading every person's evidence alone, then the whole report, then one unit's.
struct ReportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Time the compliance report and its bulk read.")

    @Option(help: "Catalog directory.") var catalog = "."
    @Option(help: "Database.") var db = "bench-data/bench.sqlite"
    @Option(help: "A unit to report on alone.") var unit: String?
    @Option(help: "Repetitions.") var runs = 3

    func run() async throws {
        let loaded = try CatalogLoader.load(root: URL(fileURLWithPath: catalog))
        let store = try SQLiteStore.openReadOnly(path: db)
        let asOf = loaded.policy.calendarDate(of: Date())
        func time(_ name: String, _ work: () async throws -> Int) async throws {
            var times: [Double] = []
            var count = 0
            for _ in 0..<runs {
                let start = DispatchTime.now().uptimeNanoseconds
                count = try await work()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            print(String(format: "%@: median %.0f ms (%d)", name, times.sorted()[times.count / 2], count))
        }
        try await time("bulk read of every person's evidence") {
            var people = 0
            for try await _ in store.learnerRecords(inUnit: nil) { people += 1 }
            return people
        }
        try await time("full report") {
            try await ComplianceReporting(store: store).report(unitID: nil, catalog: loaded, asOf: asOf).top?.requirements ?? 0
        }
        if let unit {
            try await time("report of \(unit)") {
                try await ComplianceReporting(store: store).report(unitID: unit, catalog: loaded, asOf: asOf).top?.requirements ?? 0
            }
        }
    }
}
