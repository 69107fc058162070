import Foundation
import KyndigCore
import KyndigSearch
import KyndigServices
import KyndigStore
import KyndigTestSupport
import KyndigTutor
import Testing

/// A `LearnerService` whose database fails the next few calls of chosen operations, over a real
/// `LocalLearnerService`. A busy SQLite database (another writer holding the lock past the busy
/// timeout) cannot be forced deterministically in-process, so this double throws the store's
/// own `StoreError` instead.
final class TroubledLearner: LearnerService, @unchecked Sendable {
    enum Operation: Hashable { case overview, quiz, answer, finish }

    private let wrapped: LocalLearnerService
    private let error: any Error & Sendable
    private let lock = NSLock()
    private var skipping: [Operation: Int]
    private var failures: [Operation: Int]
    private var calls: [Operation: Int] = [:]

    /// - Parameters:
    ///   - skipping: calls of an operation that succeed before its failures begin.
    ///   - failures: how many calls of an operation fail (then it succeeds again).
    init(
        _ wrapped: LocalLearnerService, error: any Error & Sendable = StoreError.busy(path: "/data/kyndig.sqlite"),
        skipping: [Operation: Int] = [:], failures: [Operation: Int]
    ) {
        self.wrapped = wrapped
        self.error = error
        self.skipping = skipping
        self.failures = failures
    }

    /// How many times `operation` was called, failed or not.
    func callCount(_ operation: Operation) -> Int { lock.withLock { calls[operation, default: 0] } }

    private func call(_ operation: Operation) throws {
        try lock.withLock {
            calls[operation, default: 0] += 1
            if skipping[operation, default: 0] > 0 {
                skipping[operation, default: 0] -= 1
                return
            }
            guard failures[operation, default: 0] > 0 else { return }
            failures[operation, default: 0] -= 1
            throw error
        }
    }

    var person: Person { wrapped.person }

    func course() async throws -> Catalog { try await wrapped.course() }

    func overview() async throws -> LearnerOverview {
        try call(.overview)
        return try await wrapped.overview()
    }

    func openQuizzes() async throws -> [QuizState] { try await wrapped.openQuizzes() }

    func quiz(moduleID: String, language: Language) async throws -> QuizState {
        try call(.quiz)
        return try await wrapped.quiz(moduleID: moduleID, language: language)
    }

    func quiz(attemptID: String) async throws -> QuizState { try await wrapped.quiz(attemptID: attemptID) }

    func ask(_ question: String, language: Language) async throws -> Answer { try await wrapped.ask(question, language: language) }

    func answer(attemptID: String, position: Int, chosen: Set<Int>) async throws -> AnswerFeedback {
        try call(.answer)
        return try await wrapped.answer(attemptID: attemptID, position: position, chosen: chosen)
    }

    func finish(attemptID: String) async throws -> QuizOutcome {
        try call(.finish)
        return try await wrapped.finish(attemptID: attemptID)
    }
}

/// A busy or failing database in the tutor: answers are retried and never lost, the learner is
/// told in one line, and any other storage failure ends the session cleanly.
struct TutorBusyDatabaseTests {
    let catalog = Build.catalog()
    let store: any KyndigStore
    let ingrid = Build.person("E1", username: "ingrid", start: "2026-02-01")

    init() async throws {
        store = try SQLiteStore.inMemory()
        try await store.apply(Build.plan(adding: Build.roster([ingrid])), on: Build.today, change: Build.change())
        _ = try await CatalogSync(store: store, clock: .fixed(Build.instant("2026-01-01T10:00:00Z"))).sync(catalog, actor: "t")
    }

    var local: LocalLearnerService {
        LocalLearnerService(person: ingrid, catalog: catalog, store: store, clock: .fixed(Build.instant("2026-03-01T10:00:00Z")))
    }

    /// Runs the tutor over `lines` with `learner`, retrying without pauses. The text comes back
    /// with the lines wrapped at 80 columns joined again, so messages can be compared whole.
    func run(_ lines: [String], learner: any LearnerService) async throws -> (text: String, ending: TutorSession.Ending) {
        let output = Transcript()
        let session = TutorSession(
            catalog: catalog, learner: learner, language: .en, reader: ScriptedLineReader(lines),
            style: TerminalStyle(color: false, width: 80), write: output.append)
        session.busyRetryDelays = [.zero, .zero, .zero]
        let ending = try await session.run()
        return (output.text.replacingOccurrences(of: "\n", with: " "), ending)
    }

