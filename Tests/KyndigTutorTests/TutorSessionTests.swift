import Foundation
import KyndigCatalog
import KyndigCore
import KyndigSearch
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
    /// The lines the session put into the history.
    private(set) var remembered: [String] = []

    init(_ lines: [String]) { self.lines = lines }

    func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return lines.isEmpty ? .endOfInput : .line(lines.removeFirst())
    }

    func remember(_ line: String) { remembered.append(line) }
}

/// `TutorSession` in-process with a scripted reader and an in-memory store: the flow of
/// commands and quizzes without a terminal (the pseudo-terminal tests cover libedit itself).
struct TutorSessionTests {
    let catalog = Build.catalog()
    let store: any KyndigStore
    let ingrid = Build.person("E1", username: "ingrid", start: "2026-02-01")

    init() async throws {
        store = try SQLiteStore.inMemory()
        try await store.apply(Build.plan(adding: Build.roster([ingrid])), on: Build.today, change: Build.change())
        _ = try await CatalogSync(store: store, clock: .fixed(Build.instant("2026-01-01T10:00:00Z"))).sync(catalog, actor: "t")
    }

    /// Runs the tutor over `lines` and returns everything it wrote.
    func run(
        _ lines: [String], at now: String = "2026-03-01T10:00:00Z", language: Language = .en, catalog: Catalog? = nil, width: Int = 80
    ) async throws -> String {
        try await run(reader: ScriptedLineReader(lines), at: now, language: language, catalog: catalog, width: width)
    }

    /// Runs the tutor over `reader`'s lines (so a test can look at its prompts and history after).
    func run(
        reader: ScriptedLineReader, at now: String = "2026-03-01T10:00:00Z", language: Language = .en, catalog: Catalog? = nil,
        width: Int = 80
    ) async throws -> String {
        let (session, output) = makeSession(reader: reader, at: now, language: language, catalog: catalog, width: width)
        try await session.run()
        return output.text
    }

    /// A session over `reader` and what it writes; keep it alive to ask its completions.
    func makeSession(
        reader: ScriptedLineReader, at now: String = "2026-03-01T10:00:00Z", language: Language = .en, catalog: Catalog? = nil,
        width: Int = 80
    ) -> (TutorSession, Transcript) {
        let output = Transcript()
        let catalog = catalog ?? self.catalog
        let learner = LocalLearnerService(person: ingrid, catalog: catalog, store: store, clock: .fixed(Build.instant(now)))
        let session = TutorSession(
            catalog: catalog, learner: learner, language: language, reader: reader,
            style: TerminalStyle(color: false, width: width), write: output.append)
        return (session, output)
    }

    /// The right answers of the open attempt, as typed.
    func rightAnswers(catalog: Catalog? = nil) async throws -> [String] {
        let attempt = try #require(try await store.openAttempts(employeeID: "E1").first)
        let pool = try #require((catalog ?? self.catalog).quiz(attempt.moduleID, language: attempt.language))
        return attempt.questions.map { drawn in
            let question = pool.questions.first { $0.id == drawn.questionID }!
            return "\(drawn.optionOrder.firstIndex { question.options[$0].correct }! + 1)"
        }
    }

    /// Wrong answers to the open attempt's questions (Build's questions have one right option).
    func wrongAnswers(catalog: Catalog? = nil) async throws -> [String] {
        try await rightAnswers(catalog: catalog).map { $0 == "1" ? "2" : "1" }
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
        _ = try await CatalogSync(store: store, clock: .fixed(Build.instant("2026-01-01T10:00:00Z"))).sync(edited, actor: "author")
        let output = Transcript()
        let learner = LocalLearnerService(person: ingrid, catalog: edited, store: store, clock: .fixed(Build.instant("2026-03-02T10:00:00Z")))
        try await TutorSession(catalog: edited, learner: learner, language: .en, reader: ScriptedLineReader(["/quiz basics", "/pause", "/quit"]),
                               style: TerminalStyle(color: false, width: 80), write: output.append).run()
        #expect(!output.text.contains("You have an unfinished quiz"))
        #expect(output.text.contains("The module has changed since you started your unfinished quiz."))
        #expect(output.text.contains("Quiz: basics (en). 3 questions"))
    }
}

// MARK: - Reading what quizzes cite

