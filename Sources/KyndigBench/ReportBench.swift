import ArgumentParser
import Foundation
import KyndigCatalog
import KyndigCore
import KyndigReports
import KyndigServices
import KyndigStore

/// Times the compliance report on a database (e.g. the 100,000-person roster benchmark's):
/// reading every person's evidence alone (streamed, then page by page with no read ahead), then
/// the whole report, then one unit's; each with the process's CPU time beside its median.
struct ReportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Time the compliance report and its bulk read.")

    @Option(help: "Catalog directory.") var catalog = "."
    @Option(help: "Database.") var db = "bench-data/bench.sqlite"
    @Option(help: "A unit to report on alone.") var unit: String?
    @Option(help: "Repetitions.") var runs = 3
    @Option(help: "An employee whose status to time piece by piece, as GET /me/status computes it.") var status: String?

    func run() async throws {
        let loaded = try CatalogLoader.load(root: URL(fileURLWithPath: catalog))
        let store = try SQLiteStore.openReadOnly(path: db)
        let asOf = loaded.policy.calendarDate(of: Date())
        func time(_ name: String, _ work: () async throws -> Int) async throws {
            var times: [Double] = []
            var cpu: [Double] = []
            var count = 0
            for _ in 0..<runs {
                let start = DispatchTime.now().uptimeNanoseconds
                let startCPU = Self.processCPUMilliseconds()
                count = try await work()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                cpu.append(Self.processCPUMilliseconds() - startCPU)
            }
            print(String(format: "%@: median %.0f ms, CPU %.0f ms (%d)", name, times.sorted()[times.count / 2], cpu.sorted()[cpu.count / 2], count))
        }
        try await time("bulk read of every person's evidence") {
            var people = 0
            for try await _ in store.learnerRecords(inUnit: nil) { people += 1 }
            return people
        }
        try await time("bulk read, page by page, no prefetch") {
            var people = 0
            var after: String?
            while true {
                let page = try await store.learnerRecords(inUnit: nil, after: after, limit: 1_000)
                guard let last = page.last else { break }
                people += page.count
                after = last.person.employeeID
            }
            return people
        }
        try await time("full report") {
            try await ComplianceReporting(store: store).report(unitID: nil, catalog: loaded, asOf: asOf).top?.requirements ?? 0
        }
        if let status { try await timeStatus(of: status, store: store, catalog: loaded) }
        if let unit {
            try await time("report of \(unit)") {
                try await ComplianceReporting(store: store).report(unitID: unit, catalog: loaded, asOf: asOf).top?.requirements ?? 0
            }
        }
    }

    /// User and system time of every thread of this process so far.
    static func processCPUMilliseconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func ms(_ time: timeval) -> Double { Double(time.tv_sec) * 1e3 + Double(time.tv_usec) / 1e3 }
        return ms(usage.ru_utime) + ms(usage.ru_stime)
    }

    /// One learner's status, one step at a time, each repeated and timed alone on one thread: the
    /// store's reads, the statuses, the JSON (issue 13's "where the time goes").
    func timeStatus(of employeeID: String, store: SQLiteStore, catalog: Catalog) async throws {
        let repeats = 5_000
        func time(_ name: String, _ work: () async throws -> Void) async throws {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<repeats { try await work() }
            print(String(format: "%@: %.1f µs", name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(repeats)))
        }
        guard let person = try await store.person(employeeID: employeeID) else { throw ValidationError("No employee \(employeeID).") }
        // As the server has it: the register, module facts and unit tree read once and shared.
        let service = LocalLearnerService(person: person, catalog: catalog, store: store, clock: .system,
                                          sharedFacts: SharedLearnerFacts(store: store, catalog: catalog, clock: .system))
        let overview = try await service.overview()
        try await time("register, module facts and unit tree (read every 5 s)") {
            _ = try await SharedLearnerFacts(store: store, catalog: catalog, clock: .system).current()
        }
        try await time("person lookup") { _ = try await store.person(employeeID: employeeID) }
        try await time("token lookup (none found)") { _ = try await store.token(id: "000000000000") }
        try await time("learner record") { _ = try await store.learnerRecord(of: person) }
        try await time("unit ancestry") { _ = try await store.unitAncestry(of: person.unitID) }
        try await time("overview (reads and statuses)") { _ = try await service.overview() }
        try await time("JSON of the overview") { _ = try DocumentedJSON.encoder(pretty: true).bytes(overview) }
        try await time("JSON of the overview by Foundation's encoder") { _ = try DocumentedJSON.foundationEncoder(pretty: true).encode(overview) }
    }
}
