import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KyndigCore
import KyndigSearch
import KyndigServer
import KyndigServices
import KyndigStore
import KyndigTestSupport
import NIOCore

/// A small hospital behind the API: units H > C > W and H > X; Kari (E1) in W, Ola (E2) in X,
/// Per (E3) in C; the test catalog and its search index; a token of every kind.
struct ServerFixture {
    let store: SQLiteStore
    let catalog: Catalog
    let environment: ServerEnvironment
    let tokens: [String: String]

    static let now = Build.instant("2026-03-01T10:00:00Z")

    /// The scopes the matrix runs, by a short label.
    static let scopes: [(label: String, scope: TokenScope)] = [
        ("admin", .admin), ("hr", .hr), ("manager:C", .manager(unitID: "C")), ("manager:X", .manager(unitID: "X")),
        ("learner:E1", .learner(employeeID: "E1")), ("learner:E2", .learner(employeeID: "E2")),
    ]

    static func make(clock: WallClock = .fixed(now)) async throws -> ServerFixture {
        let store = try SQLiteStore.inMemory()
        let people = [Build.person("E1", username: "kari", unit: "W"), Build.person("E2", username: "ola", unit: "X"),
                      Build.person("E3", username: "per", unit: "C")]
        try await store.apply(Build.plan(adding: Build.roster(people)), on: Build.today, change: Build.change("roster.csv"))
        let catalog = Build.catalog()
        _ = try await store.store(catalog.modules.values.flatMap { module in module.texts.values.map { ModuleVersionRecord(module, $0) } },
                                  change: Build.change("catalog"))
        let service = APITokens(store: store, clock: .fixed(now), policy: catalog.policy)
        var tokens: [String: String] = [:]
        for (label, scope) in scopes {
            tokens[label] = try await service.create(scope: scope, name: label, expiresOn: nil, actor: "tester").token
        }
        let spec = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Resources/openapi.yaml"), encoding: .utf8)
        let environment = ServerEnvironment(
            store: store, catalog: catalog, clock: clock, searchIndex: try SearchIndex.inMemory(catalog), openAPISpec: spec)
        return ServerFixture(store: store, catalog: catalog, environment: environment, tokens: tokens)
    }

    /// The same records seen at another instant (expiry tests).
    func at(_ instant: Date) -> ServerFixture {
        ServerFixture(
            store: store, catalog: catalog,
            environment: ServerEnvironment(store: store, catalog: catalog, clock: .fixed(instant), searchIndex: environment.searchIndex,
                                           openAPISpec: environment.openAPISpec),
            tokens: tokens)
    }

    func application() -> some ApplicationProtocol {
        Application(router: KyndigServer.buildRouter(environment))
    }

    static func headers(token: String?, contentType: String? = nil) -> HTTPFields {
        var fields: HTTPFields = [:]
        if let token { fields[.authorization] = "Bearer \(token)" }
        if let contentType { fields[.contentType] = contentType }
        return fields
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] ?? [:]
    }
}
