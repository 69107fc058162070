import Foundation
import Hummingbird
import HummingbirdTesting
import KyndigServer
import KyndigTestSupport
import Logging
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Slow and idle clients on a real socket: neither holds a connection or a handler for long.
struct TimeoutTests {
    /// A server on a free loopback port with a 1-second idle timeout and body deadline.
    static func withServer(_ body: @escaping @Sendable (Int, ServerFixture) async throws -> Void) async throws {
        let base = try await ServerFixture.make()
        let environment = ServerEnvironment(
            store: base.store, catalog: base.catalog, clock: base.environment.clock, searchIndex: base.environment.searchIndex,
            openAPISpec: base.environment.openAPISpec, limits: .init(bodyTimeout: .seconds(1)))
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.idleTimeout = .seconds(1)
        let app = KyndigServer.buildApplication(environment, configuration: configuration, logger: Logger(label: "test"))
        try await app.test(.live) { client in try await body(try #require(client.port), base) }
    }

    @Test func anIdleConnectionIsClosed() async throws {
        try await Self.withServer { port, _ in
            let started = ContinuousClock.now
            // Sends nothing; reads until the server closes.
            let reply = try await RawClient.exchange(port: port, send: [])
            #expect(reply.isEmpty)
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }

    @Test func aTrickledRequestHeadIsClosedUnanswered() async throws {
        try await Self.withServer { port, _ in
            let reply = try await RawClient.exchange(port: port, send: [("GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\n", 0)], thenWait: 3)
            #expect(reply.isEmpty)
        }
    }

    @Test func aBodyThatDoesNotArriveInTimeIs408() async throws {
        try await Self.withServer { port, fixture in
            let token = try #require(fixture.tokens["learner:E1"])
            let head = "POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
            // The head and a first part of the body, then a drip well inside the idle timeout.
            let reply = try await RawClient.exchange(port: port, send: [(head + #"{"question": "#, 0), ("\"", 0.6), ("a", 0.6), ("b", 0.6)])
            #expect(reply.hasPrefix("HTTP/1.1 408"), "\(reply.prefix(200))")
            #expect(reply.contains("body-timeout"))
        }
    }
}

/// A blocking TCP client on a thread of its own: sends pieces with pauses, then reads until the
/// server closes the connection (or 10 seconds pass).
enum RawClient {
    static func exchange(port: Int, send pieces: [(String, Double)], thenWait: Double = 0) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try run(port: port, pieces: pieces, thenWait: thenWait) })
            }
        }
    }

    struct Failure: Error {}

    private static func run(port: Int, pieces: [(String, Double)], thenWait: Double) throws -> String {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure() }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure() }
        for (text, pause) in pieces {
            if pause > 0 { Thread.sleep(forTimeInterval: pause) }
            _ = text.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        }
        if thenWait > 0 { Thread.sleep(forTimeInterval: thenWait) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
