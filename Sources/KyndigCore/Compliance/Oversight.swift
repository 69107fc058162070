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
    public let overseers: [Overseer]

    public init(systemID: String, systemName: String, overseers: [Overseer]) {
        self.systemID = systemID
        self.systemName = systemName
        self.overseers = overseers
    }

    /// Nobody is assigned: the hospital cannot show the oversight Art. 26(2) asks for.
    public var unassigned: Bool { overseers.isEmpty }
    public var allTrained: Bool { !overseers.isEmpty && overseers.allSatisfy(\.trained) }

    /// The statuses that matter for oversight of `system` in an overseer's overview.
    public static func statuses(of overview: LearnerOverview, for system: AISystem) -> [RequirementStatus] {
        overview.statuses.filter { $0.requirement.reasons.contains(.oversight(systemID: system.id)) }
    }
}
