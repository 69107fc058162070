import Foundation
import KyndigTestSupport
import Testing

/// The tutor with piped input: plain lines, no escape codes, the same results.
struct ScriptedSessionTests {
    @Test func pipedSessionPrintsNoEscapeCodes() async throws {
        let fixture = try TutorFixture()
        let result = try fixture.runPiped("/help\n/modules\n/read basics limits\n/reed\nWhat is AI?\n/lang nb\n/status\n/quit\n")
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("Hello, Berg, Ingrid!"))
        #expect(result.stdout.contains("/quiz MODULE"))
        #expect(result.stdout.contains("Section 2 of 2 · basics §limits"))
        #expect(result.stdout.contains("Unknown command /reed. Did you mean /read?"))
        // Free text is a question, answered from the course with its source.
        #expect(result.stdout.contains("kyndig> What is AI?\nThis is a short text about artificial intelligence"))
        #expect(result.stdout.contains("Source: basics §"))
        #expect(result.stdout.contains("Dine krav"))
        #expect(result.stdout.contains("Ha det!"))
    }

    @Test func pipedQuizGivesTheSameResultAsTheTerminal() async throws {
        let fixture = try TutorFixture()
        // Start the quiz, answer nothing, leave: the draw is stored; then answer it through a pipe.
        _ = try fixture.runPiped("/quiz basics\n/quit\n")
        let answers = try await fixture.rightAnswers(moduleID: "basics", count: 3)
        let result = try fixture.runPiped("y\n" + answers.joined(separator: "\n") + "\n/quit\n")
        #expect(result.stdout.contains("Resume now? [Y/n]"))
        #expect(result.stdout.contains("Score: 3/3 (100 %). Passed!"))
        #expect(!result.stdout.contains("\u{1B}"))
    }

    @Test func aCommandAtTheResumeOfferDeclinesItAndRuns() async throws {
        let fixture = try TutorFixture()
        _ = try fixture.runPiped("/quiz basics\n/quit\n")
        let result = try fixture.runPiped("/modules\n/quiz basics\n/pause\n/quit\n")
        #expect(result.stdout.contains("Resume now? [Y/n] /modules"))
        #expect(result.stdout.contains("basics  in progress"))
        #expect(result.stdout.contains("Next: continue the quiz with /quiz basics."))
        #expect(result.stdout.contains("Quiz: AI basics. 3 questions; you need 3 right to pass."))
        #expect(result.stdout.contains("Question 1/3"))
    }

    /// With LANG=C the terminal cannot show Unicode: the tutor's own symbols fall back to ASCII.
    /// (The fixture course is ASCII in English; the one non-ASCII word left is "bokmål" in
    /// /help, a word and not a symbol.)
    @Test func aNonUTF8LocaleGetsASCIISymbols() async throws {
        let fixture = try TutorFixture()
        _ = try fixture.runPiped("/quiz basics\n/quit\n")
        let script = "n\n/status\n/modules\n/read basics\n/read basics models\n/next\n/help\n/quiz basics\nx\n9\n1\n/pause\n/quit\n"
        let result = try fixture.runPiped(script, extraEnvironment: ["LANG": "C"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Section 1 of 2 - basics #what-ai-is"))
        #expect(result.stdout.contains("  ~ basics  in progress"))
        #expect(result.stdout.contains("or letter (a, b...)"))
        #expect(result.stdout.contains("\"x\" is not an option. Use 1-"))
        let symbols = result.stdout.replacingOccurrences(of: "bokmål", with: "").unicodeScalars.filter { !$0.isASCII }
        #expect(symbols.isEmpty, "non-ASCII: \(String(String.UnicodeScalarView(symbols)))")

        // The same session in a UTF-8 locale keeps the symbols.
        let utf8 = try fixture.runPiped(script)
        #expect(utf8.stdout.contains("Section 1 of 2 · basics §what-ai-is"))
        #expect(utf8.stdout.contains("  … basics  in progress"))
    }

    @Test func unknownUserIsAClearError() async throws {
        let fixture = try TutorFixture()
        let result = try fixture.runPiped("", user: "nobody")
        #expect(result.status != 0)
        #expect(result.stderr.contains("No person 'nobody' in the roster."))
    }
}
