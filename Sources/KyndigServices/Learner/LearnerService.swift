public import KyndigCore
public import KyndigSearch
public import KyndigStore

/// Everything a learner's front end (the terminal tutor, on this machine or as a client of
/// `kyndig serve`) needs: the course to read, where they stand, and quizzes started, resumed,
/// answered and finished. The tutor renders; the implementation holds the rules.
/// `LocalLearnerService` implements it on a local store, `RemoteLearnerService` (KyndigClient)
/// over the HTTP API.
///
/// Besides the problems below, an implementation may throw `LearnerServiceFailure` (a remote
/// server's own words, or a server that cannot be reached) and `StoreError` (`.busy`: try again).
public protocol LearnerService: Sendable {
    var person: Person { get }
    /// The course as the learner reads it: modules and their texts in every language, and role
    /// names where known. Quiz pools and answers may be missing (a remote course has none).
    func course() async throws -> Catalog
    /// The learner's requirements and statuses as of today (in the organisation's time zone).
    func overview() async throws -> LearnerOverview
    /// Quizzes left open (a killed terminal, a dropped SSH session), oldest first.
    func openQuizzes() async throws -> [QuizState]
    /// Continues the open quiz of `moduleID`, or starts one in `language`. An open attempt whose
    /// module changed since it began is closed as abandoned and a fresh one is started.
    func quiz(moduleID: String, language: Language) async throws -> QuizState
    /// The attempt as it stands now (another terminal may have answered meanwhile); never starts one.
    func quiz(attemptID: String) async throws -> QuizState
    /// Records an answer at `position` (positions of options as shown, 0-based) and returns the
    /// feedback. Answering a position twice keeps the first answer.
    func answer(attemptID: String, position: Int, chosen: Set<Int>) async throws -> AnswerFeedback
    /// Closes the attempt with the score of its answers. A second call returns the same outcome.
    func finish(attemptID: String) async throws -> QuizOutcome
    /// Answers a question from the course material only (quoted and cited), or declines; the
    /// learner's own modules win ties.
    func ask(_ question: String, language: Language) async throws -> Answer
}

/// An attempt as the learner meets it: the questions as shown (without their answers) and what
/// is already answered.
public struct QuizState: Sendable, Hashable, Codable {
    public let attempt: AttemptRecord
    public let title: String
    public let questions: [PresentedQuestion]
    /// Positions answered so far (also in another terminal).
    public let answered: Set<Int>
    /// False when an open attempt was resumed.
    public let started: Bool
    /// The attempt closed as abandoned because its module changed, when that happened just now.
    public let replaced: AttemptRecord?
    /// Right answers needed to pass.
    public let needed: Int

    public init(
        attempt: AttemptRecord, title: String, questions: [PresentedQuestion], answered: Set<Int>, started: Bool,
        replaced: AttemptRecord?, needed: Int
    ) {
        self.attempt = attempt
        self.title = title
        self.questions = questions
        self.answered = answered
        self.started = started
        self.replaced = replaced
        self.needed = needed
    }

    /// The first position not answered yet.
    public var nextPosition: Int? { questions.indices.first { !answered.contains($0) } }
}

/// A question as shown: its options in the attempt's order, without which are right.
public struct PresentedQuestion: Sendable, Hashable, Codable {
    public let position: Int
    public let questionID: String
    public let kind: Question.Kind
    public let text: String
    /// Option texts in the order shown (option 1 first).
    public let options: [String]

    public init(position: Int, questionID: String, kind: Question.Kind, text: String, options: [String]) {
        self.position = position
        self.questionID = questionID
        self.kind = kind
        self.text = text
        self.options = options
    }

    public var allowsSeveral: Bool { kind == .multiple }
}

/// What the learner is told after an answer.
public struct AnswerFeedback: Sendable, Hashable, Codable {
    public let recording: AnswerRecording
    /// Whether the answer given now is right (also when another terminal answered first).
    public let correct: Bool
    /// Positions of the right options, as shown.
    public let rightPositions: [Int]
    public let explanation: String
    /// The section that teaches the answer: `module §anchor`.
    public let moduleID: String
    public let section: String

    public init(recording: AnswerRecording, correct: Bool, rightPositions: [Int], explanation: String, moduleID: String, section: String) {
        self.recording = recording
        self.correct = correct
        self.rightPositions = rightPositions
        self.explanation = explanation
        self.moduleID = moduleID
        self.section = section
    }
}

/// How a finished attempt came out, and what to reread.
public struct QuizOutcome: Sendable, Hashable, Codable {
    public let attempt: AttemptRecord
    public let result: QuizResult
    /// Sections of wrongly answered questions, first occurrence first, without repeats.
    public let sectionsToReread: [String]

    public init(attempt: AttemptRecord, result: QuizResult, sectionsToReread: [String]) {
        self.attempt = attempt
        self.result = result
        self.sectionsToReread = sectionsToReread
    }
}

/// A quiz request the rules refuse, as data; the tutor or the API words it.
public enum QuizProblem: Error, Sendable, Hashable {
    case unknownModule(String)
    case noQuizPool(moduleID: String, language: Language)
    case unknownAttempt(String)
    /// The attempt belongs to someone else.
    case notYourAttempt(String)
    case positionOutOfRange(Int)
    case invalidChoice(position: Int)
    /// The attempt was closed (finished, abandoned) before this call.
    case attemptClosed(String)
    /// The module changed under an open attempt; it was closed as abandoned.
    case moduleChanged(String)
    /// The attempt is not closed for lack of answers to finish it with.
    case unanswered(positions: [Int])
}

/// Questions cannot be answered: there is no search index (`kyndig sync` builds it).
public struct NoSearchIndex: Error, Sendable, Hashable {
    public init() {}
}

/// A failure the learner is shown as it is: a remote server's own explanation (the `detail` of
/// its problem document), or that the server cannot be reached, with its address.
public struct LearnerServiceFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What happened and what to do, in a sentence a learner can act on.
    public let message: String
    /// Whether the same call may work in a moment (the server is down or overloaded): an answer
    /// that was not saved is kept so that Enter sends it again.
    public let transient: Bool

    public init(_ message: String, transient: Bool) {
        self.message = message
        self.transient = transient
    }

    public var description: String { message }
}
