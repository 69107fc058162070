import Foundation
import HTTPTypes
import Hummingbird
import KyndigCore
import KyndigReports
import KyndigServices
import KyndigStore
import NIOCore

/// Responses in the documented shapes: JSON as `--json` writes it (docs/json.md), text as is.
enum Rendering {
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try DocumentedJSON.encoder(pretty: true).bytes(value))))
    }

    static func text(_ text: String, contentType: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Reading what a request sends, each mistake a 400 or 422 that says how to fix it.
extension Request {
    func query(_ name: String) -> String? {
        uri.queryParameters[Substring(name)].map(String.init)
    }

    func flag(_ name: String) throws -> Bool {
        guard let value = query(name) else { return false }
        switch value.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no", "": return false
        default: throw APIProblem.badRequest("bad-parameter", "\(name)='\(PlainText.escaped(value))' is not true or false.")
        }
    }

    func day(_ name: String) throws -> CalendarDate? {
        guard let value = query(name) else { return nil }
        guard let day = CalendarDate(iso: value) else {
            throw APIProblem.badRequest("bad-parameter", "\(name)='\(PlainText.escaped(value))' is not a date. Write it as YYYY-MM-DD.")
        }
        return day
    }

    func language(_ name: String = "lang") throws -> Language? {
        guard let value = query(name) else { return nil }
        guard let language = Language(rawValue: value) else {
            throw APIProblem.badRequest("bad-parameter", "\(name)='\(PlainText.escaped(value))' is not a language. Use nb or en.")
        }
        return language
    }

    func choice<T: RawRepresentable & CaseIterable>(_ name: String, default value: T) throws -> T where T.RawValue == String {
        guard let text = query(name) else { return value }
        guard let chosen = T(rawValue: text) else {
            throw APIProblem.badRequest("bad-parameter", "\(name)='\(PlainText.escaped(text))' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return chosen
    }

    /// The body as a value of `T` (whose keys are snake_case), at most `limit` bytes.
    func decode<T: Decodable>(_ type: T.Type, limit: Int, timeout: Duration = .seconds(30)) async throws -> T {
        let buffer = try await bodyBytes(limit: limit, timeout: timeout)
        do {
            return try DocumentedJSON.decoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIProblem.unprocessable("bad-body", "The JSON body has no '\(key.stringValue)'. See /api/v1/openapi.yaml for its fields.")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIProblem.unprocessable("bad-body", "The JSON body's '\(field)' has the wrong type. See /api/v1/openapi.yaml for its fields.")
        } catch {
            throw APIProblem.badRequest("bad-body", "The body is not JSON of the expected shape. Send Content-Type: application/json with the fields /api/v1/openapi.yaml lists.")
        }
    }

    /// The whole body, refused with 413 beyond `limit` bytes and with 408 when it has not all
    /// arrived within `timeout` (a client trickling a body holds no handler for longer).
    func bodyBytes(limit: Int, timeout: Duration = .seconds(30)) async throws -> ByteBuffer {
        let body = self.body
        do {
            return try await withThrowingTaskGroup(of: ByteBuffer.self) { group in
                group.addTask { try await body.collect(upTo: limit) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw BodyTimeout()
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        } catch is NIOTooManyBytesError {
            throw APIProblem(.contentTooLarge, type: "too-large", title: "Body too large",
                             detail: "The body is larger than the \(limit / 1024) KiB this endpoint accepts. Send a smaller one.")
        } catch is BodyTimeout {
            throw APIProblem(.requestTimeout, type: "body-timeout", title: "Body too slow",
                             detail: "The body did not arrive within \(timeout.components.seconds) seconds. Send it again over a faster connection, or in one piece.")
        }
    }
}

private struct BodyTimeout: Error {}

extension APIContext {
    /// The token `AuthMiddleware` checked; routes behind it always have one.
    var caller: TokenRecord {
        get throws {
            guard let token else { throw APITokens.Refusal.missing }
            return token
        }
    }

    /// Throws 403 unless the caller's scope may do `action`.
    func require(_ action: Access.Action) throws {
        let scope = try caller.scope
        if let denial = Access.denial(of: action, to: scope) { throw ProblemWording.describe(denial, scope: scope) }
    }

    /// Who the audit log names for a change made through the API.
    var auditActor: String {
        get throws { "token:\(try caller.id)" }
    }
}
