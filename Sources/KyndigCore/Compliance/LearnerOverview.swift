/// A person's unit, requirements and where they stand on each: what the tutor greets a learner
/// with and what `kyndig status` prints. Pure: the caller gathers the records and passes the day.
public struct LearnerOverview: Sendable, Hashable, Codable {
    public let person: Person
    /// The person's unit followed by its ancestors, nearest first.
    public let unitPath: [OrgUnit]
    /// One status per requirement, in the order the requirements arise (roles, then systems).
    public let statuses: [RequirementStatus]

    public init(person: Person, unitPath: [OrgUnit], statuses: [RequirementStatus]) {
        self.person = person
        self.unitPath = unitPath
        self.statuses = statuses
    }

    /// Computes the statuses of every requirement of `person` as of `asOf`.
    /// - Parameters:
    ///   - systems: the whole AI-system register (the ones for the person's units are picked here).
    ///   - completions: the person's passes, any order.
    ///   - openAttemptModuleIDs: modules with a quiz under way.
    public init(
        person: Person, unitPath: [OrgUnit], systems: [AISystem], completions: [Completion],
        openAttemptModuleIDs: Set<String>, catalog: Catalog, asOf: CalendarDate
    ) {
        let requirements = catalog.requirements(for: person, unitAncestry: unitPath.map(\.id), systems: systems)
        let statuses = requirements.compactMap { requirement -> RequirementStatus? in
            guard let module = catalog.module(requirement.moduleID) else { return nil }
            return catalog.policy.status(
                of: requirement, startDate: person.startDate, currentVersion: module.version,
                completions: completions, hasOpenAttempt: openAttemptModuleIDs.contains(requirement.moduleID), asOf: asOf)
        }
        self.init(person: person, unitPath: unitPath, statuses: statuses)
    }

    public var metCount: Int { statuses.count { $0.state == .met } }

    /// What to do next: the first requirement not met — overdue first, then one in progress, then
    /// the earliest due; ties keep the requirements' own order.
    public var next: RequirementStatus? {
        func rank(_ status: RequirementStatus) -> Int {
            switch status.state {
            case .overdue: 0
            case .inProgress: 1
            case .notStarted: 2
            case .met: 3
            }
        }
        return statuses.enumerated()
            .filter { $0.element.state != .met }
            .min { a, b in
                (rank(a.element), a.element.dueOn.dayNumber, a.offset) < (rank(b.element), b.element.dueOn.dayNumber, b.offset)
            }?.element
    }
}
