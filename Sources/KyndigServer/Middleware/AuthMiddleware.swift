import HTTPTypes
import Hummingbird
import KyndigCore
import KyndigStore
import KyndigServices

/// Requires `Authorization: Bearer kyndig_…` naming a known token that is neither revoked nor
/// expired (else 401), and puts it in the context for the route to check its scope (403).
/// On a Unix socket, a request without that header acts as the learner its peer's OS user is
/// (`PeerCredentials`).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let tokens: APITokens
    let people: any PeopleStore
    let clock: WallClock

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        var context = context
        let token = if request.headers[.authorization] == nil, let socket = context.unixSocket {
            try await PeerCredentials.learnerAccess(on: socket, people: people, now: clock.now())
        } else {
            try await tokens.authenticate(authorization: request.headers[.authorization])
        }
        context.token = token
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // Worded here rather than by `RequestMiddleware`, so a refused request's log line still names the scope.
            guard let problem = ProblemWording.problem(for: error) else { throw error }
            response = try problem.response(from: request, context: context)
        }
        response.headers[.kyndigScope] = token.scope.kind
        return response
    }
}
