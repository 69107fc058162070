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
        /// Who is (or would be) added, changed and deactivated: employee id and name.
        public let added: [Named], changed: [Named], deactivated: [Named]

        public struct Named: Sendable, Hashable, Codable {
            public let employeeID: String
            public let name: String
        }

        public var changeCount: Int {
            peopleAdded + peopleChanged + peopleDeactivated + unitsAdded + unitsChanged + unitsDeactivated
        }
    }

    /// A full import that would deactivate more than `maxDeactivatedShare` of the active people,
    /// or leave nobody active, is refused unless forced: a header-only or truncated export must
    /// not empty the organisation.
    public struct Safety: Sendable, Hashable {
        public let maxDeactivatedShare: Double
        public let force: Bool

        public init(maxDeactivatedShare: Double = 0.1, force: Bool = false) {
            self.maxDeactivatedShare = maxDeactivatedShare
            self.force = force
        }
    }

    /// - Parameters:
    ///   - path: the CSV file; `name` is how problems and the audit log name it (default: the path).
    ///   - full: the file is the whole organisation: people and units missing from it become inactive.
    ///   - progress: called every 10,000 rows with the rows read so far.
    /// - Throws: `Problems` (nothing written) for a bad file; `ImportRefusal` for a full import
    ///   that would deactivate too many; store errors otherwise.
    public func run(
        path: String, name: String? = nil, catalog: Catalog, full: Bool, dryRun: Bool, actor: String,
        safety: Safety = Safety(), progress: ((Int) -> Void)? = nil
    ) async throws -> Summary {
        let name = name ?? path
        let current = try await store.rosterSnapshot()
        let reader = RosterReader(
            knownRoles: Set(catalog.roles.map(\.id)), existing: current, full: full,
            asOf: catalog.policy.calendarDate(of: clock.now()), progress: progress)
        let result = try reader.read(path: path, displayName: name)
        let plan = RosterPlan(current: current, incoming: result.snapshot, full: full)
        let active = current.people.count { $0.active }
        let deactivated = plan.deactivatedEmployeeIDs.count
        if !dryRun && !safety.force && deactivated > 0 {
            // After a full import exactly the people in the file are active.
            if result.snapshot.people.isEmpty {
                throw ImportRefusal.nobodyLeft(deactivated: deactivated)
            }
            if Double(deactivated) > safety.maxDeactivatedShare * Double(active) {
                throw ImportRefusal.tooManyDeactivated(deactivated: deactivated, active: active, maxShare: safety.maxDeactivatedShare)
            }
        }
        if !dryRun && !plan.isEmpty {
            let now = clock.now()
            try await store.apply(plan, on: catalog.policy.calendarDate(of: now),
                                  change: Change(actor: actor, at: now, source: URL(fileURLWithPath: name).lastPathComponent))
        }
        return Summary(
            file: name, dryRun: dryRun, full: full, rows: result.rowCount,
            peopleAdded: plan.addedPeople.count, peopleChanged: plan.changedPeople.count,
            peopleDeactivated: plan.deactivatedEmployeeIDs.count, unitsAdded: plan.addedUnits.count,
            unitsChanged: plan.changedUnits.count, unitsDeactivated: plan.deactivatedUnitIDs.count, notes: result.notes,
            added: plan.addedPeople.map { Summary.Named(employeeID: $0.employeeID, name: $0.name) },
            changed: plan.changedPeople.map { Summary.Named(employeeID: $0.employeeID, name: $0.name) },
            deactivated: Self.named(plan.deactivatedEmployeeIDs, in: current))
    }

    /// The stored names of `ids`, looked up once through an index (rosters hold 100,000 people).
    private static func named(_ ids: [String], in snapshot: RosterSnapshot) -> [Summary.Named] {
        guard !ids.isEmpty else { return [] }
        let names = Dictionary(snapshot.people.map { ($0.employeeID, $0.name) }, uniquingKeysWith: { first, _ in first })
        return ids.map { Summary.Named(employeeID: $0, name: names[$0] ?? "") }
    }
}

/// An import the safety rules refuse; nothing was written. Forcing it is the caller's decision.
public enum ImportRefusal: Error, Sendable, Hashable {
    /// A full roster would deactivate more than the allowed share of the active people.
    case tooManyDeactivated(deactivated: Int, active: Int, maxShare: Double)
    /// A full roster would leave nobody active.
    case nobodyLeft(deactivated: Int)
    /// A register would remove every AI system.
    case noSystemsLeft(removed: Int)
}
