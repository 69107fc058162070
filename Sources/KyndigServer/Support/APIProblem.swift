import Foundation
import HTTPTypes
import Hummingbird
import KyndigCore
import KyndigReports
import NIOCore

/// An RFC 9457 problem document (`application/problem+json`): what went wrong and what to do,
/// in words a person can act on. Every expected failure is one of these with a 4xx status; only
/// a fault of the server itself is a 500 (also a problem document, with the request id to quote).
public struct APIProblem: HTTPResponseError, Sendable, Hashable {
    public let status: HTTPResponse.Status
    /// A stable, machine-readable kind (`tag:kyndig,2026:problem/unknown-unit`'s last part).
    public let type: String
    public let title: String
    /// What happened and what to do.
    public let detail: String
    /// Located problems of an uploaded file (roster rows, register keys).
    public let errors: [Problem]
    /// Extra members (`allowed_scopes`, `suggestion`).
    public let extra: [String: String]

    public init(_ status: HTTPResponse.Status, type: String, title: String, detail: String, errors: [Problem] = [], extra: [String: String] = [:]) {
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.errors = errors
        self.extra = extra
    }

    /// The `type` URI of a problem kind.
    public static func typeURI(_ kind: String) -> String { "https://kyndig.example/problems/\(kind)" }

    struct Document: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let instance: String
        let requestID: String
        let errors: [Problem]?
        let extra: [String: String]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: SnakeCaseKey.self)
            try container.encode(type, forKey: SnakeCaseKey("type"))
            try container.encode(title, forKey: SnakeCaseKey("title"))
            try container.encode(status, forKey: SnakeCaseKey("status"))
            try container.encode(detail, forKey: SnakeCaseKey("detail"))
            try container.encode(instance, forKey: SnakeCaseKey("instance"))
            try container.encode(requestID, forKey: SnakeCaseKey("requestID"))
            if let errors { try container.encode(errors, forKey: SnakeCaseKey("errors")) }
            for (key, value) in extra { try container.encode(value, forKey: SnakeCaseKey(key)) }
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let document = Document(
            type: Self.typeURI(type), title: title, status: Int(status.code), detail: detail, instance: request.uri.path,
            requestID: context.id, errors: errors.isEmpty ? nil : errors, extra: extra)
        let body = try DocumentedJSON.encoder(pretty: true).bytes(document)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"kyndig\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension APIProblem {
    static func badRequest(_ type: String, _ detail: String) -> APIProblem {
        APIProblem(.badRequest, type: type, title: "The request cannot be used", detail: detail)
    }

    static func notFound(_ type: String, _ detail: String, suggestion: String? = nil) -> APIProblem {
        APIProblem(.notFound, type: type, title: "Not found", detail: detail, extra: suggestion.map { ["suggestion": $0] } ?? [:])
    }

    static func unprocessable(_ type: String, _ detail: String, errors: [Problem] = []) -> APIProblem {
        APIProblem(.unprocessableContent, type: type, title: "The content cannot be used", detail: detail, errors: errors)
    }

    static func conflict(_ type: String, _ detail: String) -> APIProblem {
        APIProblem(.conflict, type: type, title: "Conflict", detail: detail)
    }
}
