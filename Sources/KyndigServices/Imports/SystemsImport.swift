import Foundation
public import KyndigCore
import KyndigImport
public import KyndigStore

/// Imports the AI-system register: read and validate the file against the catalog and the stored
/// units, diff it against the stored register (`SystemsPlan`, pure) and apply it in one
/// transaction. The file is the whole register; a file with any problem writes nothing.
public struct SystemsImport: Sendable {
    let store: any SystemStore & RosterStore
    let clock: WallClock

    public init(store: any SystemStore & RosterStore, clock: WallClock) {
        self.store = store
        self.clock = clock
    }

    public struct Summary: Sendable, Hashable, Codable {
        public let file: String
        public let dryRun: Bool
        public let systems: Int
        public let added: [String]
        public let changed: [String]
        public let removed: [String]
    }

    /// - Throws: `Problems` (nothing written) for a bad file; `ImportRefusal` for an empty register
    ///   replacing a non-empty one; store errors otherwise.
    /// - Parameter force: apply a register that removes every system (normally a truncated file).
    public func run(path: String, name: String? = nil, catalog: Catalog, dryRun: Bool, force: Bool = false, actor: String) async throws -> Summary {
        let name = name ?? path
        let roster = try await store.rosterSnapshot()
        let systems = try SystemRegister.read(
            path: path, name: name, catalog: catalog, knownUnits: Set(roster.units.map(\.id)),
            knownPeople: Set(roster.people.filter(\.active).map(\.employeeID)))
        let current = try await store.systems()
        let plan = SystemsPlan(current: current, incoming: systems)
        if !dryRun && !force && systems.isEmpty && !current.isEmpty {
            throw ImportRefusal.noSystemsLeft(removed: current.count)
        }
        if !dryRun && !plan.isEmpty {
            let now = clock.now()
            try await store.apply(plan, on: catalog.policy.calendarDate(of: now),
                                  change: Change(actor: actor, at: now, source: URL(fileURLWithPath: name).lastPathComponent))
        }
        return Summary(
            file: name, dryRun: dryRun, systems: systems.count, added: plan.added.map(\.id), changed: plan.changed.map(\.id),
            removed: plan.removedIDs)
    }
}
