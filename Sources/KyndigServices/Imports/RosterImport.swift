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
        let now = clock.now()
        let reader = RosterReader(
            knownRoles: Set(catalog.roles.map(\.id)), existing: current, full: full,
            asOf: catalog.policy.calendarDate(of: now), progress: progress)
        guard !dryRun else {
            let result = try reader.read(path: path, displayName: name)
            return summary(of: RosterPlan(current: current, incoming: result.snapshot, full: full), result, current: current, name: name, full: full, dryRun: true)
        }
        // The store writes each batch of checked people while the rest of the file is read, in
        // one transaction that commits only if the whole file passes and the safety rules allow it.
        let parts = RosterPlanParts(inWritingOrder: true)
        async let written: Void = store.apply(parts, on: catalog.policy.calendarDate(of: now),
                                              change: Change(actor: actor, at: now, source: URL(fileURLWithPath: name).lastPathComponent))
        var builder = RosterPlan.Builder(current: current)
        let result: RosterReader.Result
        do {
            result = try reader.read(path: path, displayName: name) { person, unit in
                builder.add(unit)
                builder.add(person)
                if builder.readyPeople >= Self.batchSize { parts.send(builder.takeReady()) }
            }
            let last = builder.finish(incoming: result.snapshot, full: full)
            try refuseUnsafe(builder.plan, result, current: current, safety: safety)
            parts.send(last)
            parts.finish()
        } catch {
            parts.fail(error)
            _ = try? await written
            throw error
        }
        try await written
        return summary(of: builder.plan, result, current: current, name: name, full: full, dryRun: false)
    }

    /// People handed to the store at a time: small enough that writing starts early, large
    /// enough that handing over costs nothing.
    public static let batchSize = 2_000

    /// A full roster may not deactivate too many people, or everyone, unless forced.
    private func refuseUnsafe(_ plan: RosterPlan, _ result: RosterReader.Result, current: RosterSnapshot, safety: Safety) throws {
        let deactivated = plan.deactivatedEmployeeIDs.count
        guard !safety.force && deactivated > 0 else { return }
        // After a full import exactly the people in the file are active.
        if result.snapshot.people.isEmpty {
            throw ImportRefusal.nobodyLeft(deactivated: deactivated)
        }
        let active = current.people.count { $0.active }
        if Double(deactivated) > safety.maxDeactivatedShare * Double(active) {
            throw ImportRefusal.tooManyDeactivated(deactivated: deactivated, active: active, maxShare: safety.maxDeactivatedShare)
        }
    }

    private func summary(of plan: RosterPlan, _ result: RosterReader.Result, current: RosterSnapshot, name: String, full: Bool, dryRun: Bool) -> Summary {
        Summary(
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