    /// Starts a quiz on basics and pauses it; returns the right answers as typed.
    func openQuiz() async throws -> [String] {
        _ = try await run(["/quiz basics", "/pause"], learner: local)
        let attempt = try #require(try await store.openAttempts(employeeID: "E1").first)
        let pool = try #require(catalog.quiz(attempt.moduleID, language: attempt.language))
        return attempt.questions.map { drawn in
            let question = pool.questions.first { $0.id == drawn.questionID }!
            return "\(drawn.optionOrder.firstIndex { question.options[$0].correct }! + 1)"
        }
    }

    func savedAnswers() async throws -> [AnswerRecord] {
        let attempt = try #require(try await store.openAttempts(employeeID: "E1").first)
        return try await store.answers(attemptID: attempt.id)
    }

    @Test func anAnswerIsSavedAfterTheDatabaseWasBusyForAWhile() async throws {
        let answers = try await openQuiz()
        let learner = TroubledLearner(local, failures: [.answer: 3])
        let (text, ending) = try await run(["y", answers[0], "/pause"], learner: learner)
        #expect(ending == .finished)
        #expect(text.components(separatedBy: "The database is busy (someone else is saving right now). Trying again in a few seconds…").count - 1 == 1)
        #expect(text.contains("Right!"))
        #expect(!text.contains("NOT saved"))
        #expect(learner.callCount(.answer) == 4)
        #expect(try await savedAnswers().map(\.position) == [0])
    }

    @Test func anAnswerTheBusyDatabaseCouldNotTakeIsKeptAndSavedWhenTheLearnerPressesEnter() async throws {
        let answers = try await openQuiz()
        // Four tries fail; the learner is told, presses Enter, and the same answer is saved.
        let learner = TroubledLearner(local, failures: [.answer: 4])
        let (text, _) = try await run(["y", answers[0], "", "/pause"], learner: learner)
        #expect(text.contains("Your answer \"\(answers[0])\" was NOT saved: the database is still busy. Press Enter to try again, type another answer, or /pause."))
        #expect(text.contains("Right!"))
        #expect(!text.contains("Type the number or letter of your answer."))  // Enter was not read as an empty answer
        // The same question is asked again: Right! follows the NOT saved line, before question 2.
        let notSaved = try #require(text.range(of: "NOT saved")), right = try #require(text.range(of: "Right!"))
        #expect(notSaved.lowerBound < right.lowerBound)
        #expect(right.lowerBound < text.range(of: "Question 2/3 ")!.lowerBound)
        let saved = try await savedAnswers()
        #expect(saved.map(\.position) == [0])
        #expect(saved.first?.correct == true)
    }

    @Test func anUnsavedAnswerIsNeverDroppedSilentlyWhenTheLearnerPauses() async throws {
        let answers = try await openQuiz()
        let learner = TroubledLearner(local, failures: [.answer: 100])
        let (text, ending) = try await run(["y", answers[0], "/pause", "/quit"], learner: learner)
        #expect(ending == .finished)
        #expect(text.contains("was NOT saved"))
        #expect(text.contains("Your answer \"\(answers[0])\" was not saved; you will get this question again when you continue."))
        #expect(text.contains("The quiz is paused. Your answers are saved; continue with /quiz basics."))
        #expect(try await savedAnswers().isEmpty)
    }

    @Test func startingAndFinishingAQuizAreRetriedWhileTheDatabaseIsBusy() async throws {
        let answers = try await openQuiz()
        let learner = TroubledLearner(local, failures: [.quiz: 2, .finish: 3])
        let (text, ending) = try await run(["n", "/quiz basics"] + answers + ["/quit"], learner: learner)
        #expect(ending == .finished)
        #expect(text.contains("Score: 3/3 (100 %). Passed!"))
        #expect(text.components(separatedBy: "The database is busy").count - 1 == 2)
        #expect(learner.callCount(.quiz) == 3)
        #expect(learner.callCount(.finish) == 4)
    }

    @Test func aCommandTheBusyDatabaseCannotServeSaysSoAndTheTutorGoesOn() async throws {
        // The greeting reads the overview; /status then fails all four tries; /modules works.
        let learner = TroubledLearner(local, skipping: [.overview: 1], failures: [.overview: 4])
        let (text, ending) = try await run(["/status", "/modules", "/quit"], learner: learner)
        #expect(ending == .finished)
        #expect(text.contains("The database is still busy, so nothing was changed. Please try again in a moment."))
        #expect(text.contains("basics  not started"))
        #expect(text.contains("Goodbye!"))
    }

