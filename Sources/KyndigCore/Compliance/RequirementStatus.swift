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

/// What the status rules need to know about a module besides the catalog: when it was first
/// published (stored), when its current version was, and when its obligations took effect.
public struct ModuleFacts: Sendable, Hashable, Codable {
    public let currentVersion: ModuleVersion
    /// The first day any version of the module was in the database.
    public let published: CalendarDate
    /// The first day the current version was.
    public let currentVersionPublished: CalendarDate
    /// The earliest day one of the module's obligations took effect (nil: none known).
    public let obligationsEffective: CalendarDate?

    public init(currentVersion: ModuleVersion, published: CalendarDate, currentVersionPublished: CalendarDate, obligationsEffective: CalendarDate?) {
        self.currentVersion = currentVersion
        self.published = published
        self.currentVersionPublished = currentVersionPublished
        self.obligationsEffective = obligationsEffective
    }
}

/// Where a person stands on one requirement as of a day, and every date that decided it.
public struct RequirementStatus: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case met
        case expiringSoon = "expiring_soon"
        case inProgress = "in_progress"
        case notStarted = "not_started"
        case overdue
        case expired
        case exempt
    }

    public let requirement: Requirement
    public let state: State
    /// The day the requirement began to apply: the later of the day it arose for the person, the
    /// module's publication, its obligations taking effect and the programme's launch.
    public let since: CalendarDate
    /// The day it must be met by: from `since` (grace or rollout days), or the current pass's expiry.
    public let dueOn: CalendarDate
    /// The newest pass that counts.
    public let completion: Completion?
    /// The first day that pass no longer counts.
    public let expiresOn: CalendarDate?
    /// The newest pass that no longer counts because the module has a version it does not cover.
    public let voidedCompletion: Completion?
    /// The newest attested measure that counts for the requirement (`Requirement.measureIDs`).
    public let attestation: Attestation?
    public let exemption: Exemption?

    public init(
        requirement: Requirement, state: State, since: CalendarDate, dueOn: CalendarDate, completion: Completion?,
        expiresOn: CalendarDate?, voidedCompletion: Completion?, attestation: Attestation?, exemption: Exemption?
    ) {
        self.requirement = requirement
        self.state = state
        self.since = since
        self.dueOn = dueOn
        self.completion = completion
        self.expiresOn = expiresOn
        self.voidedCompletion = voidedCompletion
        self.attestation = attestation
        self.exemption = exemption
    }

    /// Met, or about to need a retake but still met.
    public var isMet: Bool { state == .met || state == .expiringSoon || state == .exempt }
}

