import Hummingbird
import NIOCore
import KyndigStore

/// Per-request context: Hummingbird's core storage (logger with the request id, route
/// parameters) and the token the request was authenticated with, once `AuthMiddleware` ran.
public struct APIContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthMiddleware` on every route that needs a token.
    public var token: TokenRecord?
    /// The connection, when it came over a Unix socket: its peer's OS user may stand in for a token.
    var unixSocket: (any Channel)?

    public init(source: Source) {
        coreContext = .init(source: source)
        if case .unixDomainSocket = source.channel.localAddress { unixSocket = source.channel }
    }

    /// The request body limit when a route does not collect its own (JSON bodies are small).
    public var maxUploadSize: Int { 64 * 1024 }
}
