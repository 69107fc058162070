/// AI Act Art. 26(2): a deployer of a high-risk AI system assigns its human oversight to people
/// with the necessary competence. Per high-risk system: who is assigned, and whether each has
/// met the training the system's contexts ask for; a system nobody oversees is flagged.
public struct OversightStatus: Sendable, Hashable, Codable {
    public struct Overseer: Sendable, Hashable, Codable {
        public let employeeID: String
        public let name: String
        public let active: Bool
        /// The statuses of the modules their oversight of this system requires.
        public let statuses: [RequirementStatus]

        public init(employeeID: String, name: String, active: Bool, statuses: [RequirementStatus]) {
            self.employeeID = employeeID
            self.name = name
            self.active = active
            self.statuses = statuses
        }

        /// Active, and every required module met (or exempt).
        public var trained: Bool { active && statuses.allSatisfy(\.isMet) }
    }

    public let systemID: String
    public let systemName: String
    /// The system's high-risk route (nil: the register does not say yet).
    public let route: HighRiskRoute?
    /// The first day a deployer duty on high-risk systems that the system's training serves
    /// (an obligation with route dates, such as Art. 26(2)) applies to this system, on its route.
    public let dutiesApplyFrom: CalendarDate?
    /// Whether that duty binds the organisation, in its jurisdiction, on the day of the check.
    public let dutiesInForce: Bool
    public let overseers: [Overseer]

    public init(
        systemID: String, systemName: String, route: HighRiskRoute?, dutiesApplyFrom: CalendarDate?, dutiesInForce: Bool,
        overseers: [Overseer]
    ) {
        self.systemID = systemID
        self.systemName = systemName
        self.route = route
        self.dutiesApplyFrom = dutiesApplyFrom
        self.dutiesInForce = dutiesInForce
        self.overseers = overseers
    }

    /// The check for `system` as of `asOf`: its route's duty dates from the catalog's obligations.
    public init(system: AISystem, catalog: Catalog, asOf: CalendarDate, overseers: [Overseer]) {
        let duty = Self.earliestDuty(of: system, in: catalog)
        self.init(systemID: system.id, systemName: system.name, route: system.route,
                  dutiesApplyFrom: duty?.appliesFrom(route: system.route),
                  dutiesInForce: duty?.isInForce(on: asOf, in: catalog.policy.jurisdiction, route: system.route) ?? false,
                  overseers: overseers)
    }

    /// Of the obligations the system's context modules serve, the duty on high-risk systems
    /// (one with route dates) that applies first on the system's route.
    static func earliestDuty(of system: AISystem, in catalog: Catalog) -> Obligation? {
        let moduleIDs = system.contextIDs.flatMap { catalog.context($0)?.moduleIDs ?? [] }
        let duties = Set(moduleIDs.flatMap { catalog.modules[$0]?.obligationIDs ?? [] }).compactMap(catalog.obligation)
            .filter { !$0.appliesFrom.isEmpty }
        return duties.min { ($0.appliesFrom(route: system.route), $0.id) < ($1.appliesFrom(route: system.route), $1.id) }
    }

    /// Nobody is assigned: the hospital cannot show the oversight Art. 26(2) asks for.
    public var unassigned: Bool { overseers.isEmpty }
    public var allTrained: Bool { !overseers.isEmpty && overseers.allSatisfy(\.trained) }

    /// The statuses that matter for oversight of `system` in an overseer's overview.
    public static func statuses(of overview: LearnerOverview, for system: AISystem) -> [RequirementStatus] {
        overview.statuses.filter {
            $0.requirement.reasons.contains(.oversight(systemID: system.id)) || $0.requirement.reasons.contains(.localUnit(systemID: system.id))
        }
    }
}
