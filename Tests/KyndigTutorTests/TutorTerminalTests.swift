import Foundation
import GRDB
import KyndigCore
import KyndigStore
import KyndigTestSupport
import Testing

/// The tutor driven through a real pseudo-terminal: libedit editing, history, completion,
/// Ctrl-C, and quizzes that survive `kill -9`.
@Suite(.serialized)
struct TutorTerminalTests {
    typealias Key = PseudoTerminal.Key

    @Test func greetsWithRequirementsAndProgress() async throws {
        let fixture = try TutorFixture()
        let terminal = try fixture.startTutor()
        let greeting = try terminal.expect("kyndig> ")
        #expect(greeting.contains("Hello, Berg, Ingrid!"))
        #expect(greeting.contains("Roles: Clinician"))
        #expect(greeting.contains("basics"))
        #expect(greeting.contains("not started"))
        // Due 30 days after the later of her start and the course's publication (this run's sync).
        #expect(greeting.contains("due 20"))
        #expect(greeting.contains("[--------------------] 0/1"))
        #expect(terminal.raw.contains("\u{1B}["))  // a terminal gets styles
        terminal.send("/quit" + Key.enter)
        try terminal.expect("Goodbye!")
        #expect(terminal.waitForExit() == 0)
        #expect(terminal.isInCookedMode)  // the terminal is handed back as it was
    }

