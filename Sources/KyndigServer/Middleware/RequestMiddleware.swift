import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Prometheus
import Synchronization

/// The outermost middleware: turns every failure into a problem document (an error nobody
/// expected becomes a 500 that names the request id, and is logged), answers with the request id
/// in `Kyndig-Request-Id`, logs one line per request and counts it for `/metrics`.
///
/// The log line holds the route template (`/api/v1/units/{id}/report`), never the path or
/// query as sent, the status, the duration and the token's scope kind: no personal data.
struct RequestMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let metrics: ServerMetrics
    /// The routes, to answer a known path asked with another method by 405 rather than 404.
    var routes = RouteTable()

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        var scope = "none"
        do {
            let result = try await next(request, context)
            response = result
        } catch let error as HTTPError where error.status == .notFound && (context.endpointPath ?? "NotFound") == "NotFound"
            && !routes.methods(for: request.uri.path).isEmpty {
            let allowed = routes.methods(for: request.uri.path)
            response = try APIProblem(.methodNotAllowed, type: "http-405", title: "Method Not Allowed",
                                      detail: "This endpoint takes \(allowed.joined(separator: " or ")) only. The API is described at /api/v1/openapi.yaml.")
                .response(from: request, context: context)
            response.headers[.allow] = allowed.joined(separator: ", ")
        } catch {
            let problem = ProblemWording.problem(for: error) ?? {
                context.logger.error("unexpected error", metadata: ["error.type": .string(String(reflecting: type(of: error)))])
                return APIProblem(.internalServerError, type: "internal", title: "Internal error",
                                  detail: "Something went wrong on the server; nothing you sent was at fault. Tell the Kyndig administrator, quoting the request id.")
            }()
            response = try problem.response(from: request, context: context)
        }
        if let kind = response.headers[.kyndigScope] {
            scope = kind
            response.headers[.kyndigScope] = nil
        }
        response.headers[.kyndigRequestID] = context.id
        let route = context.endpointPath ?? "unmatched"
        let elapsed = ContinuousClock.now - start
        metrics.record(method: request.method.rawValue, route: route, status: Int(response.status.code), duration: elapsed)
        context.logger.info("request", metadata: [
            "http.method": .string(request.method.rawValue), "http.route": .string(route),
            "http.status": .stringConvertible(response.status.code), "scope": .string(scope),
            "duration_ms": .string(Self.milliseconds(elapsed)),
        ])
        return response
    }
}

extension RequestMiddleware {
    /// `12.3`: a duration in milliseconds with one decimal, without Foundation's `String(format:)`
    /// (a measurable part of a request that takes a fraction of a millisecond).
    static func milliseconds(_ duration: Duration) -> String {
        let tenths = duration.components.seconds * 10_000 + (duration.components.attoseconds + 50_000_000_000_000) / 100_000_000_000_000
        return "\(tenths / 10).\(tenths % 10)"
    }
}

extension HTTPField.Name {
    /// The request id, also in every log line of the request (`hb.request.id`).
    static let kyndigRequestID = HTTPField.Name("Kyndig-Request-Id")!
    /// The export cursor for the next poll.
    static let kyndigNextCursor = HTTPField.Name("Kyndig-Next-Cursor")!
    /// Internal: the scope kind, from the auth middleware to the log line; removed before sending.
    static let kyndigScope = HTTPField.Name("X-Kyndig-Internal-Scope")!
}

/// Request counts and latencies per route, in a registry of the server's own (not the global
/// metrics system, so tests run servers side by side).
public struct ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    /// The top-level units with compliance gauges (`ComplianceGauges`).
    let complianceUnits = UnitSet()
    /// Each route's counter and histogram once made: the registry checks names and labels and
    /// builds its key on every `make…` call, several microseconds a request.
    private let recorders = RouteRecorders()

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    static var requests: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "kyndig", subsystem: "http", metricName: "requests", unitName: "total", helpText: "HTTP requests by route, method and status.") }
    static var durations: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "kyndig", subsystem: "http", metricName: "request_duration", unitName: "seconds", helpText: "HTTP request durations by route and method.") }
    static let buckets: [Duration] = [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                                      .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                                      .seconds(2.5), .seconds(5), .seconds(10)]

    func record(method: String, route: String, status: Int, duration: Duration) {
        let (counter, histogram) = recorders.recorders(for: RouteRecorders.Key(method: method, route: route, status: status)) {
            (registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status))]),
             registry.makeDurationHistogram(descriptor: Self.durations, labels: [("method", method), ("route", route)], buckets: Self.buckets))
        }
        counter.increment()
        histogram.record(duration)
    }

    /// The Prometheus text exposition of everything recorded.
    public func text() -> String { registry.emitToString() }
}

/// The counters and histograms made so far, by method, route and status.
final class RouteRecorders: Sendable {
    struct Key: Hashable, Sendable {
        let method: String
        let route: String
        let status: Int
    }

    private let made = Mutex<[Key: (Counter, DurationHistogram)]>([:])

    func recorders(for key: Key, make: () -> (Counter, DurationHistogram)) -> (Counter, DurationHistogram) {
        if let known = made.withLock({ $0[key] }) { return known }
        let new = make()  // the registry returns the same ones when two requests make them at once
        made.withLock { $0[key] = new }
        return new
    }
}

/// The method and path template of every route, filled once the router is built.
final class RouteTable: @unchecked Sendable {
    private let lock = NSLock()
    private var routes: [(segments: [Substring], method: String)] = []

    func set(_ routes: [(path: String, method: String)]) {
        lock.lock()
        defer { lock.unlock() }
        self.routes = routes.map { (segments: $0.path.split(separator: "/"), method: $0.method) }
    }

    /// The methods routed for `path` (a `{parameter}` or `:parameter` segment matches any one segment), sorted.
    func methods(for path: String) -> [String] {
        let asked = path.split(separator: "/")
        lock.lock()
        defer { lock.unlock() }
        let matching = routes.filter { route in
            route.segments.count == asked.count && zip(route.segments, asked).allSatisfy { template, segment in
                template == segment || template.hasPrefix(":") || template.hasPrefix("{")
            }
        }
        return Set(matching.map(\.method)).sorted()
    }
}
