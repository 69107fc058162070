import Foundation
import KyndigCore
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Testing

/// The register, module facts and unit tree a server shares between learners: kept for `maxAge`,
/// read again after it (everyone asking while that read runs still gets facts), and at once after
/// `invalidate()`.
struct SharedLearnerFactsTests {
    /// A clock the test moves.
    final class Hands: @unchecked Sendable {
        private let lock = NSLock()
        private var instant = Build.instant("2026-03-01T10:00:00Z")
        var clock: WallClock { WallClock { self.lock.withLock { self.instant } } }
        func advance(_ seconds: Double) { lock.withLock { instant += seconds } }
    }

    let store: any KyndigStore
    let hands = Hands()
    let kari = Build.person("E1", username: "kari", unit: "W")

    init() async throws {
        store = try SQLiteStore.inMemory()
        try await store.apply(Build.plan(adding: Build.roster([kari])), on: Build.today, change: Build.change())
    }

    /// Adds a person in a new unit "N" under "H".
    func addUnit() async throws {
        var incoming = Build.roster([kari, Build.person("E2", username: "nils", unit: "N")])
        incoming.units.append(OrgUnit(id: "N", name: "New ward", parentID: "H"))
        try await store.apply(RosterPlan(current: try await store.rosterSnapshot(), incoming: incoming, full: true), on: Build.today, change: Build.change())
    }

    @Test func factsAreKeptForTheirAgeThenReadAgain() async throws {
        let facts = SharedLearnerFacts(store: store, catalog: Build.catalog(), clock: hands.clock, maxAge: 5)
        #expect(try await facts.current().unitPath(of: "W")?.map(\.id) == ["W", "C", "H"])
        try await addUnit()
        hands.advance(4)
        #expect(try await facts.current().unitPath(of: "N") == nil, "kept for five seconds")
        hands.advance(2)
        #expect(try await facts.current().unitPath(of: "N")?.map(\.id) == ["N", "H"], "read again after them")
    }

    @Test func invalidatingReadsAtOnce() async throws {
        let facts = SharedLearnerFacts(store: store, catalog: Build.catalog(), clock: hands.clock, maxAge: 5)
        _ = try await facts.current()
        try await addUnit()
        facts.invalidate()
        #expect(try await facts.current().unitPath(of: "N")?.map(\.id) == ["N", "H"])
    }

    @Test func manyAskingAtOnceWhenTheFactsAreOldAllGetFacts() async throws {
        let facts = SharedLearnerFacts(store: store, catalog: Build.catalog(), clock: hands.clock, maxAge: 5)
        _ = try await facts.current()
        try await addUnit()
        hands.advance(6)
        let paths = try await withThrowingTaskGroup(of: [String]?.self) { group in
            for _ in 0..<50 { group.addTask { try await facts.current().unitPath(of: "W")?.map(\.id) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(paths.count == 50 && paths.allSatisfy { $0 == ["W", "C", "H"] })
        // Once the read is done, everyone has the new tree.
        #expect(try await facts.current().unitPath(of: "N")?.map(\.id) == ["N", "H"])
    }
}
