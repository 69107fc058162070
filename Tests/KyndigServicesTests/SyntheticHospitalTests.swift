import Foundation
import KyndigCatalog
import KyndigCore
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Testing

/// `kyndig demo --people N --seed S`: the same hospital for the same size and seed, with every
/// status in its report and an intact audit log.
struct SyntheticHospitalTests {
    let catalog: Catalog
    let now = Build.instant("2026-11-30T09:00:00Z")

    init() throws {
        catalog = try CatalogLoader.load(root: TestPaths.packageRoot)
    }

    func hospital(people: Int, seed: UInt64) async throws -> (store: any KyndigStore, summary: SyntheticHospital.Summary) {
        let store = try SQLiteStore.inMemory()
        let summary = try await SyntheticHospital(people: people, seed: seed).make(catalog: catalog, store: store, now: now, actor: "test")
        return (store, summary)
    }

    @Test func theSameSeedMakesTheSameHospitalWithEveryStatus() async throws {
        let (store, summary) = try await hospital(people: 1_500, seed: 5)
        #expect(summary.people == 1_500 && summary.units > 20 && summary.systems >= 2)
        #expect(summary.attempts > 5 * summary.people && summary.exemptions > 0)
        let (twin, twinSummary) = try await hospital(people: 1_500, seed: 5)
        #expect(twinSummary == summary)
        #expect(try await twin.rosterSnapshot() == store.rosterSnapshot())
        let someone = try #require(try await store.person(employeeID: "S000042"))
        #expect(try await twin.learnerRecord(of: someone) == store.learnerRecord(of: someone))
        let other = try await hospital(people: 1_500, seed: 6)
        #expect(try await other.store.rosterSnapshot() != store.rosterSnapshot())

        let report = try await ComplianceReporting(store: store).report(unitID: nil, catalog: catalog, asOf: catalog.policy.calendarDate(of: now))
        let top = try #require(report.top)
        #expect(top.people == 1_500)
        for state in RequirementStatus.State.allCases {
            #expect(top.count(state) > 0, "no \(state.rawValue) in the synthetic hospital")
        }
        #expect(try await store.verifyAuditChain().firstBroken == nil)
        // Overseers are people of the hospital, and high-risk systems have them (now and then none).
        let systems = try await store.systems()
        let highRisk = systems.filter { $0.risk == .high }
        #expect(!highRisk.isEmpty && highRisk.contains { !$0.overseerIDs.isEmpty })
        for id in highRisk.flatMap(\.overseerIDs) { #expect(try await store.person(employeeID: id) != nil) }
    }
}
