import Hummingbird
import KyndigStore

/// Per-request context: Hummingbird's core storage (logger with the request id, route
/// parameters) and the token the request was authenticated with, once `AuthMiddleware` ran.
public struct APIContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthMiddleware` on every route that needs a token.
    public var token: TokenRecord?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// The request body limit when a route does not collect its own (JSON bodies are small).
    public var maxUploadSize: Int { 64 * 1024 }
}
