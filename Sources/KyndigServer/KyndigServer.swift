import Foundation
import Hummingbird
import KyndigCore
import KyndigSearch
import KyndigServices
import KyndigStore
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// What the routes work with: the same store, catalog, clock and search index the terminal
/// commands use, handed in by `kyndig serve` (or a test).
public struct ServerEnvironment: Sendable {
    public let store: any KyndigStore
    public let catalog: Catalog
    public let clock: WallClock
    public let randomness: QuizRandomness
    /// The course's search index, for `POST /ask` (nil: that endpoint answers 503).
    public let searchIndex: SearchIndex?
    /// `Resources/openapi.yaml`, served as it is.
    public let openAPISpec: String
    public let limits: Limits
    /// The register and module facts every learner's status needs, shared between requests for
    /// a few seconds (nil: read for each request).
    public let learnerFacts: SharedLearnerFacts?

    /// Request body limits, in bytes.
    public struct Limits: Sendable, Hashable {
        /// JSON bodies (answers, questions).
        public var json: Int
        /// Uploaded files: the roster CSV (100,000 people are about 15 MB) and the register.
        public var upload: Int

        /// The longest a client may take to send a JSON body or form; then 408.
        public var bodyTimeout: Duration
        /// The longest a client may take to send an upload; then 408.
        public var uploadTimeout: Duration

        public init(json: Int = 64 * 1024, upload: Int = 64 * 1024 * 1024, bodyTimeout: Duration = .seconds(30),
                    uploadTimeout: Duration = .seconds(300)) {
            self.json = json
            self.upload = upload
            self.bodyTimeout = bodyTimeout
            self.uploadTimeout = uploadTimeout
        }
    }

    public init(
        store: any KyndigStore, catalog: Catalog, clock: WallClock, randomness: QuizRandomness = .system, searchIndex: SearchIndex?,
        openAPISpec: String, limits: Limits = Limits(), learnerFactsMaxAge: TimeInterval? = 5
    ) {
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.randomness = randomness
        self.searchIndex = searchIndex
        self.openAPISpec = openAPISpec
        self.limits = limits
        learnerFacts = learnerFactsMaxAge.map { SharedLearnerFacts(store: store, catalog: catalog, clock: clock, maxAge: $0) }
    }

    var tokens: APITokens { APITokens(store: store, clock: clock, policy: catalog.policy) }
}

/// Where `kyndig serve` listens.
public struct ServerConfiguration: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// A Unix socket to listen on instead of host and port: requests without a token act as the
    /// learner the connecting OS user is (`kyndig serve --socket PATH`).
    public var socket: String?
    /// A connection that sends nothing this long (no complete request head, no body part, no new
    /// request) is closed: idle keep-alive connections and clients that trickle a request head.
    public var idleTimeout: Duration = .seconds(30)
    /// How often `/metrics`' compliance gauges are recomputed, in the background.
    public var metricsRefresh: Duration = .seconds(300)
    /// The dashboard's session lifetimes and cookie policy.
    public var dashboard = DashboardSessions.Policy()

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080

    public init(host: String = defaultHost, port: Int = defaultPort) {
        self.host = host
        self.port = port
    }

    /// Flags first, then `KYNDIG_HOST` / `KYNDIG_PORT`, then the defaults.
    /// - Throws: `ConfigurationProblem` for a port that is not a number from 1 to 65535.
    public static func resolve(host: String?, port: Int?, environment: [String: String]) throws(ConfigurationProblem) -> ServerConfiguration {
        let host = host.flatMap { $0.isEmpty ? nil : $0 } ?? environment["KYNDIG_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultHost
        let resolvedPort: Int
        if let port {
            resolvedPort = port
        } else if let text = environment["KYNDIG_PORT"], !text.isEmpty {
            guard let value = Int(text) else { throw .badPort(text, source: "KYNDIG_PORT") }
            resolvedPort = value
        } else {
            resolvedPort = defaultPort
        }
        guard (1...65_535).contains(resolvedPort) else { throw .badPort(String(resolvedPort), source: port != nil ? "--port" : "KYNDIG_PORT") }
        return ServerConfiguration(host: host, port: resolvedPort)
    }
}

public enum ConfigurationProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case badPort(String, source: String)

    public var description: String {
        switch self {
        case let .badPort(value, source): "\(source) '\(value)' is not a port. Give a number from 1 to 65535."
        }
    }
}

public enum KyndigServer {
    /// The API's routes, middleware first: request log, metrics and problem documents around
    /// everything; the bearer token on everything but health, metrics and the spec.
    /// - Parameter sessions: the dashboard's sign-in sessions (a fresh, empty set by default).
    public static func buildRouter(
        _ environment: ServerEnvironment, metrics: ServerMetrics = ServerMetrics(), sessions: DashboardSessions? = nil
    ) -> Router<APIContext> {
        let router = Router(context: APIContext.self)
        let routes = RouteTable()
        router.add(middleware: RequestMiddleware(metrics: metrics, routes: routes))
        let api = router.group("api/v1")
        OpsRoutes(environment: environment, metrics: metrics).register(on: api)
        // The dashboard signs in with a cookie of its own, not a bearer token.
        DashboardRoutes(environment: environment, sessions: sessions ?? DashboardSessions(clock: environment.clock)).register(on: api)
        let authenticated = api.group().add(middleware: AuthMiddleware(tokens: environment.tokens, people: environment.store, clock: environment.clock))
        CourseRoutes(environment: environment).register(on: authenticated)
        LearnerRoutes(environment: environment).register(on: authenticated)
        ReportRoutes(environment: environment).register(on: authenticated)
        HRRoutes(environment: environment).register(on: authenticated)
        routes.set(router.routes.map { (path: $0.path.description, method: $0.method.rawValue) })
        return router
    }

    /// The application `kyndig serve` runs (and the live test starts on a free port).
    public static func buildApplication(
        _ environment: ServerEnvironment, configuration: ServerConfiguration, logger: Logger, metrics: ServerMetrics = ServerMetrics(),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: buildRouter(environment, metrics: metrics, sessions: DashboardSessions(clock: environment.clock, policy: configuration.dashboard)),
            server: .http1(configuration: .init(idleTimeout: .nanoseconds(Int64(configuration.idleTimeout / .nanoseconds(1))))),
            configuration: .init(
                address: configuration.socket.map { .unixDomainSocket(path: $0) } ?? .hostname(configuration.host, port: configuration.port),
                serverName: "kyndig"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }

    /// Runs the server, and the background refresh of the compliance gauges, until SIGTERM or
    /// SIGINT, then lets requests in flight finish.
    public static func run(_ environment: ServerEnvironment, configuration: ServerConfiguration, logger: Logger,
                           onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let metrics = ServerMetrics()
        let app = buildApplication(environment, configuration: configuration, logger: logger, metrics: metrics, onServerRunning: onServerRunning)
        let gauges = ComplianceGauges(environment: environment, metrics: metrics, interval: configuration.metricsRefresh, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [app, gauges], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
