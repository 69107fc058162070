import Foundation
import KyndigCore

// The storage protocols. `KyndigDatabase` implements them on SQLite; a PostgreSQL backend
// implements the same protocols and runs the same test suite.

/// A module version as stored: what learners' evidence is pinned to.
public struct ModuleVersionRecord: Sendable, Hashable {
    public let moduleID: String
    public let language: Language
    public let version: ModuleVersion
    public let contentHash: String
    public let title: String
    public let moduleText: String
    public let quizText: String

    public init(moduleID: String, language: Language, version: ModuleVersion, contentHash: String, title: String, moduleText: String, quizText: String) {
        self.moduleID = moduleID
        self.language = language
        self.version = version
        self.contentHash = contentHash
        self.title = title
        self.moduleText = moduleText
        self.quizText = quizText
    }
}

/// The organisation: units, people and their roles.
public protocol RosterRepository: Sendable {
    /// Everything the roster import compares against.
    func rosterSnapshot() throws -> RosterSnapshot
    /// Applies a plan in one transaction and records it in the audit log.
    func apply(_ plan: RosterPlan, source: String, actor: String, at: Date) throws
}

/// Who a person is and what their unit uses.
public protocol PeopleRepository: Sendable {
    func person(employeeID: String) throws -> Person?
    /// The active person with this username (the OS user in local mode).
    func person(username: String) throws -> Person?
    /// The unit and its ancestors, nearest first.
    func unitAncestry(of unitID: String) throws -> [OrgUnit]
    func systems() throws -> [AISystem]
}

/// The AI-system register.
public protocol SystemRepository: Sendable {
    /// Replaces the register with `systems` in one transaction; returns (added, changed, removed).
    func replaceSystems(_ systems: [AISystem], source: String, actor: String, at: Date) throws -> (added: Int, changed: Int, removed: Int)
}

/// Module versions loaded from the catalog.
public protocol CatalogRepository: Sendable {
    /// Stores versions not stored yet; returns the ones that were new. Idempotent.
    func sync(_ records: [ModuleVersionRecord], actor: String, at: Date) throws -> [ModuleVersionRecord]
    func storedVersions() throws -> [(moduleID: String, language: Language, version: ModuleVersion, contentHash: String)]
}

/// The append-only, hash-chained audit log.
public protocol AuditRepository: Sendable {
    func auditEntries(limit: Int) throws -> [AuditEntry]
    /// Re-computes the chain; returns the sequence number of the first broken entry, if any.
    func verifyAuditChain() throws -> Int?
}

/// Passed quizzes, the evidence behind "met".
public protocol CompletionRepository: Sendable {
    func completions(employeeID: String) throws -> [Completion]
    func openAttemptModules(employeeID: String) throws -> Set<String>
}

/// A quiz attempt as stored: enough to replay exactly what was asked and answered.
public struct AttemptRecord: Sendable, Hashable {
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
    public let finishedAt: Date?
    public let result: QuizResult?

    public init(
        id: String, employeeID: String, moduleID: String, language: Language, version: ModuleVersion, contentHash: String,
        seed: UInt64, questions: [DrawnQuestion], passMark: Double, startedAt: Date, finishedAt: Date?, result: QuizResult?
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
        self.finishedAt = finishedAt
        self.result = result
    }
}

/// One answer of an attempt.
public struct AnswerRecord: Sendable, Hashable {
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

/// Attempts and answers. Every answer is committed when given; repeating a call (a retry after a
/// dropped connection, a second terminal) changes nothing.
public protocol AttemptRepository: Sendable {
    /// The open attempt of `employeeID` in `moduleID`, or a new one built by `makeNew`.
    /// Returns the attempt and whether it was created now.
    func openOrStartAttempt(employeeID: String, moduleID: String, at: Date, makeNew: () -> AttemptRecord) throws -> (AttemptRecord, created: Bool)
    func openAttempts(employeeID: String) throws -> [AttemptRecord]
    func answers(attemptID: String) throws -> [AnswerRecord]
    /// Records an answer; false when that position was already answered (the first answer stands).
    func recordAnswer(attemptID: String, _ answer: AnswerRecord, at: Date) throws -> Bool
    /// Finishes the attempt with the score of its stored answers; returns the stored result
    /// (the same on a second call).
    func finishAttempt(attemptID: String, at: Date, actor: String) throws -> QuizResult
}
