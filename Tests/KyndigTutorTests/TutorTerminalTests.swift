import Foundation
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
        #expect(greeting.contains("due 2026-12-02"))
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

        // History is kept per user in the data directory.
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
}
