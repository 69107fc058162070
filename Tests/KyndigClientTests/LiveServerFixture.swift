import Foundation
import Hummingbird
import KyndigCore
import KyndigSearch
import KyndigServer
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Logging

/// `kyndig serve`'s application on a free loopback port, over a database file in a temporary
/// directory: the roster of `Build.roster` (learners E1…En in ward W), the test catalog and its
/// search index, and a learner token for everyone. Stopped when released.
final class LiveServerFixture: @unchecked Sendable {
    let directory: TemporaryDirectory
    let db: String
    let store: SQLiteStore
    let catalog: Catalog
    /// Learner tokens by employee id.
    let tokens: [String: String]
    let url: URL
    private let server: Task<Void, any Error>

    static let now = Build.instant("2026-03-01T10:00:00Z")

    /// - Parameter learners: how many people (E1, E2, …), usernames e1, e2, …
    init(learners: Int = 3) async throws {
        directory = try TemporaryDirectory("kyndig-client")
        db = directory.path("server.sqlite")
        store = try SQLiteStore.open(path: db, create: true)
        let people = (1...learners).map { Build.person("E\($0)") }
        try await store.apply(Build.plan(adding: Build.roster(people)), on: Build.today, change: Build.change("roster.csv"))
        catalog = Build.catalog()
        _ = try await CatalogSync(store: store, clock: .fixed(Self.now)).sync(catalog, actor: "tester")
        let service = APITokens(store: store, clock: .fixed(Self.now), policy: catalog.policy)
        var tokens: [String: String] = [:]
        for person in people {
            tokens[person.employeeID] = try await service.create(
                scope: .learner(employeeID: person.employeeID), name: person.employeeID, expiresOn: nil, actor: "tester").token
        }
        self.tokens = tokens
        let spec = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Resources/openapi.yaml"), encoding: .utf8)
        let environment = ServerEnvironment(
            store: store, catalog: catalog, clock: .fixed(Self.now), searchIndex: try SearchIndex.inMemory(catalog), openAPISpec: spec)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "kyndig-test-server")
        // Stopping by cancellation logs the connections it closes; the tests read the responses.
        logger.logLevel = .critical
        let app = KyndigServer.buildApplication(
            environment, configuration: ServerConfiguration(host: "127.0.0.1", port: 0), logger: logger,
            onServerRunning: { continuation.yield($0) })
        server = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw FixtureError(message: "the server did not start") }
        url = URL(string: "http://127.0.0.1:\(port)")!
    }

    deinit { server.cancel() }

    /// The same learner through the local service, to compare with what the API returns.
    func local(_ employeeID: String) async throws -> LocalLearnerService {
        guard let person = try await store.person(employeeID: employeeID) else { throw FixtureError(message: "no \(employeeID)") }
        return LocalLearnerService(person: person, catalog: catalog, store: store, clock: .fixed(Self.now),
                                   searchIndex: try SearchIndex.inMemory(catalog))
    }

    /// The right option (as shown, from 0) of question `position` of an attempt: option 0 of
    /// every test question is the right one.
    func rightOption(attemptID: String, position: Int) async throws -> Int {
        guard let attempt = try await store.attempt(id: attemptID) else { throw FixtureError(message: "no attempt \(attemptID)") }
        guard let shown = attempt.questions[position].optionOrder.firstIndex(of: 0) else { throw FixtureError(message: "no right option") }
        return shown
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