extension Policy {
    /// The status of one requirement as of `asOf`. Pure: the same inputs, the same status.
    /// - Parameters:
    ///   - completions: the person's passes (of any module, any order).
    ///   - attestations: the person's attested measures (any); those the requirement accepts count
    ///     as a pass does, and no module version voids them.
    ///   - exemptions: the person's exemptions (of any module).
    ///   - hasOpenAttempt: whether a quiz of the module is under way.
    public func status(
        of requirement: Requirement, for person: Person, module: ModuleFacts, completions: [Completion],
        attestations: [Attestation] = [], exemptions: [Exemption] = [], hasOpenAttempt: Bool, asOf: CalendarDate
    ) -> RequirementStatus {
        // This runs for every requirement of every person in a report, so the usual case (the
        // module's passes oldest first, as the store reads them, and no attested measure) reads
        // the passes in place and allocates nothing; passes out of order are sorted in a copy.
        let moduleID = requirement.moduleID
        let current = module.currentVersion
        let inOrder: (Completion, Completion) -> Bool = { ($0.passedOn, $0.version) < ($1.passedOn, $1.version) }
        var previous: Int?
        var ordered = true
        for index in completions.indices where completions[index].moduleID == moduleID {
            if let previous, inOrder(completions[index], completions[previous]) {
                ordered = false
                break
            }
            previous = index
        }
        let passes = ordered ? completions : completions.filter { $0.moduleID == moduleID }.sorted(by: inOrder)
        let attested = requirement.measureIDs.isEmpty ? []
            : attestations.filter { requirement.measureIDs.contains($0.measureID) }.sorted { $0.attestedOn < $1.attestedOn }
        // The newest accepted pass, the newest voided one, and the expiry the accepted passes
        // renew to, oldest first; with attested measures, the days of both, merged below.
        var newestAccepted: Int?
        var newestVoided: Int?
        var expiry: CalendarDate?
        var acceptedDays: [CalendarDate] = []
        for index in passes.indices where passes[index].moduleID == moduleID {
            guard accepts(passed: passes[index].version, current: current) else {
                newestVoided = index
                continue
            }
            newestAccepted = index
            if attested.isEmpty { expiry = renewed(expiry, by: passes[index].passedOn) } else { acceptedDays.append(passes[index].passedOn) }
        }
        // Passes and attested measures are evidence alike: the newest renews the requirement.
        if !attested.isEmpty { expiry = self.expiry(of: (acceptedDays + attested.map(\.attestedOn)).sorted()) }
        let voided = newestVoided.map { passes[$0] }
        var since = max(requirement.arose, module.published, module.obligationsEffective ?? requirement.arose, launchDate ?? requirement.arose)
        // A pass of an earlier major version: the retake is due from the new version's publication.
        if newestAccepted == nil, attested.isEmpty, voided != nil { since = max(since, module.currentVersionPublished) }
        let firstDue: CalendarDate =
            if let launchDate, since == launchDate, person.startDate < launchDate { launchDate.adding(days: rolloutDays) }
            else { since.adding(days: graceDays) }
        let exemption = exemptions.last { $0.moduleID == requirement.moduleID && $0.holds(on: asOf) }
        let state: RequirementStatus.State =
            if exemption != nil { .exempt }
            else if let expiry, asOf < expiry { asOf.adding(days: expiringSoonDays) >= expiry ? .expiringSoon : .met }
            else if hasOpenAttempt { .inProgress }
            else if expiry != nil { .expired }
            else if asOf > firstDue { .overdue }
            else { .notStarted }
        return RequirementStatus(
            requirement: requirement, state: state, since: since, dueOn: expiry ?? firstDue, completion: newestAccepted.map { passes[$0] },
            expiresOn: expiry, voidedCompletion: newestAccepted == nil && attested.isEmpty ? voided : nil, attestation: attested.last,
            exemption: exemption)
    }

    /// The first day the newest of `passes` (oldest first) no longer counts.
    public func expiry(of passes: some Sequence<Completion>) -> CalendarDate? {
        expiry(of: passes.lazy.map(\.passedOn))
    }

    /// The first day evidence on `days` (oldest first) no longer counts. A retake inside the
    /// "expiring soon" window renews from the old expiry, so no months are lost.
    public func expiry(of days: some Sequence<CalendarDate>) -> CalendarDate? {
        days.reduce(nil, renewed)
    }

    /// The expiry after evidence on `day`, when the evidence before it expired on `expiry` (nil:
    /// there was none); days come oldest first.
    func renewed(_ expiry: CalendarDate?, by day: CalendarDate) -> CalendarDate? {
        switch renewal {
        case .fromExpiry:
            if let current = expiry, day < current, day >= current.adding(days: -expiringSoonDays) {
                return current.adding(months: validityMonths)
            }
            return max(expiry ?? day, day.adding(months: validityMonths))
        case let .calendar(month, day: dayOfMonth):
            return Self.next(month: month, day: dayOfMonth, after: day).adding(months: 12 * (max(validityMonths, 12) / 12 - 1))
        }
    }

    /// The first `month`-`day` after `date` (28 February in years without a 29th).
    static func next(month: Int, day: Int, after date: CalendarDate) -> CalendarDate {
        func on(_ year: Int) -> CalendarDate {
            CalendarDate(year: year, month: month, day: min(day, CalendarDate.daysIn(month: month, year: year)))!
        }
        let thisYear = on(date.year)
        return thisYear > date ? thisYear : on(date.year + 1)
    }
}
