import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KyndigCatalog
@testable import KyndigClient
import KyndigCore
import KyndigSearch
import KyndigServices
import KyndigStore
import KyndigTestSupport

/// `kyndig serve` as its own process on a loopback port, over a database file in a temporary
/// directory: the fixture course (tests/Fixtures/good-catalog), learners E1…En (usernames
/// learner1…, "Learner 1"…, clinicians in AKU), its search index, and a learner token for everyone.
/// Stopped (SIGTERM) when released.
///
/// A process of its own, not an application in the test process: a test blocked on a pseudo-terminal
/// or a child process holds one of the few threads Swift's concurrency has here, and a server in
/// the same process could then not answer the tutor the test waits for.
final class LiveServerFixture: @unchecked Sendable {
    let directory: TemporaryDirectory
    let db: String
    let course: URL
    let store: SQLiteStore
    let catalog: Catalog
    /// Learner tokens by employee id.
    let tokens: [String: String]
    let url: URL
    private let server: Process

    /// - Parameters:
    ///   - learners: how many people (E1, E2, …).
    ///   - usernames: usernames in place of learner1…, by number (an OS user's name, for `socket`).
    ///   - socket: listen on a Unix socket (`--socket`) instead of a loopback port.
    init(learners: Int = 3, usernames: [Int: String] = [:], socket: Bool = false) async throws {
        directory = try TemporaryDirectory("kyndig-client")
        db = directory.path("server.sqlite")
        course = try directory.copyFixture("good-catalog")
        try FileManager.default.createDirectory(at: course.appendingPathComponent("Resources"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent("Resources/openapi.yaml"),
                                         to: course.appendingPathComponent("Resources/openapi.yaml"))
        let rows = (1...learners).map { "E\($0),Learner \($0),,\(usernames[$0] ?? "learner\($0)"),AKU,Akuttmottak,,clinician,2020-01-01," }
        let roster = try directory.write("roster.csv", (["employee_id,name,email,username,unit_id,unit_name,parent_unit_id,roles,start_date,manager_employee_id"] + rows)
            .joined(separator: "\n") + "\n")
        for arguments in [["roster", "import", roster], ["sync"]] {
            let result = try Kyndig.run(arguments + ["--db", db, "--catalog", course.path])
            guard result.status == 0 else { throw FixtureError(message: "kyndig \(arguments[0]): \(result.stderr)") }
        }
        catalog = try CatalogLoader.load(root: course)
        store = try SQLiteStore.open(path: db, create: false)
        let service = APITokens(store: store, clock: .system, policy: catalog.policy)
        var tokens: [String: String] = [:]
        for number in 1...learners {
            tokens["E\(number)"] = try await service.create(
                scope: .learner(employeeID: "E\(number)"), name: "E\(number)", expiresOn: nil, actor: "tester").token
        }
        self.tokens = tokens

        server = Process()
        server.executableURL = TestPaths.kyndigBinary
        if socket {
            url = URL(string: "unix:\(directory.path("kyndig.sock"))")!
            server.arguments = ["serve", "--socket", directory.path("kyndig.sock"), "--db", db, "--catalog", course.path]
        } else {
            let port = try FreePort.take()
            url = URL(string: "http://127.0.0.1:\(port)")!
            server.arguments = ["serve", "--port", String(port), "--db", db, "--catalog", course.path]
        }
        var environment = ProcessInfo.processInfo.environment
        environment["KYNDIG_LOG"] = "error"
        server.environment = environment
        _ = FileManager.default.createFile(atPath: directory.path("serve.log"), contents: nil)
        let log = try FileHandle(forWritingTo: directory.url.appendingPathComponent("serve.log"))
        server.standardOutput = log
        server.standardError = log
        try server.run()
        try await waitUntilHealthy()
    }

    deinit {
        if server.isRunning { server.terminate() }
    }

    /// Polls `GET /api/v1/healthz` for up to 30 seconds.
    private func waitUntilHealthy() async throws {
        let health = url.appendingPathComponent("api/v1/healthz")
        for _ in 0..<300 {
            if url.scheme == "unix" {
                let response = try? await UnixSocketHTTP.exchange(socket: url.path, method: "GET", target: "/api/v1/healthz", headers: [], body: nil, timeout: 5)
                if response?.status == 200 { return }
            } else if let (_, response) = try? await URLSession.shared.data(from: health), (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            guard server.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let log = (try? String(contentsOfFile: directory.path("serve.log"), encoding: .utf8)) ?? ""
        throw FixtureError(message: "kyndig serve did not start on \(url): \(log)")
    }

    /// The same learner through the local service on the same files, to compare with what the API returns.
    func local(_ employeeID: String) async throws -> LocalLearnerService {
        guard let person = try await store.person(employeeID: employeeID) else { throw FixtureError(message: "no \(employeeID)") }
        return LocalLearnerService(person: person, catalog: catalog, store: store, clock: .system,
                                   searchIndex: SearchIndex.open(path: URL(fileURLWithPath: db).deletingPathExtension().path + ".search.sqlite"))
    }

    /// The right options (as shown, from 0) of question `position` of an attempt.
    func rightChoice(attemptID: String, position: Int) async throws -> Set<Int> {
        guard let attempt = try await store.attempt(id: attemptID) else { throw FixtureError(message: "no attempt \(attemptID)") }
        let drawn = attempt.questions[position]
        guard let question = catalog.quiz(attempt.moduleID, language: attempt.language)?.questions.first(where: { $0.id == drawn.questionID }) else {
            throw FixtureError(message: "no question \(drawn.questionID)")
        }
        return Set(drawn.optionOrder.indices.filter { question.options[drawn.optionOrder[$0]].correct })
    }

    /// A wrong answer to the same question: one option that is not right.
    func wrongChoice(attemptID: String, position: Int) async throws -> Set<Int> {
        let right = try await rightChoice(attemptID: attemptID, position: position)
        return [right.contains(0) ? (right.contains(1) ? 2 : 1) : 0]
    }

    /// The right answer to question `position` of the learner's open attempt, as typed ("2" or "1,3").
    func rightAnswer(employeeID: String, position: Int) async throws -> String {
        guard let attempt = try await store.openAttempts(employeeID: employeeID).first else { throw FixtureError(message: "no open attempt") }
        return try await rightChoice(attemptID: attempt.id, position: position).sorted().map { "\($0 + 1)" }.joined(separator: ",")
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
