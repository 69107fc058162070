import Foundation
public import KyndigCore
public import KyndigStore

/// What every learner's status is computed from besides their own records — the AI-system
/// register, the facts of each module's stored versions and the unit tree — read once and shared
/// by a server answering many learners, instead of on every request. Kept for `maxAge` by the
/// injected clock, and dropped at once when the server itself changes them (`invalidate()`), so
/// a change made by another process (a `kyndig systems import` on the same file) shows within
/// `maxAge` and the time one read takes.
public final class SharedLearnerFacts: @unchecked Sendable {
    public struct Facts: Sendable {
        public let systems: [AISystem]
        public let modules: [String: ModuleFacts]
        /// The active units by id.
        public let units: [String: OrgUnit]

        /// The unit with `id` followed by its ancestors, nearest first; nil when a unit on the way
        /// is not among these (made or moved since they were read: ask the store).
        public func unitPath(of id: String) -> [OrgUnit]? {
            var path: [OrgUnit] = []
            var next: String? = id
            while let current = next {
                guard let unit = units[current], path.count <= units.count else { return nil }
                path.append(unit)
                next = unit.parentID
            }
            return path
        }
    }

    let store: any KyndigStore
    let catalog: Catalog
    let clock: WallClock
    let maxAge: Double
    private let lock = NSLock()
    private var cached: (facts: Facts, readAt: Date, generation: Int)?
    /// The read under way, if any: one at a time, whoever asks meanwhile shares it.
    private var refreshing: (task: Task<Facts, any Error>, generation: Int)?
    private var generation = 0

    public init(store: any KyndigStore, catalog: Catalog, clock: WallClock, maxAge: Double = 5) {
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.maxAge = maxAge
    }

    /// The facts, read again when older than `maxAge` or invalidated.
    ///
    /// One read at a time: when the facts grow old under load, the first caller reads them again
    /// and callers meanwhile keep the old ones (a read takes milliseconds; every waiting request
    /// reading them too made the slowest hundredth of a server's answers twice as slow). After
    /// `invalidate()` nobody gets the old facts: they wait for the new read.
    public func current() async throws -> Facts {
        let now = clock.now()
        enum Next { case use(Facts), wait(Task<Facts, any Error>, generation: Int) }
        let next: Next = lock.withLock {
            let valid = cached.flatMap { $0.generation == generation ? $0 : nil }
            if let valid, now.timeIntervalSince(valid.readAt) < maxAge, now >= valid.readAt { return .use(valid.facts) }
            if let refreshing, refreshing.generation == generation {
                if let valid { return .use(valid.facts) }
                return .wait(refreshing.task, generation: generation)
            }
            let task = Task { [store, catalog] in
                Facts(
                    systems: try await store.systems(), modules: ModuleFacts.all(catalog, stored: try await store.storedVersions()),
                    units: Dictionary(try await store.units().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
            }
            refreshing = (task, generation)
            return .wait(task, generation: generation)
        }
        switch next {
        case let .use(facts):
            return facts
        case let .wait(task, started):
            let result = await task.result
            lock.withLock {
                guard refreshing?.generation == started else { return }
                refreshing = nil
                // A read that began before an invalidation is used once but not kept.
                if case let .success(facts) = result, started == generation { cached = (facts, now, started) }
            }
            return try result.get()
        }
    }

    /// Forgets the facts: the next request reads them again (after an import through the server).
    public func invalidate() {
        lock.withLock {
            generation += 1
            cached = nil
        }
    }
}