extension TutorSessionTests {
    /// `basics` whose first section has a `###` subsection `s1a`, which every question cites.
    static func catalogCitingASubsection() -> Catalog {
        let built = Build.module("basics", hashSuffix: "-subsection")
        var texts: [Language: ModuleText] = [:]
        var pools: [Language: QuizPool] = [:]
        for (language, text) in built.module.texts {
            let sections = [
                Section(anchor: "s1", title: "Section 1", level: 2, parentAnchor: nil, markdown: "Text s1.", line: 10),
                Section(anchor: "s1a", title: "Why it can hallucinate", level: 3, parentAnchor: "s1", markdown: "Text s1a.", line: 14),
                Section(anchor: "s2", title: "Section 2", level: 2, parentAnchor: nil, markdown: "Text s2.", line: 20),
            ]
            texts[language] = ModuleText(
                moduleID: text.moduleID, language: language, title: text.title, objectives: text.objectives, sources: text.sources,
                introduction: text.introduction, sections: sections, wordCount: text.wordCount, contentHash: text.contentHash,
                hashedTexts: text.hashedTexts)
            let pool = built.pools[language]!
            pools[language] = QuizPool(moduleID: "basics", language: language, questions: pool.questions.map { question in
                Question(id: question.id, kind: question.kind, scenario: question.scenario, section: "s1a", text: question.text,
                         options: question.options, explanation: question.explanation)
            })
        }
        let module = built.module
        let withSubsection = Module(
            id: module.id, version: module.version, level: module.level, roleIDs: module.roleIDs, contextIDs: module.contextIDs,
            obligationIDs: module.obligationIDs, minutes: module.minutes, texts: texts)
        return Build.catalog(modules: [(withSubsection, pools), Build.module("oversight", roles: [], contexts: ["high-risk"])])
    }

    @Test func aSubsectionThatQuizFeedbackCitesOpensWithReadAndCompletesWithTab() async throws {
        let catalog = Self.catalogCitingASubsection()
        _ = try await CatalogSync(store: store, clock: .fixed(Build.instant("2026-01-01T10:00:00Z"))).sync(catalog, actor: "t")
        _ = try await run(["/quiz basics", "/pause"], catalog: catalog)
        let wrong = try await wrongAnswers(catalog: catalog)
        let reader = ScriptedLineReader(["y"] + wrong + ["/read basics s1a", "/read basics §s1a", "/quit"])
        let (session, output) = makeSession(reader: reader, catalog: catalog)
        try await session.run()
        let text = output.text

        #expect(text.contains("Read more: basics §s1a"))
        #expect(text.contains("Worth rereading: basics §s1a"))
        #expect(!text.contains("No section"))
        // The enclosing section opens, says which subsection was asked for and marks it.
        #expect(text.components(separatedBy: "Section 1 of 2 · basics §s1\n").count - 1 == 2)
        let flat = text.replacingOccurrences(of: "\n", with: " ")  // the note wraps at 80 columns
        #expect(flat.components(separatedBy: "You asked for \"Why it can hallucinate\" (basics §s1a). It is part of this section, marked with ▶.").count - 1 == 2)
        #expect(text.contains("▶ Why it can hallucinate\n\nText s1a."))
        // Tab after the module offers every anchor a citation can name, subsections included.
        #expect(reader.completer?("/read basics ") == ["s1", "s1a", "s2"])
        #expect(reader.completer?("/read basics s1") == ["s1", "s1a"])
        withExtendedLifetime(session) {}
    }

    /// Every anchor any question of the shipped course cites (in either language) opens with
    /// /read MODULE ANCHOR and is offered by Tab.
    @Test func everyAnchorTheShippedQuizzesCiteOpensWithReadAndCompletes() async throws {
        let shipped = try CatalogLoader.load(root: TestPaths.packageRoot)
        var cited: [(module: String, anchor: String)] = []
        for id in shipped.moduleIDs {
            let anchors = Set(Language.allCases.flatMap { shipped.quiz(id, language: $0)?.questions.map(\.section) ?? [] })
            cited += anchors.sorted().map { (id, $0) }
        }
        // Such as ai-basics §hallucination (the mechanics are pinned on a built catalog above).
        let subsections = cited.filter { shipped.text($0.module, language: .en)?.section($0.anchor)?.level == 3 }

        let reader = ScriptedLineReader(cited.map { "/read \($0.module) \($0.anchor)" } + ["/quit"])
        let (session, output) = makeSession(reader: reader, catalog: shipped)
        try await session.run()
        let text = output.text.replacingOccurrences(of: "\n", with: " ")  // messages wrap at 80 columns
        #expect(!text.contains("No section"))
        for (module, anchor) in cited {
            #expect(text.contains("\(module) §\(anchor)"), "\(module) §\(anchor) did not open")
            #expect(reader.completer?("/read \(module) ").contains(anchor) == true, "Tab does not offer \(module) §\(anchor)")
        }
        for (module, anchor) in subsections {
            let title = try #require(shipped.text(module, language: .en)?.section(anchor)?.title)
            #expect(text.contains("You asked for \"\(title)\" (\(module) §\(anchor))."))
        }
        withExtendedLifetime(session) {}
    }
}

// MARK: - Fitting the terminal

