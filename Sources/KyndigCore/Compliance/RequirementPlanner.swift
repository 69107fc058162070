/// Works out the requirements of many people against one catalog and one register, as a report
/// does for a whole organisation. Which modules a person must take, and why, depends only on
/// their unit (with the units above it) and their roles, so that part is worked out once per
/// (unit, roles) and only the dates are worked out per person. The result is exactly
/// `Catalog.requirements(for:unitAncestry:systems:history:)`; overseers, who are few and whose
/// requirements follow them across units, go through that function itself.
public struct RequirementPlanner: Sendable {
    private let catalog: Catalog
    private let systems: [AISystem]
    private let overseerIDs: Set<String>
    private var plans: [PlanKey: [PlannedModule]] = [:]

    private struct PlanKey: Hashable {
        let unitAncestry: [String]
        let roleIDs: [String]

        /// Hashes the person's own unit and roles only: the units above follow from the unit.
        /// (Equal keys still compare every unit.)
        func hash(into hasher: inout Hasher) {
            hasher.combine(unitAncestry.first)
            hasher.combine(roleIDs)
        }
    }

    /// Where the day a requirement arose comes from: the day a role was given (the role's place
    /// in the plan's roles, which are the person's), or the day a system came to the person's
    /// unit (nil: registered with no date, so the person's start).
    private enum Source: Sendable {
        case role(Int)
        case system(linked: CalendarDate?)
    }

    private struct PlannedModule: Sendable {
        let moduleID: String
        let reasons: [RequirementReason]
        let obligationIDs: [String]
        let measureIDs: [String]
        let sources: [Source]
    }

    public init(catalog: Catalog, systems: [AISystem]) {
        self.catalog = catalog
        self.systems = systems.sorted { $0.id < $1.id }
        overseerIDs = Set(systems.flatMap(\.overseerIDs))
    }

    /// The requirements of `person`; arguments as for `Catalog.requirements(for:unitAncestry:systems:history:)`.
    public mutating func requirements(for person: Person, unitAncestry: [String], history: PersonHistory?) -> [Requirement] {
        guard person.active else { return [] }
        guard !overseerIDs.contains(person.employeeID) else {
            return catalog.requirements(for: person, unitAncestry: unitAncestry, systems: systems, history: history)
        }
        let key = PlanKey(unitAncestry: unitAncestry, roleIDs: person.roleIDs)
        let plan: [PlannedModule]
        if let known = plans[key] {
            plan = known
        } else {
            plan = makePlan(unitAncestry: unitAncestry, roleIDs: person.roleIDs)
            plans[key] = plan
        }
        let start = person.startDate
        let inUnit = max(start, history?.unitSince ?? start)
        // The day each role was given, looked up once for all the modules.
        let roleDays = person.roleIDs.map { max(start, history?.roleSince[$0] ?? start) }
        return plan.map { module in
            var arose: CalendarDate?
            for source in module.sources {
                let day = switch source {
                case let .role(position): roleDays[position]
                case let .system(linked): max(inUnit, linked ?? start)
                }
                arose = min(arose ?? day, day)
            }
            return Requirement(moduleID: module.moduleID, reasons: module.reasons, obligationIDs: module.obligationIDs, arose: arose!,
                               measureIDs: module.measureIDs)
        }
    }

    /// The modules, reasons and date sources of everyone with these units and roles, in the
    /// order `Catalog.requirements` gives them: roles first, then systems by id (each one's
    /// context modules, then its local unit).
    private func makePlan(unitAncestry: [String], roleIDs: [String]) -> [PlannedModule] {
        var order: [String] = []
        var reasons: [String: [RequirementReason]] = [:]
        var sources: [String: [Source]] = [:]
        func add(_ moduleID: String, _ reason: RequirementReason, _ source: Source) {
            if reasons[moduleID] == nil { order.append(moduleID) }
            reasons[moduleID, default: []].append(reason)
            sources[moduleID, default: []].append(source)
        }
        for (position, roleID) in roleIDs.enumerated() {
            for moduleID in catalog.role(roleID)?.moduleIDs ?? [] { add(moduleID, .role(roleID), .role(position)) }
        }
        let units = Set(unitAncestry)
        for system in systems where !units.isDisjoint(with: system.unitIDs) {
            guard system.roleIDs.isEmpty || !Set(system.roleIDs).isDisjoint(with: roleIDs) else { continue }
            let linked = units.intersection(system.unitIDs).compactMap { system.unitSince[$0] }.min()
            for contextID in system.contextIDs {
                for moduleID in catalog.context(contextID)?.moduleIDs ?? [] {
                    add(moduleID, .system(systemID: system.id, contextID: contextID), .system(linked: linked))
                }
            }
            if let moduleID = catalog.localUnit(of: system) { add(moduleID, .localUnit(systemID: system.id), .system(linked: linked)) }
        }
        return order.map { moduleID in
            PlannedModule(moduleID: moduleID, reasons: reasons[moduleID]!, obligationIDs: catalog.modules[moduleID]?.obligationIDs ?? [],
                          measureIDs: catalog.measureIDs(for: moduleID, reasons: reasons[moduleID]!, systems: systems), sources: sources[moduleID]!)
        }
    }
}
