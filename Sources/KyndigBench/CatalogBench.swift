import ArgumentParser
import Foundation
import KyndigCatalog

/// Times `catalog check` on the shipped catalog.
struct CatalogBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "catalog", abstract: "Time loading and validating the catalog.")

    @Option(help: "Catalog directory.") var catalog = "."
    @Option(help: "Repetitions.") var runs = 20

    func run() throws {
        let root = URL(fileURLWithPath: catalog)
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            let (loaded, diagnostics) = CatalogLoader.check(root: root)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            guard loaded != nil else { throw ValidationError("catalog has \(diagnostics.count) problems") }
        }
        times.sort()
        print(String(format: "catalog check: median %.1f ms, min %.1f ms over %d runs", times[times.count / 2], times[0], runs))
    }
}
