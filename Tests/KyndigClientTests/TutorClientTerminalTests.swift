import Foundation
import KyndigCore
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Testing

/// `kyndig tutor --server URL` on a real pseudo-terminal against a real server on a loopback
/// port: the same tutor, with nothing but the token on the learner's side.
@Suite(.serialized)
struct TutorClientTerminalTests {
    typealias Key = PseudoTerminal.Key

    /// A home for the learner (history, config), the token in KYNDIG_TOKEN, a UTF-8 locale.
    func environment(_ home: TemporaryDirectory, token: String?) -> [String: String] {
        var environment = ["HOME": home.url.path, "XDG_DATA_HOME": home.path("data"), "XDG_CONFIG_HOME": home.path("config"),
                           "USER": "tester", "LANG": "C.UTF-8", "LC_ALL": "", "LC_CTYPE": "", "KYNDIG_SERVER": "", "KYNDIG_TOKEN": ""]
        if let token { environment["KYNDIG_TOKEN"] = token }
        return environment
    }

    func startTutor(_ fixture: LiveServerFixture, home: TemporaryDirectory, employeeID: String = "E1") throws -> PseudoTerminal {
        try PseudoTerminal(TestPaths.kyndigBinary, ["tutor", "--server", fixture.url.absoluteString, "--lang", "en"],
                           environment: environment(home, token: fixture.tokens[employeeID]))
    }

    func rightAnswer(_ fixture: LiveServerFixture, position: Int) async throws -> String {
        try await fixture.rightAnswer(employeeID: "E1", position: position)
    }

    @Test func aQuizThroughTheServerSurvivesAKilledTerminalAndIsRecordedThere() async throws {
        let fixture = try await LiveServerFixture()
        let home = try TemporaryDirectory("kyndig-learner")
        // Given the tutor started against the server, reading a module it serves
        let first = try startTutor(fixture, home: home)
        let greeting = try first.expect("kyndig> ")
        #expect(greeting.contains("Hello, Learner 1!"))
        #expect(greeting.contains("Roles: Clinician"))
        #expect(greeting.contains("basics"))
        first.send("/read basics limits" + Key.enter)
        #expect(try first.expect("kyndig> ").contains("Section 2 of 2 · basics §limits"))
        // When a quiz is started, one question answered, and the terminal killed
        first.send("/quiz basics" + Key.enter)
        try first.expect("answer> ")
        first.send(try await rightAnswer(fixture, position: 0) + Key.enter)
        try first.expect("Right!")
        try first.expect("answer> ")
        first.killHard()
        let attempt = try #require(try await fixture.store.openAttempts(employeeID: "E1").first)
        #expect(try await fixture.store.answers(attemptID: attempt.id).map(\.correct) == [true])

        // Then a new terminal offers to resume it, and finishing it records the pass on the server
        let second = try startTutor(fixture, home: home)
        try second.expect("You have an unfinished quiz in \"AI basics\" (1 of 3 answered). Resume now? [Y/n] ")
        second.send("y" + Key.enter)
        try second.expect("Question 2/3")
        try second.expect("answer> ")
        second.send(try await rightAnswer(fixture, position: 1) + Key.enter)
        try second.expect("Question 3/3")
        try second.expect("answer> ")
        second.send(try await rightAnswer(fixture, position: 2) + Key.enter)
        #expect(try second.expect("kyndig> ").contains("Score: 3/3 (100 %). Passed!"))
        let finished = try #require(try await fixture.store.attempt(id: attempt.id))
        #expect(finished.finished?.result?.correct == 3)
        #expect(try await fixture.store.completions(of: "E1").count == 1)
        // A refusal from the server mid-session (the token revoked) is its words, not a crash.
        let tokenID = try #require(TokenCredential(text: fixture.tokens["E1"]!)).id
        _ = try await APITokens(store: fixture.store, clock: .system, policy: fixture.catalog.policy)
            .revoke(id: tokenID, actor: "tester")
        second.send("/status" + Key.enter)
        #expect(try second.expect("kyndig> ").contains("The token was revoked. Ask an administrator for a new one (kyndig token create)."))
        second.send("/quit" + Key.enter)
        try second.expect("Goodbye!")
        #expect(second.waitForExit() == 0)
    }

    @Test func aTokenFileOthersCanReadIsRefusedWithTheFix() async throws {
        let fixture = try await LiveServerFixture()
        let home = try TemporaryDirectory("kyndig-learner")
        let file = try home.write("config/kyndig/token", fixture.tokens["E1"]! + "\n")
        chmod(file, 0o644)
        let quit = try home.write("quit.txt", "/quit\n")
        let refused = try Kyndig.run(["tutor", "--server", fixture.url.absoluteString], environment: environment(home, token: nil), stdin: quit)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Token file \(file) can be read by others (mode 644)"))
        #expect(refused.stderr.contains("chmod 600 \(file)"))
        // Fixed as told, the default token file signs the learner in.
        chmod(file, 0o600)
        let fixed = try Kyndig.run(["tutor", "--lang", "en"], environment: environment(home, token: nil).merging(["KYNDIG_SERVER": fixture.url.absoluteString]) { $1 },
                                   stdin: quit)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stdout.contains("Hello, Learner 1!"))
    }

    @Test func aServerThatIsDownIsSaidWithItsAddress() async throws {
        let home = try TemporaryDirectory("kyndig-learner")
        let url = "http://127.0.0.1:\(try FreePort.take())"
        let quit = try home.write("quit.txt", "/quit\n")
        let result = try Kyndig.run(["tutor", "--server", url], environment: environment(home, token: "kyndig_abcdefabcdef_0"), stdin: quit)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Cannot reach the Kyndig server at \(url): nothing answers at that address (connection refused)."))
        #expect(!result.stderr.contains("URLError"))
    }

    @Test func localOptionsAreRefusedWithAServer() throws {
        let home = try TemporaryDirectory("kyndig-learner")
        for options in [["--user", "ingrid"], ["--db", home.path("x.sqlite")]] {
            let result = try Kyndig.run(["tutor", "--server", "http://127.0.0.1:9"] + options, environment: environment(home, token: "kyndig_abcdefabcdef_0"))
            #expect(result.status == 64, "\(options)")
            #expect(result.stderr.contains("with a server"), "\(options): \(result.stderr)")
        }
    }
}
