public import Foundation

/// The hospital's rules for quizzes and validity, from `curricula/policy.yaml`.
public struct Policy: Sendable, Hashable, Codable {
    /// Which version bump voids an earlier pass.
    public enum VersionBump: String, Sendable, Hashable, Codable, CaseIterable {
        case major, minor, never
    }

    public let passMark: Double
    public let questionsPerQuiz: Int
    public let validityMonths: Int
    public let graceDays: Int
    public let expiringSoonDays: Int
    public let invalidatePassOn: VersionBump
    /// The organisation's time zone (`Europe/Oslo`): a pass, a due date and "today" are calendar
    /// days there, whatever the server's own zone.
    public let timeZone: TimeZone
    /// Where the organisation is, so reports can say which obligations bind it on a day.
    public let jurisdiction: Jurisdiction
    /// Days a question the course could not answer is kept (without who asked it).
    public let unansweredRetentionDays: Int
    public static let defaultUnansweredRetentionDays = 90
    /// The day the programme started: no requirement arises before it.
    public let launchDate: CalendarDate?
    /// Days staff employed at launch have to meet a requirement that arose at launch (new
    /// requirements later get `graceDays`).
    public let rolloutDays: Int
    /// How a pass's expiry is counted.
    public let renewal: Renewal

    /// How long a pass counts, and from when a retake counts.
    public enum Renewal: Sendable, Hashable, Codable {
        /// `validityMonths` from the pass; a retake inside the "expiring soon" window renews
        /// from the old expiry, so no months are lost.
        case fromExpiry
        /// Valid until a fixed day of the year (`month`-`day`): the first one after the pass,
        /// plus the remaining whole years of `validityMonths` (every year by 31 January).
        case calendar(month: Int, day: Int)
    }

    public init(
        passMark: Double, questionsPerQuiz: Int, validityMonths: Int, graceDays: Int,
        expiringSoonDays: Int, invalidatePassOn: VersionBump, timeZone: TimeZone, jurisdiction: Jurisdiction,
        unansweredRetentionDays: Int = Policy.defaultUnansweredRetentionDays, launchDate: CalendarDate? = nil,
        rolloutDays: Int? = nil, renewal: Renewal = .fromExpiry
    ) {
        self.passMark = passMark
        self.questionsPerQuiz = questionsPerQuiz
        self.validityMonths = validityMonths
        self.graceDays = graceDays
        self.expiringSoonDays = expiringSoonDays
        self.invalidatePassOn = invalidatePassOn
        self.timeZone = timeZone
        self.jurisdiction = jurisdiction
        self.unansweredRetentionDays = unansweredRetentionDays
        self.launchDate = launchDate
        self.rolloutDays = rolloutDays ?? graceDays
        self.renewal = renewal
    }

    /// The calendar day `instant` falls on in the organisation's time zone.
    public func calendarDate(of instant: Date) -> CalendarDate {
        CalendarDate(instant, in: timeZone)
    }

    /// Whether a pass of `passed` still counts when the current version is `current`.
    public func accepts(passed: ModuleVersion, current: ModuleVersion) -> Bool {
        switch invalidatePassOn {
        case .never: true
        case .major: passed.major == current.major
        case .minor: passed.major == current.major && passed.minor == current.minor
        }
    }

    /// Correct answers needed to pass a quiz of `questionCount` questions.
    public func correctAnswersNeeded(of questionCount: Int) -> Int {
        // Round up so that 0.8 of 10 needs 8, and 0.8 of 12 needs 10 (9.6 is not enough).
        QuizResult(correct: 0, total: questionCount, passMark: passMark).needed
    }
}
