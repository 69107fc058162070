import Foundation
public import KyndigCore
import KyndigImport
public import KyndigStore

/// Imports the HR roster: read and validate every row, diff against the stored organisation
/// (`RosterPlan`, pure), and apply the plan in one transaction with an audit entry. All rows or
/// none: a file with any problem throws `Problems` and writes nothing.
public struct RosterImport: Sendable {
    let store: any RosterStore
    let clock: WallClock

    public init(store: any RosterStore, clock: WallClock) {
        self.store = store
        self.clock = clock
    }

    /// What an import did (or, on a dry run, would do).
    public struct Summary: Sendable, Hashable, Codable {
        public let file: String
        public let dryRun: Bool
        public let full: Bool
        public let rows: Int
        public let peopleAdded: Int, peopleChanged: Int, peopleDeactivated: Int
        public let unitsAdded: Int, unitsChanged: Int, unitsDeactivated: Int
        /// Non-fatal remarks, e.g. extra columns that were ignored.
        public let notes: [String]

        public var changeCount: Int {
            peopleAdded + peopleChanged + peopleDeactivated + unitsAdded + unitsChanged + unitsDeactivated
        }
    }

    /// - Parameters:
    ///   - path: the CSV file; `name` is how problems and the audit log name it (default: the path).
    ///   - full: the file is the whole organisation: people and units missing from it become inactive.
    ///   - progress: called every 10,000 rows with the rows read so far.
    /// - Throws: `Problems` (nothing written) for a bad file; store errors otherwise.
    public func run(
        path: String, name: String? = nil, catalog: Catalog, full: Bool, dryRun: Bool, actor: String,
        progress: ((Int) -> Void)? = nil
    ) async throws -> Summary {
        let name = name ?? path
        let current = try await store.rosterSnapshot()
        let reader = RosterReader(knownRoles: Set(catalog.roles.map(\.id)), existing: current, progress: progress)
        let result = try reader.read(path: path, displayName: name)
        let plan = RosterPlan(current: current, incoming: result.snapshot, full: full)
        if !dryRun && !plan.isEmpty {
            try await store.apply(plan, change: Change(actor: actor, at: clock.now(), source: URL(fileURLWithPath: name).lastPathComponent))
        }
        return Summary(
            file: name, dryRun: dryRun, full: full, rows: result.rowCount,
            peopleAdded: plan.addedPeople.count, peopleChanged: plan.changedPeople.count,
            peopleDeactivated: plan.deactivatedEmployeeIDs.count, unitsAdded: plan.addedUnits.count,
            unitsChanged: plan.changedUnits.count, unitsDeactivated: plan.deactivatedUnitIDs.count, notes: result.notes)
    }
}
