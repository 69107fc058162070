public import Foundation
public import KyndigCore
public import KyndigSearch
public import KyndigServices
import KyndigStore

/// `LearnerService` over the HTTP API of `kyndig serve`, for the learner a `learner:` token names:
/// the same tutor, with the rules, the records and the search index on the server. Nothing here
/// decides anything; every call is one request.
///
/// Errors: a problem document becomes `LearnerServiceFailure` with its `detail` (the server's own
/// words), except the two the tutor acts on: a busy database (`StoreError.busy`, tried again) and
/// an attempt closed meanwhile (`QuizProblem.attemptClosed`, whose result the tutor then shows).
public struct RemoteLearnerService: LearnerService {
    public let person: Person
    let client: APIClient

    /// Connects as the learner `token` names (on a Unix socket without a token: the OS user),
    /// reading who that is from `GET /me/status`.
    /// - Parameter server: the address of `kyndig serve` (`http://host:8080`, `unix:/run/kyndig.sock`;
    ///   see `ClientSetup.server`).
    /// - Throws: `LearnerServiceFailure` saying why (server down, token refused, not a learner token).
    public static func connect(server: URL, token: String?, timeout: TimeInterval = 30) async throws -> RemoteLearnerService {
        let client = APIClient(server: server, token: token, timeout: timeout)
        let overview: LearnerOverview = try await call(client, nil) { try await client.get("me/status") }
        return RemoteLearnerService(person: overview.person, client: client)
    }

    public func course() async throws -> Catalog {
        try await Self.call(client, nil) { try await RemoteCourse.load(client) }
    }

    public func overview() async throws -> LearnerOverview {
        try await call { try await client.get("me/status") }
    }

    public func openQuizzes() async throws -> [QuizState] {
        try await call { try await client.get("me/attempts") }
    }

    struct StartQuiz: Encodable {
        let moduleID: String
        let lang: Language

        enum CodingKeys: String, CodingKey {
            case moduleID = "module_id"
            case lang
        }
    }

    public func quiz(moduleID: String, language: Language) async throws -> QuizState {
        try await call { try await client.post("me/attempts", json: StartQuiz(moduleID: moduleID, lang: language)) }
    }

    public func quiz(attemptID: String) async throws -> QuizState {
        try await call(attemptID) { try await client.get("me/attempts/\(APIClient.segment(attemptID))") }
    }

    struct AnswerBody: Encodable {
        let position: Int
        let chosen: [Int]
    }

    public func answer(attemptID: String, position: Int, chosen: Set<Int>) async throws -> AnswerFeedback {
        try await call(attemptID) {
            try await client.post("me/attempts/\(APIClient.segment(attemptID))/answers", json: AnswerBody(position: position, chosen: chosen.sorted()))
        }
    }

    public func finish(attemptID: String) async throws -> QuizOutcome {
        try await call(attemptID) { try await client.post("me/attempts/\(APIClient.segment(attemptID))/finish") }
    }

    struct Question: Encodable {
        let question: String
        let lang: Language
    }

    public func ask(_ question: String, language: Language) async throws -> Answer {
        try await call { try await client.post("ask", json: Question(question: question, lang: language)) }
    }

    // MARK: - Problems

    private func call<T>(_ attemptID: String? = nil, _ body: () async throws -> T) async throws -> T {
        try await Self.call(client, attemptID, body)
    }

    /// Runs `body`, turning a problem document into what the tutor acts on or shows.
    private static func call<T>(_ client: APIClient, _ attemptID: String?, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let problem as APIClient.Problem {
            throw translated(problem, attemptID: attemptID, server: client.server)
        }
    }

    static func translated(_ problem: APIClient.Problem, attemptID: String?, server: URL) -> any Error {
        switch (problem.kind, attemptID) {
        case ("busy", _): return StoreError.busy(path: server.absoluteString)
        case let ("attempt-closed", id?): return QuizProblem.attemptClosed(id)
        default: return LearnerServiceFailure(problem.detail, transient: problem.status >= 500 || problem.status == 429)
        }
    }
}
