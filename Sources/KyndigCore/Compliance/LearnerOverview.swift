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
    ///   - history: when the person's roles and unit began.
    ///   - modules: publication facts per module (a module missing here counts as published on
    ///     `asOf`, so it is never overdue on a guess).
    ///   - completions: the person's passes, any order; those after `asOf` are not counted.
    ///   - attestations: the person's attested measures; those after `asOf` are not counted.
    ///   - exemptions: the person's exemptions.
    ///   - openAttemptModuleIDs: modules with a quiz under way.
    public init(
        person: Person, unitPath: [OrgUnit], systems: [AISystem], history: PersonHistory?, modules: [String: ModuleFacts],
        completions: [Completion], attestations: [Attestation], exemptions: [Exemption], openAttemptModuleIDs: Set<String>,
        catalog: Catalog, asOf: CalendarDate
    ) {
        let statuses = Self.statuses(
            person: person, unitPath: unitPath, systems: systems, history: history, modules: modules, completions: completions,
            attestations: attestations, exemptions: exemptions, openAttemptModuleIDs: openAttemptModuleIDs, catalog: catalog, on: [asOf])
        self.init(person: person, unitPath: unitPath, statuses: statuses[0])
    }

    /// The statuses of every requirement of `person` as of each of `days` (one list per day, in
    /// the order of `days`): the requirements are worked out once, then judged day by day, so a
    /// trend over twelve days costs one pass over the people, not twelve reports.
    /// Parameters as for `init(person:unitPath:systems:history:modules:completions:exemptions:openAttemptModuleIDs:catalog:asOf:)`.
    public static func statuses(
        person: Person, unitPath: [OrgUnit], systems: [AISystem], history: PersonHistory?, modules: [String: ModuleFacts],
        completions: [Completion], attestations: [Attestation], exemptions: [Exemption], openAttemptModuleIDs: Set<String>,
        catalog: Catalog, on days: [CalendarDate]
    ) -> [[RequirementStatus]] {
        let requirements = catalog.requirements(for: person, unitAncestry: unitPath.map(\.id), systems: systems, history: history)
        return statuses(
            of: requirements, for: person, modules: modules, completions: completions, attestations: attestations, exemptions: exemptions,
            openAttemptModuleIDs: openAttemptModuleIDs, catalog: catalog, on: days)
    }

    /// The statuses of `requirements` (a person's, worked out already: see `RequirementPlanner`)
    /// as of each of `days`; other parameters as above.
    public static func statuses(
        of requirements: [Requirement], for person: Person, modules: [String: ModuleFacts], completions: [Completion],
        attestations: [Attestation], exemptions: [Exemption], openAttemptModuleIDs: Set<String>, catalog: Catalog, on days: [CalendarDate]
    ) -> [[RequirementStatus]] {
        // A report runs this for every person: the policy is taken out of the catalog once, and
        // each module's facts looked up once for all the days.
        let policy = catalog.policy
        let facts = requirements.map { requirement -> (version: ModuleVersion, stored: ModuleFacts?)? in
            catalog.moduleVersions[requirement.moduleID].map { ($0, modules[requirement.moduleID]) }
        }
        return days.map { asOf in
            // Usually every pass is before the day: then no copy is made.
            let passes = completions.allSatisfy { $0.passedOn <= asOf } ? completions : completions.filter { $0.passedOn <= asOf }
            let attested = attestations.allSatisfy { $0.attestedOn <= asOf } ? attestations : attestations.filter { $0.attestedOn <= asOf }
            var statuses: [RequirementStatus] = []
            statuses.reserveCapacity(requirements.count)
            for (requirement, facts) in zip(requirements, facts) {
                guard let facts else { continue }
                let module = facts.stored ?? ModuleFacts(
                    currentVersion: facts.version, published: asOf, currentVersionPublished: asOf, obligationsEffective: nil)
                statuses.append(policy.status(
                    of: requirement, for: person, module: module, completions: passes, attestations: attested, exemptions: exemptions,
                    hasOpenAttempt: !openAttemptModuleIDs.isEmpty && openAttemptModuleIDs.contains(requirement.moduleID), asOf: asOf))
            }
            return statuses
        }
    }

    public var metCount: Int { statuses.count(where: \.isMet) }

    /// What to do next: overdue first, then expired, then a quiz under way, then one expiring soon,
    /// then the earliest due; ties keep the requirements' own order.
    public var next: RequirementStatus? {
        func rank(_ status: RequirementStatus) -> Int {
            switch status.state {
            case .overdue: 0
            case .expired: 1
            case .inProgress: 2
            case .expiringSoon: 3
            case .notStarted: 4
            case .met, .exempt: 5
            }
        }
        return statuses.enumerated()
            .filter { $0.element.state != .met && $0.element.state != .exempt }
            .min { a, b in
                (rank(a.element), a.element.dueOn.dayNumber, a.offset) < (rank(b.element), b.element.dueOn.dayNumber, b.offset)
            }?.element
    }
}
