import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 exchange over a Unix socket (`kyndig serve --socket PATH`), which URLSession
/// cannot reach: connect, send the request with `Connection: close`, read to the end, parse.
/// The blocking calls run on a Dispatch queue, never on Swift concurrency's few threads.
enum UnixSocketHTTP {
    struct Response {
        let status: Int
        /// Header fields, names in lower case.
        let headers: [String: String]
        let body: Data
    }

    /// Why the exchange failed, as errno says.
    struct Failure: Error {
        let operation: String
        let code: Int32

        var reason: String {
            switch code {
            case ENOENT: "there is no socket at that path"
            case ECONNREFUSED: "nothing listens on that socket (connection refused)"
            case EACCES: "you may not open that socket (permission denied)"
            case EAGAIN, ETIMEDOUT: "no answer in time"
            default: "\(operation): \(String(cString: strerror(code)))"
            }
        }
    }

    struct Malformed: Error {}

    static func exchange(
        socket path: String, method: String, target: String, headers: [(String, String)], body: Data?, timeout: TimeInterval
    ) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try blockingExchange(path, method, target, headers, body, timeout) })
            }
        }
    }

    private static func blockingExchange(
        _ path: String, _ method: String, _ target: String, _ headers: [(String, String)], _ body: Data?, _ timeout: TimeInterval
    ) throws -> Response {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(operation: "socket", code: errno) }
        defer { close(fd) }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw Failure(operation: "connect", code: ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { throw Failure(operation: "connect", code: errno) }

        var head = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body?.count ?? 0)\r\n\r\n"
        var request = Data(head.utf8)
        if let body { request.append(body) }
        try request.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let count = send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                guard count > 0 else { throw Failure(operation: "send", code: errno) }
                sent += count
            }
        }

        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 { break }
            guard count > 0 else { throw Failure(operation: "recv", code: errno) }
            received.append(contentsOf: buffer[0..<count])
        }
        return try parse(received)
    }

    /// Status line, header fields, and the body (by Content-Length, chunked, or to the end).
    static func parse(_ data: Data) throws -> Response {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)),
              let head = String(data: data[..<end.lowerBound], encoding: .utf8)
        else { throw Malformed() }
        let lines = head.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else { throw Malformed() }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            body = try dechunked(body)
        } else if let length = headers["content-length"].flatMap(Int.init), length <= body.count {
            body = body.prefix(length)
        }
        return Response(status: status, headers: headers, body: body)
    }

    private static func dechunked(_ data: Data) throws -> Data {
        var result = Data()
        var rest = data[...]
        while true {
            guard let lineEnd = rest.range(of: Data("\r\n".utf8)),
                  let sizeText = String(data: rest[..<lineEnd.lowerBound], encoding: .utf8),
                  let size = Int(sizeText.split(separator: ";").first.map(String.init) ?? "", radix: 16)
            else { throw Malformed() }
            rest = rest[lineEnd.upperBound...]
            if size == 0 { return result }
            guard rest.count >= size + 2 else { throw Malformed() }
            result.append(rest.prefix(size))
            rest = rest.dropFirst(size + 2)
        }
    }
}
