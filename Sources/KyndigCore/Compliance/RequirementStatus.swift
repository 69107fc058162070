/// A passed quiz: the evidence that meets a requirement.
public struct Completion: Sendable, Hashable, Codable {
    public let moduleID: String
    public let version: ModuleVersion
    public let contentHash: String
    public let passedOn: CalendarDate
    public let score: Double

    public init(moduleID: String, version: ModuleVersion, contentHash: String, passedOn: CalendarDate, score: Double) {
        self.moduleID = moduleID
        self.version = version
        self.contentHash = contentHash
        self.passedOn = passedOn
        self.score = score
    }
}

/// Where a person stands on one requirement, and the dates behind it.
public struct RequirementStatus: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case met
        case inProgress = "in-progress"
        case notStarted = "not-started"
        case overdue
    }

    public let requirement: Requirement
    public let state: State
    /// The day the requirement must be met by (start date + grace days).
    public let dueOn: CalendarDate
    /// The pass that meets it, if any.
    public let completion: Completion?

    public init(requirement: Requirement, state: State, dueOn: CalendarDate, completion: Completion?) {
        self.requirement = requirement
        self.state = state
        self.dueOn = dueOn
        self.completion = completion
    }
}

extension Policy {
    /// The first, simple status rule: a requirement is met by a pass of a version the policy
    /// accepts; otherwise it is due `graceDays` after the start date. The compliance engine
    /// (validity, expiry, expiring soon) replaces this function, and only this function.
    /// - Parameters:
    ///   - currentVersion: the module's current version in the catalog.
    ///   - completions: the person's passes of this module, any order.
    ///   - hasOpenAttempt: whether a quiz attempt is under way.
    ///   - asOf: the day to judge on; the caller reads the clock.
    public func status(
        of requirement: Requirement, startDate: CalendarDate, currentVersion: ModuleVersion,
        completions: [Completion], hasOpenAttempt: Bool, asOf: CalendarDate
    ) -> RequirementStatus {
        let dueOn = startDate.adding(days: graceDays)
        let pass = completions
            .filter { $0.moduleID == requirement.moduleID && accepts(passed: $0.version, current: currentVersion) }
            .max { $0.passedOn < $1.passedOn }
        let state: RequirementStatus.State =
            if pass != nil { .met }
            else if hasOpenAttempt { .inProgress }
            else if asOf > dueOn { .overdue }
            else { .notStarted }
        return RequirementStatus(requirement: requirement, state: state, dueOn: dueOn, completion: pass)
    }
}