    @Test func noColorKeepsStylesOffButLineEditingOn() async throws {
        let fixture = try TutorFixture()
        let terminal = try fixture.startTutor(extraEnvironment: ["NO_COLOR": "1"])
        try terminal.expect("kyndig> ")
        terminal.send("/help" + Key.enter)
        try terminal.expect("kyndig> ")
        // "/hlep" → "/help": delete the "l", step over the "e", type "l".
        terminal.send("/hlep" + Key.left + Key.left + Key.backspace + Key.right + "l" + Key.enter)
        #expect(try terminal.expect("kyndig> ").contains("/quiz MODULE"))
        for style in ["\u{1B}[1m", "\u{1B}[2m", "\u{1B}[32m", "\u{1B}[31m"] {
            #expect(!terminal.raw.contains(style))
        }
        terminal.send(Key.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    @Test func ctrlRFindsAnEarlierCommand() async throws {
        let fixture = try TutorFixture()
        let terminal = try fixture.startTutor()
        try terminal.expect("kyndig> ")
        terminal.send("/read basics limits" + Key.enter)
        try terminal.expect("kyndig> ")
        terminal.send("/help" + Key.enter)
        try terminal.expect("kyndig> ")
        terminal.send(Key.ctrlR + "read")
        terminal.send(Key.enter)
        #expect(try terminal.expect("kyndig> ").contains("Section 2 of 2 · basics §limits"))
        terminal.send(Key.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    @Test func twoTerminalsShareOneAttemptAndTheFirstAnswerStands() async throws {
        let fixture = try TutorFixture()
        let first = try fixture.startTutor()
        try first.expect("kyndig> ")
        first.send("/quiz oversight" + Key.enter)
        try first.expect("answer> ")
        let right = try await fixture.rightAnswers(moduleID: "oversight", count: 3)
        var wrong: [String] = []
        for position in 0..<3 { wrong.append(try await fixture.wrongAnswer(moduleID: "oversight", position: position)) }
        first.send(right[0] + Key.enter)
        try first.expect("Question 2/3")
        try first.expect("answer> ")
        // A second terminal of the same learner offers to resume the same attempt.
        let second = try fixture.startTutor()
        try second.expect("(1 of 3 answered). Resume now? [Y/n] ")
        second.send(Key.enter)
        try second.expect("Question 2/3")
        try second.expect("answer> ")
        // The first terminal answers question 2; the second's answer to it does not count.
        first.send(right[1] + Key.enter)
        try first.expect("Right!")
        try first.expect("answer> ")
        second.send(wrong[1] + Key.enter)
        try second.expect("already answered in another session; the first answer stands.")
        try second.expect("Question 3/3")
        try second.expect("answer> ")
        second.send(right[2] + Key.enter)
        #expect(try second.expect("kyndig> ").contains("Score: 3/3 (100 %). Passed!"))
        // The first terminal's late answer changes nothing; it sees the same result.
        first.send(wrong[2] + Key.enter)
        #expect(try first.expect("kyndig> ").contains("Score: 3/3 (100 %). Passed!"))
        for terminal in [first, second] {
            terminal.send(Key.ctrlD)
            #expect(terminal.waitForExit() == 0)
        }
    }

    @Test func typoFixedWithArrowKeysAndPreviousCommandRecalledWithUp() async throws {
        let fixture = try TutorFixture()
        let terminal = try fixture.startTutor()
        try terminal.expect("kyndig> ")
        // "/modles": move three left, insert "u" → "/modules"
        terminal.send("/modles")
        terminal.send(Key.left + Key.left + Key.left)
        terminal.send("u" + Key.enter)
        let listing = try terminal.expect("kyndig> ")
        #expect(listing.contains("AI basics"))
        #expect(!listing.contains("Unknown command"))
        // Up recalls "/modules"
        terminal.send(Key.up + Key.enter)
        #expect(try terminal.expect("kyndig> ").contains("AI basics"))
        terminal.send(Key.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    @Test func tabCompletesModuleIdsAndHistorySurvivesARestart() async throws {
        let fixture = try TutorFixture()
        let terminal = try fixture.startTutor()
        try terminal.expect("kyndig> ")
        terminal.send("/read bas" + Key.tab)
        terminal.send(Key.enter)
        let section = try terminal.expect("kyndig> ")
        #expect(section.contains("Section 1 of 2 · basics §what-ai-is"))
        #expect(section.contains("WHAT AI IS"))
        terminal.send("/next" + Key.enter)
        #expect(try terminal.expect("kyndig> ").contains("Section 2 of 2 · basics §limits"))
        // Commands complete too: "/sta" + Tab → "/status ".
        terminal.send("/sta" + Key.tab + Key.enter)
        #expect(try terminal.expect("kyndig> ").contains("Your requirements"))
        terminal.send("/quit" + Key.enter)
        #expect(terminal.waitForExit() == 0)

        // History is kept per user, next to the database.
        let again = try fixture.startTutor()
        try again.expect("kyndig> ")
        again.send(Key.up + Key.up + Key.up + Key.up + Key.enter)
        #expect(try again.expect("kyndig> ").contains("Section 1 of 2 · basics §what-ai-is"))
        again.send(Key.ctrlD)
        #expect(again.waitForExit() == 0)
    }

    @Test func ctrlCClearsTheLineAndKeepsTheSession() async throws {
        let fixture = try TutorFixture()
        let terminal = try fixture.startTutor()
        try terminal.expect("kyndig> ")
        terminal.send("/hel")
        terminal.send(Key.ctrlC)
        try terminal.expect("kyndig> ")
        terminal.send("/status" + Key.enter)
        let output = try terminal.expect("kyndig> ")
        #expect(output.contains("Your requirements"))
        #expect(!output.contains("Unknown command"))
        terminal.send("/quit" + Key.enter)
        #expect(terminal.waitForExit() == 0)
    }

    @Test func quizToAPassIsRecordedWithVersionAndHash() async throws {
        let fixture = try TutorFixture()
        let terminal = try fixture.startTutor()
        try terminal.expect("kyndig> ")
        terminal.send("/quiz basics" + Key.enter)
        try terminal.expect("you need 3 right to pass")
        for position in 0..<3 {
            try terminal.expect("Question \(position + 1)/3")
            try terminal.expect("answer> ")
            if position == 0 {
                // A bad answer is explained; Ctrl-C clears a half-typed one; the quiz goes on.
                terminal.send("9" + Key.enter)
                try terminal.expect("There is no option 9.")
                try terminal.expect("answer> ")
                terminal.send("1,2")
                terminal.send(Key.ctrlC)
                try terminal.expect("answer> ")
            }
            terminal.send(try await fixture.rightAnswer(moduleID: "basics", position: position) + Key.enter)
            try terminal.expect("Right!")
        }
        let end = try terminal.expect("kyndig> ")
        #expect(end.contains("Score: 3/3 (100 %). Passed!"))
        #expect(end.contains("recorded with module version 1.0 and content hash \(fixture.catalog.text("basics", language: .en)!.contentHash.prefix(12))."))
        terminal.send("/status" + Key.enter)
        #expect(try terminal.expect("kyndig> ").contains("[####################] 1/1"))
        terminal.send("/quit" + Key.enter)
        #expect(terminal.waitForExit() == 0)

        let store = try SQLiteStore.open(path: fixture.db, create: false)
        let completion = try #require(try await store.completions(of: "E2").first)
        #expect(completion.moduleID == "basics")
        #expect(completion.contentHash == fixture.catalog.text("basics", language: .en)!.contentHash)
        #expect(try await store.auditEntries(limit: 10).map(\.action).suffix(2) == [.quizStart, .quizPass])
    }

    @Test func killedMidQuizResumesWithEarlierAnswersCounted() async throws {
        let fixture = try TutorFixture()
        let first = try fixture.startTutor()
        try first.expect("kyndig> ")
        first.send("/quiz oversight" + Key.enter)
        // Two answers: one right, one wrong; then the terminal dies.
        try first.expect("answer> ")
        first.send(try await fixture.rightAnswer(moduleID: "oversight", position: 0) + Key.enter)
        try first.expect("Right!")
        try first.expect("answer> ")
        first.send(try await fixture.wrongAnswer(moduleID: "oversight", position: 1) + Key.enter)
        try first.expect("Not quite.")
        try first.expect("answer> ")
        first.killHard()

        let store = try SQLiteStore.open(path: fixture.db, create: false)
        let attempt = try #require(try await store.openAttempts(employeeID: "E2").first)
        #expect(try await store.answers(attemptID: attempt.id).map(\.correct) == [true, false])

        let second = try fixture.startTutor()
        try second.expect("You have an unfinished quiz in \"Human oversight\" (2 of 3 answered). Resume now? [Y/n] ")
        second.send("y" + Key.enter)
        try second.expect("Question 3/3")
        try second.expect("answer> ")
        second.send(try await fixture.rightAnswer(moduleID: "oversight", position: 2) + Key.enter)
        let end = try second.expect("kyndig> ")
        #expect(end.contains("Score: 2/3 (67 %). Not passed this time"))
        #expect(end.contains("Worth rereading: oversight §"))
        second.send("/quit" + Key.enter)
        #expect(second.waitForExit() == 0)
        // Same attempt, same drawn questions: the seed was stored with it.
        let finished = try #require(try await store.attempt(id: attempt.id))
        #expect(finished.questions == attempt.questions)
        #expect(finished.finished?.result?.correct == 2)
    }

    // MARK: - Letters, anchors, width, history and a busy database

    @Test func norwegianLettersTypedArriveIntactAndSurviveInHistory() async throws {
        let fixture = try TutorFixture()
        let terminal = try fixture.startTutor()
        try terminal.expect("kyndig> ")
        terminal.send("/read basics særlig" + Key.enter)
        #expect(try terminal.expect("kyndig> ").contains("No section \"særlig\""))
        // Tab with æ, ø and å before the cursor: nothing completes, and the line stays intact.
        terminal.send("/quiz påske" + Key.tab + "øy" + Key.enter)
        #expect(try terminal.expect("kyndig> ").contains("No module \"påskeøy\""))
        terminal.send(Key.ctrlR + "sær")
        terminal.send(Key.enter)
        #expect(try terminal.expect("kyndig> ").contains("No section \"særlig\""))
        terminal.send("/quit" + Key.enter)
        #expect(terminal.waitForExit() == 0)

        // The history file keeps the letters: recalled after a restart, they arrive again.
        let again = try fixture.startTutor()
        try again.expect("kyndig> ")
        again.send(Key.up + Key.up + Key.up + Key.enter)
        #expect(try again.expect("kyndig> ").contains("No module \"påskeøy\""))
        again.send(Key.ctrlD)
        #expect(again.waitForExit() == 0)
    }

    @Test func tabOffersSubsectionAnchorsAndReadOpensThemInTheirSection() async throws {
        let fixture = try TutorFixture()
        let terminal = try fixture.startTutor()
        try terminal.expect("kyndig> ")
        // "models" is a ### subsection of "what-ai-is".
        terminal.send("/read basics mo" + Key.tab + Key.enter)
        let section = try terminal.expect("kyndig> ")
        #expect(section.contains("Section 1 of 2 · basics §what-ai-is"))
        #expect(section.contains("You asked for \"Models\" (basics §models). It is part of this section, marked with ▶."))
        #expect(section.contains("▶ Models"))
        terminal.send(Key.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    /// Lines of `text` wider than `columns` (escape codes are already removed by the driver).
    func linesWiderThan(_ columns: Int, in text: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.count > columns }
    }

    @Test func everyLineFitsAnEightyColumnTerminal() async throws {
        let fixture = try TutorFixture()
        let terminal = try fixture.startTutor(columns: 80)
        var screen = try terminal.expect("kyndig> ")
        for command in ["/help", "/status", "/modules", "/read basics", "/read basics models", "/reed"] {
            terminal.send(command + Key.enter)
            screen += try terminal.expect("kyndig> ")
        }
        terminal.send("/quiz basics" + Key.enter)
        screen += try terminal.expect("answer> ")
        terminal.send("/help" + Key.enter)
        screen += try terminal.expect("answer> ")
        terminal.send(try await fixture.wrongAnswer(moduleID: "basics", position: 0) + Key.enter)
        screen += try terminal.expect("answer> ")
        terminal.send(Key.ctrlD)
        #expect(terminal.waitForExit() == 0)
        screen += terminal.screen
        #expect(screen.contains("Not quite."))
        #expect(screen.contains("Quiz: AI basics."))
        let tooWide = linesWiderThan(80, in: screen)
        #expect(tooWide.isEmpty, "wider than 80 columns:\n\(tooWide.joined(separator: "\n"))")
    }

    @Test func outputFollowsTheTerminalWhenItIsResized() async throws {
        let fixture = try TutorFixture()
        let terminal = try fixture.startTutor(columns: 100)
        try terminal.expect("kyndig> ")
        terminal.send("/help" + Key.enter)
        // At 100 columns the help's first line (96 columns) is not wrapped.
        #expect(!linesWiderThan(80, in: try terminal.expect("kyndig> ")).isEmpty)
        terminal.resize(columns: 80)
        terminal.send("/help" + Key.enter)
        let narrow = try terminal.expect("kyndig> ")
        #expect(narrow.contains("/quiz MODULE"))
        #expect(linesWiderThan(80, in: narrow).isEmpty)
        terminal.send(Key.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    @Test func quizAnswersAndResumeRepliesAreNeverRecalledFromHistory() async throws {
        let fixture = try TutorFixture()
        let first = try fixture.startTutor()
        try first.expect("kyndig> ")
        first.send("/quiz basics" + Key.enter)
        try first.expect("answer> ")
        first.send(try await fixture.rightAnswer(moduleID: "basics", position: 0) + Key.enter)
        try first.expect("Right!")
        try first.expect("answer> ")
        first.send(Key.ctrlD)
        try first.expect("continue with /quiz basics.")
        #expect(first.waitForExit() == 0)

        let second = try fixture.startTutor()
        try second.expect("Resume now? [Y/n] ")
        second.send("n" + Key.enter)
        try second.expect("kyndig> ")
        // Up recalls the last command, not "n" nor the answer.
        second.send(Key.up + Key.enter)
        #expect(try second.expect("answer> ").contains("Continuing the quiz in \"AI basics\": 1 of 3 answered"))
        let status = quit(second)
        #expect(status == 0, "the screen:\n\(second.screen)")
    }

    /// Ctrl-D at a prompt, as a person presses it. Under load it was now and then lost: the thread
    /// stacks showed the tutor waiting at the prompt for more input, and the screen showed why:
    /// the prompt can be up before libedit has set the terminal up for it (after a Ctrl-C, or
    /// the line before), and a Ctrl-D typed in that moment lands in the line as a character
    /// ("answer> ^D"), where a second Ctrl-D only deletes forward. A person clears the line and
    /// presses it again; so does this. Returns the exit status, nil if the tutor did not end.
    func quit(_ terminal: PseudoTerminal) -> Int32? {
        terminal.send(Key.ctrlD)
        var status = terminal.waitForExit(timeout: 10)
        for _ in 0..<2 where status == nil {
            terminal.send(Key.ctrlU + Key.ctrlD)
            status = terminal.waitForExit(timeout: 10)
        }
        return status
    }

    @Test func historyIsKeptNextToTheDatabaseInUse() async throws {
        let fixture = try TutorFixture()
        let demo = try fixture.addDatabase(named: "demo.sqlite")
        let real = try fixture.startTutor()
        try real.expect("kyndig> ")
        real.send("/read basics limits" + Key.enter)
        try real.expect("kyndig> ")
        real.send(Key.ctrlD)
        #expect(real.waitForExit() == 0)
        #expect(FileManager.default.fileExists(atPath: fixture.db + "-history-ingrid"))
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.path("data/kyndig/history-ingrid")))

        // The demo database has its own history: Up recalls nothing from the other one.
        let other = try fixture.startTutor(db: demo)
        try other.expect("kyndig> ")
        other.send(Key.up + Key.enter)
        #expect(!(try other.expect("kyndig> ").contains("Section 2 of 2")))
        other.send("/status" + Key.enter)
        try other.expect("kyndig> ")
        other.send(Key.ctrlD)
        #expect(other.waitForExit() == 0)
        #expect(FileManager.default.fileExists(atPath: demo + "-history-ingrid"))
    }

    @Test func ctrlCWhileAnAnswerWaitsForABusyDatabaseDoesNotEndTheTutor() async throws {
        let fixture = try TutorFixture()
        let terminal = try fixture.startTutor()
        try terminal.expect("kyndig> ")
        terminal.send("/quiz basics" + Key.enter)
        try terminal.expect("answer> ")
        let right = try await fixture.rightAnswer(moduleID: "basics", position: 0)
        // Another program writes for two seconds (within the store's busy timeout): the answer
        // waits, and the learner presses Ctrl-C meanwhile.
        let writer = try WriteLockHolder(path: fixture.db, seconds: 2)
        terminal.send(right + Key.enter)
        usleep(500_000)
        terminal.send(Key.ctrlC)
        try terminal.expect("Right!", timeout: 15)
        writer.waitUntilReleased()
        try terminal.expect("answer> ")
        let status = quit(terminal)
        #expect(status == 0, "the screen:\n\(terminal.screen)\nthe threads:\n\(status == nil ? terminal.threadStacks() : "")")
        let store = try SQLiteStore.open(path: fixture.db, create: false)
        let attempt = try #require(try await store.openAttempts(employeeID: "E2").first)
        #expect(try await store.answers(attemptID: attempt.id).map(\.position) == [0])
    }
}

/// Holds SQLite's write lock on a database from another connection for a while, as another
/// Kyndig process in the middle of a long import would.
final class WriteLockHolder: Sendable {
    private let released = DispatchSemaphore(value: 0)

    /// Returns once the lock is held.
    init(path: String, seconds: Double) throws {
        let queue = try DatabaseQueue(path: path)
        let held = DispatchSemaphore(value: 0)
        let released = self.released
        Thread.detachNewThread {
            try? queue.inTransaction(.immediate) { _ in
                held.signal()
                Thread.sleep(forTimeInterval: seconds)
                return .rollback
            }
            released.signal()
        }
        held.wait()
    }

    func waitUntilReleased() { released.wait() }
}
