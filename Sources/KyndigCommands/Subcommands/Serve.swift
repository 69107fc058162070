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
            commandName: "serve",
            abstract: "Run the HTTP API (docs/api.md): learners, managers and HR with scoped tokens.",
            discussion: """
                Listens on --host and --port, else KYNDIG_HOST and KYNDIG_PORT, else 127.0.0.1:8080. \
                Callers send 'Authorization: Bearer TOKEN' with a token from kyndig token create. Logs \
                one line per request on standard error (route, status, duration, request id; no \
                personal data); KYNDIG_LOG sets the level (default info). SIGTERM or Ctrl-C stops \
                accepting connections and lets requests in flight finish.

                With --socket PATH it listens on a Unix socket instead: a request without a token \
                acts as the learner whose roster username is the connecting OS user's name (the \
                kernel says who connects), so learners on this machine need no token \
                (kyndig tutor --server unix:PATH).
                """)

        @Option(help: ArgumentHelp("Address to listen on (default: $KYNDIG_HOST, else 127.0.0.1).", valueName: "host")) var host: String?
        @Option(help: ArgumentHelp("Port to listen on (default: $KYNDIG_PORT, else 8080).", valueName: "port")) var port: Int?
        @Option(help: ArgumentHelp("Listen on this Unix socket instead of host and port; a request without a token acts as the learner the connecting OS user is (their roster username).", valueName: "path"))
        var socket: String?
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
            if socket != nil, host != nil || port != nil {
                throw ValidationError("--socket listens on a Unix socket instead of --host and --port. Give one or the other.")
            }
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
            if let socket { try Self.prepare(socket: socket) }
            configuration.socket = socket
            configuration.metricsRefresh = .seconds(metricsRefresh)
            configuration.idleTimeout = .seconds(idleTimeout)
            configuration.dashboard.secureCookies = secureCookies
            let listeningHost = configuration.host
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
                if let socket {
                    // Every local user may connect: the kernel tells who they are.
                    chmod(socket, 0o666)
                    Console.error("Kyndig serves unix:\(socket) (/api/v1; database \(database.path)). Stop with Ctrl-C or SIGTERM.")
                } else {
                    Console.error("Kyndig serves http://\(listeningHost):\(port)/api/v1 (database \(database.path)); managers sign in at /api/v1/dashboard. Stop with Ctrl-C or SIGTERM.")
                }
            }
        }

        /// Removes a socket a stopped server left behind; refuses to replace anything else, or a
        /// socket a running server still answers on.
        static func prepare(socket path: String) throws {
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            guard info.st_mode & 0o170_000 == 0o140_000 else {
                throw CommandFailure("--socket \(path) exists and is not a socket. Choose another path, or remove that file if it is not needed.")
            }
            if isListening(path) {
                throw CommandFailure("Another server listens on --socket \(path). Stop it first, or choose another path.")
            }
            unlink(path)
        }

        private static func isListening(_ path: String) -> Bool {
            let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: bytes)
                raw[bytes.count] = 0
            }
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0 }
            }
        }
    }
}
