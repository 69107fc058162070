import Foundation
import KyndigClient
import KyndigCore
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `kyndig serve --socket PATH`: the kernel says which OS user connects (SO_PEERCRED), so a learner
/// on the server's own machine needs no token.
@Suite(.serialized)
struct SocketTests {
    /// The OS user running the tests.
    static let me: String = {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "unknown" }
        return String(cString: name)
    }()

    /// Another OS user can be tested only by root (runuser), where `nobody` and `daemon` exist.
    static let canSwitchUsers = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser")
        && getpwnam("nobody") != nil && getpwnam("daemon") != nil

    @Test func theConnectingOSUserIsTheLearnerWithoutAToken() async throws {
        let fixture = try await LiveServerFixture(usernames: [1: Self.me], socket: true)
        let learner = try await RemoteLearnerService.connect(server: fixture.url, token: nil)
        #expect(learner.person.employeeID == "E1")
        // A whole quiz over the socket, and the pass is recorded.
        let state = try await learner.quiz(moduleID: "basics", language: .en)
        for position in state.questions.indices {
            let right = try await fixture.rightChoice(attemptID: state.attempt.id, position: position)
            #expect(try await learner.answer(attemptID: state.attempt.id, position: position, chosen: right).correct)
        }
        #expect(try await learner.finish(attemptID: state.attempt.id).result.passed)
        #expect(try await fixture.store.completions(of: "E1").count == 1)
        #expect(try await learner.course().moduleIDs == fixture.catalog.moduleIDs)
        // A token sent over the socket decides, as over TCP.
        #expect(try await RemoteLearnerService.connect(server: fixture.url, token: fixture.tokens["E2"]!).person.employeeID == "E2")
    }

    /// `kyndig tutor --server unix:PATH` run as `user` (runuser), with `/quit` piped in. The
    /// binary is copied beside the socket: the checkout it was built in may sit under a directory
    /// other users cannot enter (a `mktemp -d` clone is mode 700).
    func tutor(as user: String, _ fixture: LiveServerFixture) throws -> CommandResult {
        let quit = try fixture.directory.write("quit-\(user).txt", "/quit\n")
        chmod(fixture.directory.url.path, 0o755)
        chmod(quit, 0o644)
        let binary = fixture.directory.url.appendingPathComponent("kyndig")
        // A hard link writes nothing; a copy (another file system) may be held open for writing
        // by a child another test forks meanwhile, so running it can meet "Text file busy".
        if !FileManager.default.fileExists(atPath: binary.path), link(TestPaths.kyndigBinary.path, binary.path) != 0 {
            try FileManager.default.copyItem(at: TestPaths.kyndigBinary, to: binary)
            chmod(binary.path, 0o755)
        }
        var result: CommandResult
        var tries = 0
        repeat {
            result = try Kyndig.run(
                ["-u", user, "--", "/usr/bin/env", "-i", "HOME=/tmp", "LANG=C.UTF-8", "NO_COLOR=1", binary.path,
                 "tutor", "--server", fixture.url.absoluteString, "--lang", "en"],
                stdin: quit, executable: URL(fileURLWithPath: "/usr/sbin/runuser"))
            tries += 1
            if result.stderr.contains("Text file busy") { usleep(200_000) }
        } while result.stderr.contains("Text file busy") && tries < 10
        return result
    }

    @Test(.enabled(if: canSwitchUsers, "needs root and runuser to connect as other OS users"))
    func eachOSUserIsOnlyThemselvesAndAStrangerIsToldWhy() async throws {
        let fixture = try await LiveServerFixture(usernames: [1: Self.me, 2: "nobody"], socket: true)
        let nobody = try tutor(as: "nobody", fixture)
        #expect(nobody.status == 0, "\(nobody.stderr)")
        #expect(nobody.stdout.contains("Hello, Learner 2!"))
        let stranger = try tutor(as: "daemon", fixture)
        #expect(stranger.status == 1)
        #expect(stranger.stderr.contains(
            "OS user 'daemon' is not the username of anyone active in the roster, so this socket cannot tell who you are. Ask HR to record your username in the roster, or send a token (Authorization: Bearer …)."))
    }

    @Test func aSecondServerNeverTakesOverALiveSocket() async throws {
        let fixture = try await LiveServerFixture(usernames: [1: Self.me], socket: true)
        let second = try Kyndig.run(["serve", "--socket", fixture.url.path, "--db", fixture.db, "--catalog", fixture.course.path])
        #expect(second.status == 1)
        #expect(second.stderr.contains("Another server listens on --socket \(fixture.url.path). Stop it first, or choose another path."))
        #expect(try await RemoteLearnerService.connect(server: fixture.url, token: nil).person.employeeID == "E1")
        let both = try Kyndig.run(["serve", "--socket", fixture.url.path, "--port", "8080"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--socket listens on a Unix socket instead of --host and --port. Give one or the other."))
    }

    @Test func aSocketNobodyListensOnIsSaidWithItsPath() async throws {
        let directory = try TemporaryDirectory("kyndig-socket")
        let url = URL(string: "unix:\(directory.path("none.sock"))")!
        await #expect(throws: LearnerServiceFailure(
            "Cannot reach the Kyndig server at unix:\(directory.path("none.sock")): there is no socket at that path. Check the address (--server or KYNDIG_SERVER) and that kyndig serve runs there; answers you gave are saved on the server.",
            transient: true)
        ) { try await RemoteLearnerService.connect(server: url, token: nil) }
    }
}