extension TutorSessionTests {
    /// Everything the tutor says over the whole shipped course (help, status, every section of
    /// every module, every quiz with its feedback and result, the messages for typos) fits 80
    /// columns.
    @Test(arguments: Language.allCases)
    func everyLineFitsEightyColumnsOverTheShippedCourse(language: Language) async throws {
        let shipped = try CatalogLoader.load(root: TestPaths.packageRoot)
        _ = try await CatalogSync(store: store, clock: .fixed(Build.instant("2026-01-01T10:00:00Z"))).sync(shipped, actor: "t")
        var lines = ["/help", "/status", "/modules", "/hepl", "/read nosuch", "/read ai-basics nosuch"]
        for id in shipped.moduleIDs {
            let text = try #require(shipped.text(id, language: language))
            lines.append("/read \(id)")
            lines += Array(repeating: "/next", count: text.topSections.count)
            let count = min(shipped.policy.questionsPerQuiz, shipped.quiz(id, language: text.language)?.questions.count ?? 0)
            lines += ["/quiz \(id)", "/help", "x"] + Array(repeating: "1", count: count)
        }
        let text = try await run(lines + ["/quit"], language: language, catalog: shipped)
        #expect(text.contains("Score:") || text.contains("Resultat:"))
        let tooWide = text.split(separator: "\n").filter { $0.count > 80 }
        #expect(tooWide.isEmpty, "lines wider than 80 columns:\n\(tooWide.joined(separator: "\n"))")
    }

    /// The help wraps each command's summary under its own column, with a hanging indent.
    @Test func helpWrapsSummariesUnderTheirColumn() async throws {
        let text = try await run(["/help", "/quit"], width: 50)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 50 })
        let column = "  /read MODULE [SECTION]  ".count
        let quiz = try #require(lines.firstIndex { $0.hasPrefix("  /quiz MODULE ") })
        #expect(lines[quiz] == "  /quiz MODULE" + String(repeating: " ", count: column - 14) + "take a module's quiz (or")
        #expect(lines[quiz + 1] == String(repeating: " ", count: column) + "continue an unfinished")
        #expect(lines[quiz + 2] == String(repeating: " ", count: column) + "one)")
    }
}

// MARK: - History, languages, the resume offer, commands in a quiz

extension TutorSessionTests {
    @Test func onlyCommandsAndQuestionsAtTheCommandPromptGoIntoHistory() async throws {
        let first = ScriptedLineReader(["/quiz basics", "/pause", "/status"])
        _ = try await run(reader: first)
        #expect(first.remembered == ["/quiz basics", "/status"])

        let answers = try await rightAnswers()
        let second = ScriptedLineReader(["maybe", "ja", answers[0], "/help", answers[1], "/pause", "What is AI?", "/quit"])
        _ = try await run(reader: second)
        // Neither the yes/no replies nor the answers (nor commands typed in the quiz) are kept.
        #expect(second.remembered == ["What is AI?", "/quit"])
    }

    @Test func aQuizStartedInTheOtherLanguageSaysItGoesOnInThatLanguage() async throws {
        _ = try await run(["/quiz basics", "/pause"], language: .nb)
        let resumed = try await run(["y", "/pause"], language: .en)
        #expect(resumed.contains("The quiz continues in Norwegian (bokmål), the language it was started in."))
        let continued = try await run(["n", "/quiz basics", "/pause"], language: .en)
        #expect(continued.contains("The quiz continues in Norwegian (bokmål), the language it was started in."))
        let sameLanguage = try await run(["y", "/pause"], language: .nb)
        #expect(!sameLanguage.contains("fortsetter på"))
        // Switching language mid-quiz says it too.
        let switched = try await run(["y", "/lang en", "/pause"], language: .nb)
        #expect(switched.contains("The quiz continues in Norwegian (bokmål), the language it was started in."))
    }

    @Test(arguments: [
        ("y", true), ("yes", true), ("j", true), ("ja", true), ("", true), ("JA", true), (" Yes ", true),
        ("n", false), ("no", false), ("nei", false), ("Nei", false),
    ])
    func theResumeOfferUnderstandsYesAndNoInBothLanguages(reply: String, resumes: Bool) async throws {
        _ = try await run(["/quiz basics", "/pause"])
        let text = try await run([reply, "/quit"])
        #expect(text.contains("Question 1/3") == resumes)
        #expect(!text.contains("Please answer y"))
    }

    @Test func anythingElseAtTheResumeOfferIsAskedAgain() async throws {
        _ = try await run(["/quiz basics", "/pause"])
        let reader = ScriptedLineReader(["maybe", "sure", "nei", "/quit"])
        let text = try await run(reader: reader)
        #expect(text.components(separatedBy: "Please answer y (yes) or n (no), or type a command such as /help.").count - 1 == 2)
        #expect(reader.prompts.prefix(3).allSatisfy { $0.hasSuffix("Resume now? [Y/n] ") })
        #expect(reader.prompts[3] == "kyndig> ")
        #expect(!text.contains("Question 1/3"))
    }

