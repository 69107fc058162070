import Foundation
import Hummingbird
import Logging
import KyndigClient
import KyndigCore
import KyndigReports
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Testing

/// `RemoteLearnerService` against a real server on a loopback port: the same answers as the
/// local service, problem documents in the server's words, one learner never another.
struct RemoteLearnerServiceTests {
    /// Whether two values are the same document as the API writes it (instants to the second, as
    /// JSON carries them).
    func same<T: Encodable>(_ first: T, _ second: T) throws -> Bool {
        let encoder = DocumentedJSON.encoder(pretty: false)
        return try encoder.encode(first) == encoder.encode(second)
    }

    @Test func theRemoteServiceAnswersAsTheLocalOneDoes() async throws {
        let fixture = try await LiveServerFixture()
        let remote = try await RemoteLearnerService.connect(server: fixture.url, token: fixture.tokens["E1"]!)
        let local = try await fixture.local("E1")
        #expect(remote.person == local.person)
        #expect(try await same(remote.overview(), local.overview()))
        // Given a quiz started through the API
        let started = try await remote.quiz(moduleID: "basics", language: .en)
        #expect(started.started)
        #expect(try await same(remote.openQuizzes(), local.openQuizzes()))
        // When the first question is answered right
        let right = try await fixture.rightChoice(attemptID: started.attempt.id, position: 0)
        let feedback = try await remote.answer(attemptID: started.attempt.id, position: 0, chosen: right)
        #expect(feedback.correct && feedback.recording == .recorded && Set(feedback.rightPositions) == right)
        // Then both services see the same attempt, and resuming returns it
        #expect(try await same(remote.quiz(attemptID: started.attempt.id), local.quiz(attemptID: started.attempt.id)))
        let resumed = try await remote.quiz(moduleID: "basics", language: .en)
        #expect(!resumed.started && resumed.attempt == started.attempt && resumed.answered == [0])
        for position in 1..<started.questions.count {
            let wrong = try await fixture.wrongChoice(attemptID: started.attempt.id, position: position)
            #expect(try await remote.answer(attemptID: started.attempt.id, position: position, chosen: wrong).correct == false)
        }
        let outcome = try await remote.finish(attemptID: started.attempt.id)
        #expect(try await same(local.finish(attemptID: started.attempt.id), outcome))
        #expect(outcome.result.correct == 1)
        #expect(try await same(remote.overview(), local.overview()))
        let question = "What are the limits of AI?"
        #expect(try await same(remote.ask(question, language: .en), local.ask(question, language: .en)))
    }

    @Test func theCourseComesFromTheServer() async throws {
        let fixture = try await LiveServerFixture()
        let course = try await RemoteLearnerService.connect(server: fixture.url, token: fixture.tokens["E1"]!).course()
        #expect(course.moduleIDs == fixture.catalog.moduleIDs)
        #expect(course.roles == fixture.catalog.roles)
        for (id, module) in fixture.catalog.modules {
            let remote = try #require(course.module(id))
            #expect(remote.version == module.version && remote.minutes == module.minutes && remote.languages == module.languages)
            for (language, text) in module.texts {
                let served = try #require(remote.texts[language])
                #expect(served.title == text.title && served.objectives == text.objectives && served.contentHash == text.contentHash)
                #expect(served.sections.map(\.anchor) == text.sections.map(\.anchor))
                #expect(served.sections.map(\.markdown) == text.sections.map(\.markdown))
            }
        }
        #expect(course.quizzes.isEmpty)  // answers stay on the server
    }

