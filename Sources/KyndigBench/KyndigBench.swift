import ArgumentParser

/// Benchmarks that reproduce the figures reported in issue notes. Build with `-c release`.
@main
struct KyndigBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kyndig-bench",
        abstract: "Reproducible benchmarks for Kyndig (run a release build).",
        subcommands: [RosterBench.self, CatalogBench.self, TextBench.self, SearchBench.self, ReportBench.self])
}
