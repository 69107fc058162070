import Hummingbird

/// What needs no token: liveness, Prometheus metrics and the API's description.
struct OpsRoutes {
    let environment: ServerEnvironment
    let metrics: ServerMetrics

    struct Health: Encodable {
        let status: String
    }

    func register(on group: RouterGroup<APIContext>) {
        group.get("healthz") { _, _ in try Rendering.json(Health(status: "ok")) }
        group.get("metrics") { _, _ in
            Rendering.text(metrics.text(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        group.get("openapi.yaml") { _, _ in
            Rendering.text(environment.openAPISpec, contentType: "application/yaml; charset=utf-8")
        }
    }
}