    @Test func aLearnerTokenNeverActsForAnotherLearner() async throws {
        let fixture = try await LiveServerFixture()
        let kari = try await RemoteLearnerService.connect(server: fixture.url, token: fixture.tokens["E1"]!)
        let ola = try await RemoteLearnerService.connect(server: fixture.url, token: fixture.tokens["E2"]!)
        #expect(ola.person.employeeID == "E2")
        let attempt = try await kari.quiz(moduleID: "basics", language: .en).attempt
        let notYours = LearnerServiceFailure(
            "You have no quiz attempt '\(attempt.id)'. Start or resume one with POST /api/v1/me/attempts.", transient: false)
        await #expect(throws: notYours) { try await ola.answer(attemptID: attempt.id, position: 0, chosen: [0]) }
        // An id that is not one segment of a path stays one, percent-encoded (the server names it
        // as it arrived), and is nobody's: no way round to Kari's attempt.
        for (odd, named) in [("../\(attempt.id)", "..%2F\(attempt.id)"), ("\(attempt.id)/finish", "\(attempt.id)%2Ffinish"),
                             ("a b?c#d%", "a%20b%3Fc%23d%25")] {
            await #expect(throws: LearnerServiceFailure(
                "You have no quiz attempt '\(named)'. Start or resume one with POST /api/v1/me/attempts.", transient: false)
            ) { try await ola.finish(attemptID: odd) }
        }
        await #expect(throws: notYours) { try await ola.quiz(attemptID: attempt.id) }
        await #expect(throws: notYours) { try await ola.finish(attemptID: attempt.id) }
        #expect(try await ola.openQuizzes().isEmpty)
        // Kari's attempt is untouched.
        #expect(try await fixture.store.answers(attemptID: attempt.id).isEmpty)
        #expect(try await kari.openQuizzes().map(\.attempt.id) == [attempt.id])
    }

    @Test func problemsReachTheLearnerInTheServersWords() async throws {
        let fixture = try await LiveServerFixture()
        let kari = try await RemoteLearnerService.connect(server: fixture.url, token: fixture.tokens["E1"]!)
        await #expect(throws: LearnerServiceFailure("No module 'nope'. GET /api/v1/modules lists them.", transient: false)) {
            try await kari.quiz(moduleID: "nope", language: .en)
        }
        // The server's words reach a terminal without its control characters.
        do {
            _ = try await kari.quiz(moduleID: "evil\u{1B}[2J", language: .en)
            Issue.record("an unknown module was found")
        } catch let failure as LearnerServiceFailure {
            #expect(failure.message.hasPrefix("No module 'evil"))
            #expect(!failure.message.unicodeScalars.contains("\u{1B}"))
        }
        // An attempt closed meanwhile is the problem the tutor acts on (it shows the result).
        let state = try await kari.quiz(moduleID: "basics", language: .en)
        for position in state.questions.indices { _ = try await kari.answer(attemptID: state.attempt.id, position: position, chosen: [0]) }
        _ = try await kari.finish(attemptID: state.attempt.id)
        await #expect(throws: QuizProblem.attemptClosed(state.attempt.id)) {
            try await kari.answer(attemptID: state.attempt.id, position: 0, chosen: [0])
        }
        // A token the server does not know: its 401 detail.
        await #expect(throws: LearnerServiceFailure(
            "The token is not known. Check that you copied all of it, or ask an administrator for a new one (kyndig token create).", transient: false)
        ) {
            try await RemoteLearnerService.connect(server: fixture.url, token: "kyndig_abcdefabcdef_" + String(repeating: "0", count: 64))
        }
    }

    @Test func aServerThatIsDownIsSaidWithItsAddress() async throws {
        // A port nothing listens on: bind one, note it, close it.
        let url = URL(string: "http://127.0.0.1:\(try FreePort.take())")!
        do {
            _ = try await RemoteLearnerService.connect(server: url, token: "kyndig_x_y", timeout: 5)
            Issue.record("connected to nothing")
        } catch let failure as LearnerServiceFailure {
            #expect(failure.transient)
            #expect(failure.message.hasPrefix("Cannot reach the Kyndig server at \(url.absoluteString): nothing answers at that address (connection refused)."))
            #expect(failure.message.contains("--server or KYNDIG_SERVER"))
        }
    }

    @Test func aRedirectIsNotFollowedWithTheToken() async throws {
        let router = Router()
        router.get("api/v1/me/status") { _, _ in
            Response(status: .movedPermanently, headers: [.location: "http://127.0.0.1:9/elsewhere"])
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "redirecting")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let url = URL(string: "http://127.0.0.1:\(try #require(await iterator.next()))")!
        await #expect(throws: LearnerServiceFailure(
            "The server at \(url.absoluteString) redirects GET /api/v1/me/status to http://127.0.0.1:9/elsewhere; your token is not sent on. Give the address of kyndig serve itself as --server (or KYNDIG_SERVER).",
            transient: false)
        ) {
            // A long timeout: this server runs in the test process, whose threads other tests may hold a while.
            try await RemoteLearnerService.connect(server: url, token: "kyndig_x_y", timeout: 300)
        }
    }
}
