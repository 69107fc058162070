public import KyndigCore
public import KyndigStore

/// Builds the manager's report: every active person of a unit subtree (or the whole
/// organisation), read a page at a time, their statuses computed as of a day, rolled up the
/// unit tree. The queries are a handful whatever the size: units, systems, module versions,
/// and four per page of 1,000 people.
public struct ComplianceReporting: Sendable {
    let store: any KyndigStore

    public init(store: any KyndigStore) {
        self.store = store
    }

    public enum Problem: Error, Sendable, Hashable {
        case unknownUnit(String, suggestion: String?)
    }

    public func report(unitID: String?, catalog: Catalog, asOf: CalendarDate) async throws -> ComplianceReport {
        try await report(unitID: unitID, catalog: catalog, asOf: asOf, trendDays: [], attentionLimit: nil).report
    }

    /// The report and, in the same pass over the people, the share met on each of `trendDays`
    /// (see `ComplianceTrend.days(endingOn:)`). `attentionLimit`: list only the first this many
    /// people who need attention (all are counted).
    public func report(
        unitID: String?, catalog: Catalog, asOf: CalendarDate, trendDays: [CalendarDate], attentionLimit: Int? = nil
    ) async throws -> (report: ComplianceReport, trend: ComplianceTrend) {
        var builder: ComplianceReport.Builder?
        var trend = ComplianceTrend.Builder(days: trendDays)
        try await forEachPerson(unitID: unitID, catalog: catalog, days: [asOf] + trendDays) { tree in
            builder = ComplianceReport.Builder(
                units: tree, topUnitID: unitID, asOf: asOf, law: (catalog.obligations, catalog.policy.jurisdiction), attentionLimit: attentionLimit)
        } each: { person, _, statusesByDay in
            builder?.add(person, statuses: statusesByDay[0])
            trend.add(statusesByDay: Array(statusesByDay.dropFirst()))
        }
        return (builder!.build(), trend.build())
    }

    /// Every active person of the subtree with their statuses as of `asOf`, a page at a time:
    /// `start` gets the subtree's units depth first, then `each` one person after another.
    public func forEachOverview(
        unitID: String?, catalog: Catalog, asOf: CalendarDate,
        start: ([OrgUnit]) throws -> Void = { _ in }, each: (LearnerOverview) throws -> Void
    ) async throws {
        try await forEachPerson(unitID: unitID, catalog: catalog, days: [asOf], start: start) { person, path, statusesByDay in
            try each(LearnerOverview(person: person, unitPath: path, statuses: statusesByDay[0]))
        }
    }

    /// Every active person of the subtree, their unit path and their statuses on each of `days`.
    /// People come a page at a time; each page's statuses are worked out in two halves at once
    /// (the next page is being read meanwhile), then handed to `each` one person after another,
    /// in order: on two cores reading and both halves overlap.
    func forEachPerson(
        unitID: String?, catalog: Catalog, days: [CalendarDate],
        start: ([OrgUnit]) throws -> Void, each: (Person, [OrgUnit], [[RequirementStatus]]) throws -> Void
    ) async throws {
        let units = try await store.units()
        let byID = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        if let unitID, byID[unitID] == nil {
            throw Problem.unknownUnit(unitID, suggestion: Suggestion.nearest(unitID, in: byID.keys))
        }
        try start(Self.depthFirst(units, from: unitID))
        let systems = try await store.systems()
        var parents: [String: String?] = [:]
        for unit in units { parents[unit.id] = unit.parentID }
        var paths: [String: UnitPath] = [:]
        for unit in units {
            let path = UnitTree.ancestry(of: unit.id, parents: parents).compactMap { byID[$0] }
            paths[unit.id] = UnitPath(units: path, ids: path.map(\.id))
        }
        let context = Context(catalog: catalog, facts: ModuleFacts.all(catalog, stored: try await store.storedVersions()),
                              paths: paths, days: days)
        let halves = (PlannerSlot(catalog: catalog, systems: systems), PlannerSlot(catalog: catalog, systems: systems))
        var page: [LearnerRecord] = []
        func emit() async throws {
            let records = page
            page.removeAll(keepingCapacity: true)
            let middle = (records.count + 1) / 2
            async let first = halves.0.statuses(of: records[..<middle], context)
            let second = halves.1.statuses(of: records[middle...], context)
            for (record, worked) in zip(records, await first + second) { try each(record.person, worked.path, worked.statuses) }
        }
        for try await record in store.learnerRecords(inUnit: unitID) {
            page.append(record)
            if page.count == Self.batch { try await emit() }
        }
        if !page.isEmpty { try await emit() }
    }

    /// People worked out together: a page of the bulk read.
    static let batch = 1_000

    /// A unit followed by the units above it, and their ids.
    struct UnitPath: Sendable {
        let units: [OrgUnit]
        let ids: [String]
    }

    /// What every person's statuses are computed from, the same for the whole report.
    struct Context: Sendable {
        let catalog: Catalog
        let facts: [String: ModuleFacts]
        let paths: [String: UnitPath]
        let days: [CalendarDate]
    }

    /// One half's planner, kept from page to page so its plans are made once. Only one task
    /// uses a slot at a time (each page awaits both halves before the next), hence unchecked.
    final class PlannerSlot: @unchecked Sendable {
        private var planner: RequirementPlanner

        init(catalog: Catalog, systems: [AISystem]) {
            planner = RequirementPlanner(catalog: catalog, systems: systems)
        }

        func statuses(of records: ArraySlice<LearnerRecord>, _ context: Context) -> [(path: [OrgUnit], statuses: [[RequirementStatus]])] {
            records.map { record in
                let person = record.person
                // A unit missing from the tree (the store keeps none such) has an empty path.
                let path = context.paths[person.unitID] ?? UnitPath(units: [], ids: [])
                let requirements = planner.requirements(for: person, unitAncestry: path.ids, history: record.history)
                return (path.units, LearnerOverview.statuses(
                    of: requirements, for: person, modules: context.facts, completions: record.completions,
                    attestations: record.attestations, exemptions: record.exemptions,
                    openAttemptModuleIDs: record.openAttemptModuleIDs, catalog: context.catalog, on: context.days))
            }
        }
    }

    /// The units under `top` (or every root when nil), each followed by its children, by id.
    static func depthFirst(_ units: [OrgUnit], from top: String?) -> [OrgUnit] {
        let children = Dictionary(grouping: units, by: \.parentID)
        let ids = Set(units.map(\.id))
        var result: [OrgUnit] = []
        var visited = Set<String>()
        func visit(_ unit: OrgUnit) {
            guard visited.insert(unit.id).inserted else { return }
            result.append(unit)
            for child in (children[unit.id] ?? []).sorted(by: { $0.id < $1.id }) { visit(child) }
        }
        let roots = top.map { id in units.filter { $0.id == id } }
            ?? units.filter { $0.parentID == nil || !ids.contains($0.parentID!) }.sorted { $0.id < $1.id }
        roots.forEach(visit)
        return result
    }
}
