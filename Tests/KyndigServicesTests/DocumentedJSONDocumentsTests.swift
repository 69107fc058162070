import Foundation
import KyndigCatalog
import KyndigCore
import KyndigReports
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Testing

/// The documents Kyndig writes — a synthetic hospital's report, every learner's status, the
/// oversight check, every export record — are the same bytes from `DocumentedJSONEncoder` as from
/// Foundation's encoder set up for the documented shape (docs/json.md).
struct DocumentedJSONDocumentsTests {
    @Test func aHospitalsDocumentsAreTheSameBytesAsFoundationWrites() async throws {
        let catalog = try CatalogLoader.load(root: TestPaths.packageRoot)
        let now = Build.instant("2026-11-30T09:00:00Z")
        let store = try SQLiteStore.inMemory()
        _ = try await SyntheticHospital(people: 300, seed: 11).make(catalog: catalog, store: store, now: now, actor: "test")
        let today = catalog.policy.calendarDate(of: now)

        func expectSame(_ value: some Encodable, _ what: String) throws {
            for pretty in [true, false] {
                let ours = try DocumentedJSON.encoder(pretty: pretty).encode(value)
                let foundation = try DocumentedJSON.foundationEncoder(pretty: pretty).encode(value)
                #expect(ours == foundation, "\(what) (pretty: \(pretty)) differs")
            }
        }

        try expectSame(try await ComplianceReporting(store: store).report(unitID: nil, catalog: catalog, asOf: today), "the report")
        try expectSame(try await OversightCheck(store: store, clock: .fixed(now)).run(catalog), "the oversight check")
        var overviews = 0
        for person in try await store.rosterSnapshot().people {
            let overview = try await LocalLearnerService(person: person, catalog: catalog, store: store, clock: .fixed(now)).overview()
            try expectSame(overview, "\(person.employeeID)'s status")
            overviews += 1
        }
        #expect(overviews == 300)
        var records: [ExportRecord] = []
        let exports = HRExports(store: store)
        _ = try await exports.people(since: nil) { records.append($0) }
        _ = try await exports.completions(since: nil) { records.append($0) }
        try await exports.requirements(unitID: nil, catalog: catalog, asOf: today) { records.append($0) }
        #expect(records.count > 1_000)
        try expectSame(records, "the export records")
    }
}