    @Test func slashCommandsDuringAQuizRunAndNeverCountAsAnswers() async throws {
        let reader = ScriptedLineReader([
            "/quiz basics", "/help", "/status", "/modules", "/lang nb", "/lang en", "/paus", "/read basics", "/quiz oversight", "/pause",
        ])
        let text = try await run(reader: reader)
        #expect(text.contains("In a quiz: answer by number or letter"))
        #expect(text.contains("Your requirements"))
        #expect(text.contains("basics  in progress"))
        #expect(text.contains("Quizen fortsetter på engelsk, språket den ble startet på."))
        #expect(text.contains("Unknown command /paus. Did you mean /pause?"))
        #expect(text.contains("/read is not available during a quiz."))
        #expect(text.contains("/quiz is not available during a quiz."))
        #expect(text.contains("The quiz is paused. Your answers are saved; continue with /quiz basics."))
        #expect(!text.contains("is not an option"))
        // The question is shown again after each command that showed something.
        #expect(text.components(separatedBy: "[---] 0/3").count - 1 == 6)
        #expect(reader.prompts.filter { $0 == "answer> " || $0 == "svar> " }.count == 9)
        let attempt = try #require(try await store.openAttempts(employeeID: "E1").first)
        #expect(try await store.answers(attemptID: attempt.id).isEmpty)
    }

    @Test func endOfInputDuringAQuizSaysWhichQuizToContinue() async throws {
        let text = try await run(["/quiz basics"])
        #expect(text.contains("The quiz is paused. Your answers are saved; continue with /quiz basics."))
        let norsk = try await run(["j"], language: .nb)
        #expect(norsk.contains("Quizen er satt på pause. Svarene dine er lagret; fortsett med /quiz basics."))
    }

    @Test func answersWrittenAsOptionLabelsAreAccepted() async throws {
        _ = try await run(["/quiz basics", "/pause"])
        let answers = try await rightAnswers()
        let labels = ["\(answers[0]))", "\(answers[1]).", "(\(Character(UnicodeScalar(UInt8(96 + Int(answers[2])!)))))"]
        let text = try await run(["y"] + labels + ["/quit"])
        #expect(text.components(separatedBy: "Right!").count - 1 == 3)
        #expect(text.contains("Score: 3/3 (100 %). Passed!"))
    }
}

final class Transcript: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }
}

/// Questions in the tutor: free text and /ask, answered from the course with the section to open.
struct TutorQuestionTests {
    @Test func freeTextAndAskAreAnsweredWithTheSourceAndHowToOpenIt() async throws {
        let catalog = Build.catalog()
        let store = try SQLiteStore.inMemory()
        let ingrid = Build.person("E1", username: "ingrid")
        try await store.apply(Build.plan(adding: Build.roster([ingrid])), on: Build.today, change: Build.change())
        let learner = LocalLearnerService(person: ingrid, catalog: catalog, store: store, clock: .fixed(Build.instant("2026-03-01T10:00:00Z")),
                                          searchIndex: try SearchIndex.inMemory(catalog))
        let output = Transcript()
        try await TutorSession(catalog: catalog, learner: learner, language: .en,
                               reader: ScriptedLineReader(["Text s2", "/ask how many days of holiday do I get", "/ask", "/quit"]),
                               style: TerminalStyle(color: false, width: 80), write: output.append).run()
        #expect(output.text.contains("Text s2.\nSource: basics §s2 \"Section 2\", v1.0\nRead the whole section: /read basics s2"))
        #expect(output.text.contains("The course material does not cover this"))
        #expect(output.text.contains("Usage: /ask QUESTION"))
        // The declined question is kept for the authors, without who asked.
        #expect(try await store.unansweredQuestions(since: nil).map(\.question) == ["how many days of holiday do I get"])
    }

    @Test func withoutASearchIndexTheTutorSaysWhyItCannotAnswer() async throws {
        let catalog = Build.catalog()
        let store = try SQLiteStore.inMemory()
        let ingrid = Build.person("E1", username: "ingrid")
        try await store.apply(Build.plan(adding: Build.roster([ingrid])), on: Build.today, change: Build.change())
        let output = Transcript()
        try await TutorSession(catalog: catalog, learner: LocalLearnerService(person: ingrid, catalog: catalog, store: store, clock: .system),
                               language: .en, reader: ScriptedLineReader(["What is this?", "/quit"]),
                               style: TerminalStyle(color: false, width: 80), write: output.append).run()
        #expect(output.text.contains("I cannot answer questions right now: the search index is missing."))
    }
}
