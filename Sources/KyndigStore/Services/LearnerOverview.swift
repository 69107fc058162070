import KyndigCore

/// A person's roles, requirements and their statuses: what the tutor greets a learner with and
/// what `kyndig status` prints. Gathers the records; the rules themselves are in KyndigCore.
public struct LearnerOverview: Sendable, Encodable {
    public let person: Person
    public let unitPath: [OrgUnit]
    public let statuses: [RequirementStatus]

    public var metCount: Int { statuses.count { $0.state == .met } }

    /// The first requirement not met, overdue ones first, then by due date and catalog order.
    public var next: RequirementStatus? {
        statuses.enumerated()
            .filter { $0.element.state != .met }
            .min { a, b in
                let rank: (RequirementStatus) -> Int = { $0.state == .overdue ? 0 : $0.state == .inProgress ? 1 : 2 }
                return (rank(a.element), a.element.dueOn.dayNumber, a.offset) < (rank(b.element), b.element.dueOn.dayNumber, b.offset)
            }?.element
    }

    public static func load(
        person: Person, catalog: Catalog, people: some PeopleRepository, completions: some CompletionRepository,
        asOf: CalendarDate
    ) throws -> LearnerOverview {
        let units = try people.unitAncestry(of: person.unitID)
        let requirements = catalog.requirements(for: person, unitAncestry: units.map(\.id), systems: try people.systems())
        let passes = try completions.completions(employeeID: person.employeeID)
        let open = try completions.openAttemptModules(employeeID: person.employeeID)
        let statuses = requirements.compactMap { requirement -> RequirementStatus? in
            guard let module = catalog.modules[requirement.moduleID] else { return nil }
            return catalog.policy.status(
                of: requirement, startDate: person.startDate, currentVersion: module.version,
                completions: passes, hasOpenAttempt: open.contains(requirement.moduleID), asOf: asOf)
        }
        return LearnerOverview(person: person, unitPath: units, statuses: statuses)
    }
}
