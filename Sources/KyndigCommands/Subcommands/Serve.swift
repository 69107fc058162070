import ArgumentParser
import Foundation
import KyndigCore
import KyndigSearch
import KyndigServer
import KyndigServices
import Logging

extension KyndigCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the HTTP API (docs/api.md): learners, managers and HR with scoped tokens.",
            discussion: """
                Listens on --host and --port, else KYNDIG_HOST and KYNDIG_PORT, else 127.0.0.1:8080. \
                Callers send 'Authorization: Bearer TOKEN' with a token from kyndig token create. Logs \
                one line per request on standard error (route, status, duration, request id; no \
                personal data); KYNDIG_LOG sets the level (default info). SIGTERM or Ctrl-C stops \
                accepting connections and lets requests in flight finish.
                """)

        @Option(help: ArgumentHelp("Address to listen on (default: $KYNDIG_HOST, else 127.0.0.1).", valueName: "host")) var host: String?
        @Option(help: ArgumentHelp("Port to listen on (default: $KYNDIG_PORT, else 8080).", valueName: "port")) var port: Int?
        @Option(help: ArgumentHelp("Seconds between recomputations of /metrics' compliance gauges (default 300).", valueName: "seconds"))
        var metricsRefresh: Int = 300
        @Option(help: ArgumentHelp("Seconds a connection may send nothing before it is closed (default 30).", valueName: "seconds"))
        var idleTimeout: Int = 30
        @Flag(help: "Mark the dashboard's cookies Secure even without X-Forwarded-Proto: https (behind a TLS proxy that does not send it).")
        var secureCookies = false
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if let port, !(1...65_535).contains(port) { throw ValidationError("--port \(port) is not a port. Give a number from 1 to 65535.") }
            if metricsRefresh < 1 { throw ValidationError("--metrics-refresh \(metricsRefresh) is too short. Give a number of seconds from 1.") }
            if idleTimeout < 1 { throw ValidationError("--idle-timeout \(idleTimeout) is too short. Give a number of seconds from 1.") }
        }

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            var configuration: ServerConfiguration
            do {
                configuration = try ServerConfiguration.resolve(host: host, port: port, environment: environment)
            } catch {
                throw CommandFailure(error.description)
            }
            configuration.metricsRefresh = .seconds(metricsRefresh)
            configuration.idleTimeout = .seconds(idleTimeout)
            configuration.dashboard.secureCookies = secureCookies
            let host = configuration.host
            var logger = Logger(label: "kyndig.server")
            logger.logLevel = environment["KYNDIG_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            let catalog = try catalogOptions.load()
            let root = try catalogOptions.root()
            let store = try database.open()
            let searchIndex = SearchIndex.open(path: database.searchIndexPath)
            if searchIndex == nil {
                logger.warning("no search index beside the database: POST /api/v1/ask answers 503 until kyndig sync builds it")
            }
            let specPath = root.appendingPathComponent("Resources/openapi.yaml").path
            guard let spec = try? String(contentsOfFile: specPath, encoding: .utf8) else {
                throw CommandFailure("Cannot read the API description '\(specPath)'. Reinstall Kyndig, or pass --catalog with the directory that holds curricula/ and Resources/.")
            }
            let server = ServerEnvironment(store: store, catalog: catalog, clock: KyndigCommand.clock, searchIndex: searchIndex, openAPISpec: spec)
            try await KyndigServer.run(server, configuration: configuration, logger: logger) { port in
                Console.error("Kyndig serves http://\(host):\(port)/api/v1 (database \(database.path)); managers sign in at /api/v1/dashboard. Stop with Ctrl-C or SIGTERM.")
            }
        }
    }
}
