import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KyndigCore
import KyndigServices

/// The Kyndig HTTP API as a learner's client sees it: bearer token, JSON in the documented shape
/// (docs/json.md), problem documents turned into `LearnerServiceFailure` in the server's own words,
/// and a server that cannot be reached said with its address.
///
/// Foundation's `URLSession` (libcurl on Linux) rather than async-http-client: it comes with the
/// toolchain, so the client costs no extra dependency to build (see docs/api.md).
struct APIClient: Sendable {
    /// The server's address as the learner gave it (`http://host:8080`, `unix:/run/kyndig.sock`), for messages.
    let server: URL
    /// `server` + `/api/v1` (`http://localhost/api/v1` on a Unix socket, for the request target).
    let base: URL
    /// The Unix socket `kyndig serve --socket` listens on; nil for HTTP over TCP.
    let socket: String?
    /// Nil on a Unix socket without a token: the server knows the OS user.
    let token: String?
    let session: URLSession
    let timeout: TimeInterval

    /// - Parameter timeout: seconds to wait for an answer to one request.
    init(server: URL, token: String?, timeout: TimeInterval = 30) {
        self.server = server
        if server.scheme == "unix" {
            socket = server.path
            base = URL(string: "http://localhost/api/v1")!
        } else {
            socket = nil
            base = server.appendingPathComponent("api/v1")
        }
        self.token = token
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        self.session = URLSession(configuration: configuration, delegate: RefusingRedirects(), delegateQueue: nil)
    }

    /// A redirect is not followed: the bearer token goes only to the address the learner gave.
    final class RefusingRedirects: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
            completionHandler: @escaping @Sendable (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }

    /// A problem document (RFC 9457) the server answered with.
    struct Problem: Error, Sendable, Hashable {
        let status: Int
        /// The last part of its `type` URI (`attempt-closed`).
        let kind: String
        let detail: String
    }

    private struct ProblemDocument: Decodable {
        let type: String?
        let detail: String?
        let status: Int?
    }

    enum Method: String { case get = "GET", post = "POST" }

    /// `GET`s and decodes the answer as `T`.
    /// - Parameters:
    ///   - path: below `/api/v1`, already percent-encoded where needed (`me/attempts/ID/answers`).
    ///   - query: query items (`lang=en`).
    /// - Throws: `Problem` for a problem document; `LearnerServiceFailure` when the server cannot
    ///   be reached or answers something that is not the API's.
    func get<T: Decodable>(_ path: String, query: [URLQueryItem] = [], as type: T.Type = T.self) async throws -> T {
        try await send(.get, path, query: query, body: nil)
    }

    /// `post` with a JSON body.
    func post<T: Decodable>(_ path: String, json: some Encodable, as type: T.Type = T.self) async throws -> T {
        try await send(.post, path, query: [], body: try JSONEncoder().encode(json))
    }

    /// `post` without a body.
    func post<T: Decodable>(_ path: String, as type: T.Type = T.self) async throws -> T {
        try await send(.post, path, query: [], body: nil)
    }

