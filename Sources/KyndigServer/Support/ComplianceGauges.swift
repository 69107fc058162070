import Foundation
import KyndigCore
import KyndigServices
import Logging
import Prometheus
import ServiceLifecycle

/// `kyndig_compliance_share_met{unit}` and `kyndig_compliance_people{unit}` for every top-level
/// unit, for `/metrics`. Computing them is a pass over the whole organisation (seconds at 100,000
/// people), so it never happens in a request: this service refreshes them in the background every
/// `interval`, and `/metrics` reads the last values. `kyndig_compliance_refreshed_timestamp_seconds`
/// tells a scraper how fresh they are.
public struct ComplianceGauges: Service {
    let environment: ServerEnvironment
    let metrics: ServerMetrics
    let interval: Duration
    let logger: Logger

    public init(environment: ServerEnvironment, metrics: ServerMetrics, interval: Duration = .seconds(300), logger: Logger = Logger(label: "kyndig.server")) {
        self.environment = environment
        self.metrics = metrics
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await refresh()
                } catch is CancellationError {
                    return
                } catch {
                    // The gauges keep their last values; the next round tries again.
                    logger.warning("compliance gauges not refreshed", metadata: ["error.type": .string(String(reflecting: type(of: error)))])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Computes the report of the whole organisation as of today and sets the gauges.
    public func refresh() async throws {
        let catalog = environment.catalog
        let start = ContinuousClock.now
        let report = try await ComplianceReporting(store: environment.store).report(
            unitID: nil, catalog: catalog, asOf: catalog.policy.calendarDate(of: environment.clock.now()), trendDays: [], attentionLimit: 0).report
        metrics.setCompliance(report.units.filter { $0.depth == 0 }.map { ($0.unitID, $0.shareMet, $0.people) },
                              at: environment.clock.now(), took: ContinuousClock.now - start)
    }
}

extension ServerMetrics {
    static var shareMet: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "kyndig", subsystem: "compliance", metricName: "share_met", unitName: "",
        helpText: "Share of requirements met (met, expiring soon or exempt) per top-level unit, from 0 to 1.") }
    static var people: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "kyndig", subsystem: "compliance", metricName: "people", unitName: "", helpText: "Active people per top-level unit.") }
    static var refreshed: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "kyndig", subsystem: "compliance", metricName: "refreshed_timestamp", unitName: "seconds",
        helpText: "When the compliance gauges were last computed (Unix time).") }
    static var refreshDuration: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "kyndig", subsystem: "compliance", metricName: "refresh_duration", unitName: "seconds",
        helpText: "How long the last computation of the compliance gauges took.") }

    func setCompliance(_ units: [(unitID: String, shareMet: Double, people: Int)], at instant: Date, took: Duration) {
        let current = Set(units.map(\.unitID))
        for gone in complianceUnits.replace(with: current).subtracting(current) {
            registry.unregisterGauge(registry.makeGauge(descriptor: Self.shareMet, labels: [("unit", gone)]))
            registry.unregisterGauge(registry.makeGauge(descriptor: Self.people, labels: [("unit", gone)]))
        }
        for unit in units {
            registry.makeGauge(descriptor: Self.shareMet, labels: [("unit", unit.unitID)]).set(unit.shareMet)
            registry.makeGauge(descriptor: Self.people, labels: [("unit", unit.unitID)]).set(Double(unit.people))
        }
        registry.makeGauge(descriptor: Self.refreshed).set(instant.timeIntervalSince1970)
        registry.makeGauge(descriptor: Self.refreshDuration)
            .set(Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18)
    }
}

/// The units that have compliance gauges, so a unit that leaves the roster loses its gauges.
final class UnitSet: @unchecked Sendable {
    private let lock = NSLock()
    private var units: Set<String> = []

    /// Sets the units and returns those there were before.
    func replace(with new: Set<String>) -> Set<String> {
        lock.lock()
        defer { lock.unlock() }
        let old = units
        units = new
        return old
    }
}
