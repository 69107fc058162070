public import Foundation
public import KyndigCore
public import KyndigStore

/// A fictional hospital of any size, the same for the same size and seed: a unit tree of
/// clinics, sections and wards; a realistic role mix; AI systems with overseers; and two and a
/// half years of quiz history in which every status occurs (fresh, expiring and expired passes,
/// failed tries, quizzes under way, people who never started, exemptions). For demos and for
/// benchmarks at the size of a health region. Every person, unit and vendor is invented.
public struct SyntheticHospital: Sendable {
    public let people: Int
    public let seed: UInt64

    public init(people: Int, seed: UInt64) {
        self.people = people
        self.seed = seed
    }

    public struct Summary: Sendable, Hashable {
        public let units: Int
        public let people: Int
        public let systems: Int
        public let attempts: Int
        public let exemptions: Int
    }

    /// How far back the history reaches: the course was published, the roster and the register
    /// first imported, this many days before `now`.
    static let historyDays = 913

    /// Fills an empty `store`: the course published `historyDays` ago, roster, register, history.
    public func make(catalog: Catalog, store: any KyndigStore, now: Date, actor: String) async throws -> Summary {
        let policy = catalog.policy
        let published = now.addingTimeInterval(-Double(Self.historyDays) * 86_400)
        let firstDay = policy.calendarDate(of: published)
        _ = try await CatalogSync(store: store, clock: .fixed(published)).sync(catalog, actor: actor)
        var random = SeededRandom(seed: seed)
        let organisation = SyntheticOrganisation.make(people: people, catalog: catalog, firstDay: firstDay, using: &random)
        try await store.apply(RosterPlan(current: RosterSnapshot(units: [], people: []), incoming: organisation.roster, full: false),
                              on: firstDay, change: Change(actor: actor, at: published, source: "synthetic roster"))
        try await store.apply(SystemsPlan(current: [], incoming: organisation.systems), on: firstDay,
                              change: Change(actor: actor, at: published, source: "synthetic register"))
        var history = SyntheticHistory(catalog: catalog, firstDay: firstDay, today: policy.calendarDate(of: now), random: random)
        var batch: [AttemptRecord] = []
        var attempts = 0, exemptions = 0
        for person in organisation.roster.people {
            let ancestry = organisation.ancestry[person.unitID] ?? [person.unitID]
            for requirement in catalog.requirements(for: person, unitAncestry: ancestry, systems: organisation.systems) {
                switch history.next(for: person, moduleID: requirement.moduleID) {
                case let .attempts(made):
                    batch += made
                case let .exempt(exemption):
                    try await store.grant(exemption, change: Change(actor: actor, at: now, source: "synthetic history"))
                    exemptions += 1
                }
            }
            if batch.count >= 20_000 {
                try await store.importAttempts(batch, change: Change(actor: actor, at: now, source: "synthetic history"))
                attempts += batch.count
                batch.removeAll(keepingCapacity: true)
            }
        }
        try await store.importAttempts(batch, change: Change(actor: actor, at: now, source: "synthetic history"))
        attempts += batch.count
        return Summary(units: organisation.roster.units.count, people: organisation.roster.people.count,
                       systems: organisation.systems.count, attempts: attempts, exemptions: exemptions)
    }
}