    private func send<T: Decodable>(_ method: Method, _ path: String, query: [URLQueryItem], body: Data?) async throws -> T {
        // `path` is percent-encoded already (`segment`): appended as it is, never encoded twice.
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false)!
        components.percentEncodedPath += "/" + path
        if !query.isEmpty { components.queryItems = query }
        var headers = [("Accept", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let what = "\(method.rawValue) /api/v1/\(path)"
        let (data, status, location) = try await exchange(method, components, headers: headers, body: body, what: what)
        if (300..<400).contains(status) {
            let location = location.map { " to \($0)" } ?? ""
            throw LearnerServiceFailure(
                "The server at \(server.absoluteString) redirects \(what)\(location); your token is not sent on. Give the address of kyndig serve itself as --server (or KYNDIG_SERVER).",
                transient: false)
        }
        guard (200..<300).contains(status) else {
            if let document = try? JSONDecoder().decode(ProblemDocument.self, from: data), let detail = document.detail {
                // The server's words go to a terminal: no control characters or escape sequences.
                throw Problem(status: status, kind: document.type.map { String($0.split(separator: "/").last ?? "") } ?? "",
                              detail: PlainText.escaped(detail))
            }
            throw LearnerServiceFailure(
                "The server at \(server.absoluteString) answered \(what) with HTTP \(status) and no explanation Kyndig gives. Check that --server (or KYNDIG_SERVER) is the address of kyndig serve.",
                transient: status >= 500)
        }
        do {
            return try ResponseJSON.decoder().decode(T.self, from: data)
        } catch {
            throw LearnerServiceFailure(
                "The server at \(server.absoluteString) answered \(what) in a form this kyndig cannot read (\(error)). Check that the server runs the same Kyndig version as this terminal.",
                transient: false)
        }
    }

    /// One request over TCP (URLSession) or the Unix socket: the body, the status and any Location.
    private func exchange(
        _ method: Method, _ components: URLComponents, headers: [(String, String)], body: Data?, what: String
    ) async throws -> (Data, Int, String?) {
        if let socket {
            let target = components.percentEncodedPath + (components.percentEncodedQuery.map { "?\($0)" } ?? "")
            do {
                let response = try await UnixSocketHTTP.exchange(
                    socket: socket, method: method.rawValue, target: target, headers: headers, body: body, timeout: timeout)
                return (response.body, response.status, response.headers["location"])
            } catch let failure as UnixSocketHTTP.Failure {
                throw unreachable(reason: failure.reason)
            } catch is UnixSocketHTTP.Malformed {
                throw LearnerServiceFailure("The socket \(socket) answered \(what) with something that is not HTTP. Check that kyndig serve --socket listens there.", transient: true)
            }
        }
        var request = URLRequest(url: components.url!)
        request.httpMethod = method.rawValue
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let exchanged: (Data, URLResponse)
        do {
            exchanged = try await session.data(for: request)
        } catch let error as URLError {
            throw unreachable(error)
        }
        guard let http = exchanged.1 as? HTTPURLResponse else {
            throw LearnerServiceFailure("The Kyndig server at \(server.absoluteString) gave no HTTP answer to \(what). Check the address (--server or KYNDIG_SERVER).", transient: true)
        }
        return (exchanged.0, http.statusCode, http.value(forHTTPHeaderField: "Location"))
    }

    /// The server cannot be reached: what happened, the address, and what to check.
    func unreachable(_ error: URLError) -> LearnerServiceFailure {
        let reason = switch error.code {
        case .cannotConnectToHost: "nothing answers at that address (connection refused)"
        case .timedOut: "no answer within \(Int(timeout)) seconds"
        case .cannotFindHost, .dnsLookupFailed: "the host name is not known"
        case .networkConnectionLost: "the connection was lost"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid:
            "the secure connection failed (check the certificate)"
        default: error.localizedDescription
        }
        return unreachable(reason: reason)
    }

    func unreachable(reason: String) -> LearnerServiceFailure {
        LearnerServiceFailure(
            "Cannot reach the Kyndig server at \(server.absoluteString): \(reason). Check the address (--server or KYNDIG_SERVER) and that kyndig serve runs there; answers you gave are saved on the server.",
            transient: true)
    }

    /// `id` as one path segment.
    static func segment(_ id: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }
}

/// Reading the API's documents: `DocumentedJSON` writes `employeeID` as `employee_id` and
/// `roleIDs` as `role_ids`, which Foundation's `convertFromSnakeCase` would read back as
/// `employeeId`; this reads them back as the Swift names they came from.
enum ResponseJSON {
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.keyDecodingStrategy = .custom { path in CamelCaseKey(snake: path.last!.stringValue) }
        return decoder
    }
}

/// `employee_id` → `employeeID`, `role_ids` → `roleIDs`, `sections_to_reread` →
/// `sectionsToReread`; keys without an underscore or starting with one (`_0`) stay as they are.
struct CamelCaseKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(snake: String) {
        guard snake.contains("_"), !snake.hasPrefix("_") else {
            stringValue = snake
            return
        }
        let parts = snake.split(separator: "_", omittingEmptySubsequences: false)
        stringValue = String(parts[0]) + parts.dropFirst().map { part in
            switch part {
            case "id": "ID"
            case "ids": "IDs"
            default: part.prefix(1).uppercased() + part.dropFirst()
            }
        }.joined()
    }

    init?(stringValue: String) { self.init(snake: stringValue) }
    init?(intValue: Int) { nil }
}
