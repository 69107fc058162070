import Foundation
import KyndigCore
import KyndigServices
import KyndigStore
import KyndigTestSupport
import KyndigTutor
import Testing

/// Lines typed by a script; the end of the script is Ctrl-D.
final class ScriptedLineReader: LineReader {
    var completer: ((String) -> [String])?
    private var lines: [String]
    private(set) var prompts: [String] = []

    init(_ lines: [String]) { self.lines = lines }

    func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return lines.isEmpty ? .endOfInput : .line(lines.removeFirst())
    }
}

/// `TutorSession` in-process with a scripted reader and an in-memory store: the flow of
/// commands and quizzes without a terminal (the pseudo-terminal tests cover libedit itself).
struct TutorSessionTests {
    let catalog = Build.catalog()
    let store: any KyndigStore
    let ingrid = Build.person("E1", username: "ingrid", start: "2026-02-01")

    init() async throws {
        store = try SQLiteStore.inMemory()
        try await store.apply(Build.plan(adding: Build.roster([ingrid])), change: Build.change())
        _ = try await CatalogSync(store: store, clock: .system).sync(catalog, actor: "t")
    }

    /// Runs the tutor over `lines` and returns everything it wrote.
    func run(_ lines: [String], at now: String = "2026-03-01T10:00:00Z", language: Language = .en) async throws -> String {
        let output = Transcript()
        let learner = LocalLearnerService(person: ingrid, catalog: catalog, store: store, clock: .fixed(Build.instant(now)))
        let session = TutorSession(
            catalog: catalog, learner: learner, language: language, reader: ScriptedLineReader(lines),
            style: TerminalStyle(color: false, width: 80), write: output.append)
        try await session.run()
        return output.text
    }

    /// The right answers of the open attempt, as typed.
    func rightAnswers() async throws -> [String] {
        let attempt = try #require(try await store.openAttempts(employeeID: "E1").first)
        let pool = try #require(catalog.quiz(attempt.moduleID, language: attempt.language))
        return attempt.questions.map { drawn in
            let question = pool.questions.first { $0.id == drawn.questionID }!
            return "\(drawn.optionOrder.firstIndex { question.options[$0].correct }! + 1)"
        }
    }

    @Test func greetsWithRequirementsAndWhatToDoNext() async throws {
        let text = try await run(["/quit"])
        #expect(text.contains("Hello, Person E1!"))
        #expect(text.contains("basics  not started   due 2026-03-03"))
        #expect(text.contains("Next: read /read basics (\"basics (en)\") and take /quiz basics."))
        #expect(text.contains("Goodbye!"))
    }

    @Test func aQuizPassedOverTwoSessionsIsRecordedWithItsVersionAndHash() async throws {
        _ = try await run(["/quiz basics", "/pause", "/quit"])
        let answers = try await rightAnswers()
        let text = try await run(["y"] + answers + ["/status", "/quit"], at: "2026-03-01T23:30:00Z")
        #expect(text.contains("Quiz: basics (en). 3 questions; you need 2 right to pass."))
        #expect(text.contains("Score: 3/3 (100 %). Passed!"))
        #expect(text.contains("recorded with module version 1.0 and content hash hash-basics-"))
        #expect(text.contains("basics  met           passed 2026-03-02"))
        #expect(text.contains("All your requirements are met."))
    }

    @Test func badAnswersAreExplainedAndNothingIsStored() async throws {
        let text = try await run(["/quiz basics", "", "7", "x", "1,2", "/pause", "/quit"])
        #expect(text.contains("There is no option 7. Use 1–3."))
        #expect(text.contains("\"x\" is not an option. Use 1–3 or a–c."))
        #expect(text.contains("This question has one right answer. Choose one."))
        let attempt = try #require(try await store.openAttempts(employeeID: "E1").first)
        #expect(try await store.answers(attemptID: attempt.id).isEmpty)
    }

    @Test func aChangedModuleIsToldAndAFreshQuizStarts() async throws {
        _ = try await run(["/quiz basics", "/pause", "/quit"])
        let edited = Build.catalog(modules: [Build.module("basics", hashSuffix: "-edited"), Build.module("oversight", roles: [], contexts: ["high-risk"])])
        _ = try await CatalogSync(store: store, clock: .system).sync(edited, actor: "author")
        let output = Transcript()
        let learner = LocalLearnerService(person: ingrid, catalog: edited, store: store, clock: .fixed(Build.instant("2026-03-02T10:00:00Z")))
        try await TutorSession(catalog: edited, learner: learner, language: .en, reader: ScriptedLineReader(["/quiz basics", "/pause", "/quit"]),
                               style: TerminalStyle(color: false, width: 80), write: output.append).run()
        #expect(!output.text.contains("You have an unfinished quiz"))
        #expect(output.text.contains("The module has changed since you started your unfinished quiz."))
        #expect(output.text.contains("Quiz: basics (en). 3 questions"))
    }
}

final class Transcript: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }
}