    @Test(arguments: [
        (StoreError.damagedRow(table: "attempt", key: "id=A1", column: "questions"),
         "The database holds a damaged record, so the tutor stops. The answers you gave are saved; please tell your Kyndig administrator."),
        (StoreError.notFound(path: "/data/kyndig.sqlite"),
         "The database \"/data/kyndig.sqlite\" is no longer there, so the tutor stops. Check --db and start again."),
        (StoreError.busy(path: "/data/kyndig.sqlite"),
         "The database is still busy, so the tutor stops. The answers you gave are saved; please try again in a moment."),
    ])
    func aStoreFailureAtTheStartEndsTheSessionWithOneLine(error: StoreError, message: String) async throws {
        let learner = TroubledLearner(local, error: error, failures: [.overview: 100])
        let (text, ending) = try await run(["/status"], learner: learner)
        #expect(ending == .storeFailure)
        #expect(text.hasSuffix(message))
        #expect(!text.contains(error.description))
    }

    @Test func aStoreFailureDuringAQuizEndsTheSessionWithOneLineAndKeepsEarlierAnswers() async throws {
        let answers = try await openQuiz()
        let damaged = StoreError.damagedRow(table: "answer", key: "attempt_id=A1", column: "chosen")
        let learner = TroubledLearner(local, error: damaged, skipping: [.answer: 1], failures: [.answer: 1])
        let (text, ending) = try await run(["y"] + answers + ["/quit"], learner: learner)
        #expect(ending == .storeFailure)
        #expect(text.hasSuffix("The database holds a damaged record, so the tutor stops. The answers you gave are saved; please tell your Kyndig administrator."))
        #expect(!text.contains("answer_id") && !text.contains("does not decode"))
        #expect(try await savedAnswers().map(\.position) == [0])
    }

    // MARK: - A remote service's failures: its own words, never a crash

    static let serverDown = LearnerServiceFailure(
        "Cannot reach the Kyndig server at http://127.0.0.1:8080: nothing answers at that address (connection refused). Check the address (--server or KYNDIG_SERVER) and that kyndig serve runs there; answers you gave are saved on the server.",
        transient: true)

    @Test func anAnswerTheServerDidNotTakeIsKeptAndSentAgainWithEnter() async throws {
        let answers = try await openQuiz()
        let learner = TroubledLearner(local, error: Self.serverDown, failures: [.answer: 1])
        let (text, ending) = try await run(["y", answers[0], "", "/pause", "/quit"], learner: learner)
        #expect(ending == .finished)
        #expect(text.contains(Self.serverDown.message + " Your answer \"\(answers[0])\" was NOT saved. Press Enter to try again, type another answer, or /pause."))
        #expect(text.contains("Right!"))
        #expect(try await savedAnswers().map(\.position) == [0])
    }

    @Test func aRefusalInTheServersWordsEndsTheQuizButNotTheSession() async throws {
        let answers = try await openQuiz()
        let refusal = LearnerServiceFailure("The token was revoked. Ask an administrator for a new one (kyndig token create).", transient: false)
        let learner = TroubledLearner(local, error: refusal, skipping: [.overview: 1], failures: [.answer: 1, .overview: 1])
        let (text, ending) = try await run(["y", answers[0], "/status", "/status", "/quit"], learner: learner)
        #expect(ending == .finished)
        // Said once for the answer (the quiz stops, nothing saved) and once for the first /status; the second works.
        #expect(text.components(separatedBy: refusal.message).count - 1 == 2)
        #expect(!text.contains("NOT saved"))
        #expect(text.contains("Your requirements"))
        #expect(text.hasSuffix("Goodbye! Your progress is saved."))
        #expect(try await savedAnswers().isEmpty)
    }

    @Test func aServerDownAtTheStartEndsTheSessionWithItsMessage() async throws {
        let learner = TroubledLearner(local, error: Self.serverDown, failures: [.overview: 1])
        let (text, ending) = try await run(["/status"], learner: learner)
        #expect(ending == .serviceFailure)
        #expect(text.hasSuffix(Self.serverDown.message))
        #expect(!text.contains("Hello"))
    }
}
