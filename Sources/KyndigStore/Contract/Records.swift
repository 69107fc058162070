public import Foundation
public import KyndigCore

// The values the storage contract takes and returns: named, Codable, backend-neutral.

/// Who changed the records, when, and from what: every write that matters to an auditor says so,
/// and the audit log keeps it.
public struct Change: Sendable, Hashable, Codable {
    /// The person or integration acting (the OS user, a token's owner).
    public let actor: String
    public let at: Date
    /// What the change came from, e.g. the imported file's name.
    public let source: String

    public init(actor: String, at: Date, source: String) {
        self.actor = actor
        self.at = at
        self.source = source
    }
}

/// A module version as stored: what learners' evidence is pinned to.
public struct ModuleVersionRecord: Sendable, Hashable, Codable {
    public let moduleID: String
    public let language: Language
    public let version: ModuleVersion
    public let contentHash: String
    public let title: String
    public let moduleText: String
    public let quizText: String

    public init(
        moduleID: String, language: Language, version: ModuleVersion, contentHash: String, title: String, moduleText: String,
        quizText: String
    ) {
        self.moduleID = moduleID
        self.language = language
        self.version = version
        self.contentHash = contentHash
        self.title = title
        self.moduleText = moduleText
        self.quizText = quizText
    }

    /// The stored version of one text of a catalog module.
    public init(_ module: Module, _ text: ModuleText) {
        self.init(
            moduleID: module.id, language: text.language, version: module.version, contentHash: text.contentHash,
            title: text.title, moduleText: text.hashedTexts.module, quizText: text.hashedTexts.quiz)
    }
}

/// The key of a stored module version, without its texts, and when it was first stored.
public struct StoredModuleVersion: Sendable, Hashable, Codable {
    public let moduleID: String
    public let language: Language
    public let version: ModuleVersion
    public let contentHash: String
    public let storedAt: Date

    public init(moduleID: String, language: Language, version: ModuleVersion, contentHash: String, storedAt: Date) {
        self.moduleID = moduleID
        self.language = language
        self.version = version
        self.contentHash = contentHash
        self.storedAt = storedAt
    }
}

/// A quiz attempt as stored: enough to replay exactly what was asked and answered.
public struct AttemptRecord: Sendable, Hashable, Codable {
    public let id: String
    public let employeeID: String
    public let moduleID: String
    public let language: Language
    public let version: ModuleVersion
    public let contentHash: String
    public let seed: UInt64
    public let questions: [DrawnQuestion]
    public let passMark: Double
    public let startedAt: Date
    /// Set once the attempt is closed, with the outcome and (unless abandoned) the result.
    public let finished: Finished?

    public struct Finished: Sendable, Hashable, Codable {
        public let at: Date
        /// The calendar day in the organisation's time zone: the date a pass counts from.
        public let on: CalendarDate
        public let outcome: AttemptOutcome
        /// Nil for an abandoned attempt.
        public let result: QuizResult?

        public init(at: Date, on: CalendarDate, outcome: AttemptOutcome, result: QuizResult?) {
            self.at = at
            self.on = on
            self.outcome = outcome
            self.result = result
        }
    }

    public init(
        id: String, employeeID: String, moduleID: String, language: Language, version: ModuleVersion, contentHash: String,
        seed: UInt64, questions: [DrawnQuestion], passMark: Double, startedAt: Date, finished: Finished? = nil
    ) {
        self.id = id
        self.employeeID = employeeID
        self.moduleID = moduleID
        self.language = language
        self.version = version
        self.contentHash = contentHash
        self.seed = seed
        self.questions = questions
        self.passMark = passMark
        self.startedAt = startedAt
        self.finished = finished
    }

    public var isOpen: Bool { finished == nil }
}

/// The open attempt a start found or created.
public struct AttemptStart: Sendable, Hashable, Codable {
    public let attempt: AttemptRecord
    /// False when an attempt was already open (another terminal, a resumed session).
    public let created: Bool

    public init(attempt: AttemptRecord, created: Bool) {
        self.attempt = attempt
        self.created = created
    }
}

/// One answer of an attempt.
public struct AnswerRecord: Sendable, Hashable, Codable {
    public let position: Int
    public let questionID: String
    /// Positions as shown (0-based), so the answer reads as the learner saw it.
    public let chosen: Set<Int>
    public let correct: Bool

    public init(position: Int, questionID: String, chosen: Set<Int>, correct: Bool) {
        self.position = position
        self.questionID = questionID
        self.chosen = chosen
        self.correct = correct
    }
}

/// What became of an answer handed to the store.
public enum AnswerRecording: String, Sendable, Hashable, Codable {
    case recorded
    /// That position already had an answer (another terminal): the first answer stands.
    case alreadyAnswered = "already_answered"
    /// The attempt was closed meanwhile; nothing was stored.
    case attemptClosed = "attempt_closed"
}

/// A person with everything their statuses are computed from, as one bulk read returns them.
public struct LearnerRecord: Sendable, Hashable, Codable {
    public let person: Person
    /// When their roles and unit began.
    public let history: PersonHistory
    /// Their passes, oldest first.
    public let completions: [Completion]
    /// Modules with an attempt under way.
    public let openAttemptModuleIDs: Set<String>
    /// Exemptions not revoked.
    public let exemptions: [Exemption]
    /// Attested measures, oldest first.
    public let attestations: [Attestation]

    public init(
        person: Person, history: PersonHistory, completions: [Completion], openAttemptModuleIDs: Set<String>, exemptions: [Exemption],
        attestations: [Attestation]
    ) {
        self.person = person
        self.history = history
        self.completions = completions
        self.openAttemptModuleIDs = openAttemptModuleIDs
        self.exemptions = exemptions
        self.attestations = attestations
    }
}

/// The result of re-computing the audit chain.
public struct AuditVerification: Sendable, Hashable, Codable {
    /// Entries checked (up to and including the first broken one).
    public let entries: Int
    /// The sequence number of the first entry that does not follow from those before it.
    public let firstBroken: Int?

    public init(entries: Int, firstBroken: Int?) {
        self.entries = entries
        self.firstBroken = firstBroken
    }

    public var intact: Bool { firstBroken == nil }
}

/// A question the course did not answer: what was asked and when, in which language; not by whom.
public struct UnansweredQuestion: Sendable, Hashable, Codable {
    public let askedAt: Date
    public let language: Language
    public let question: String

    public init(askedAt: Date, language: Language, question: String) {
        self.askedAt = askedAt
        self.language = language
        self.question = question
    }
}
