import Foundation
import KyndigServices

/// The dashboard's sign-in sessions, kept in the server's memory: the browser holds only a random
/// 256-bit id in an HttpOnly cookie; the record here names the token it was made from (never
/// its secret) and the session's CSRF token. A session ends at sign-out, after `idle` without a
/// request, after `lifetime` in all, when its token is revoked or expires, or when the server
/// restarts (managers sign in again).
public actor DashboardSessions {
    public struct Policy: Sendable, Hashable {
        /// The longest a session lasts, however busy.
        public var lifetime: TimeInterval
        /// A session unused this long ends.
        public var idle: TimeInterval
        /// Sessions kept at most; the least recently used goes first.
        public var capacity: Int
        /// Mark cookies `Secure` even when no proxy says `X-Forwarded-Proto: https`.
        public var secureCookies: Bool

        public init(lifetime: TimeInterval = 8 * 3600, idle: TimeInterval = 30 * 60, capacity: Int = 10_000, secureCookies: Bool = false) {
            self.lifetime = lifetime
            self.idle = idle
            self.capacity = capacity
            self.secureCookies = secureCookies
        }
    }

    public struct Session: Sendable, Hashable {
        public let tokenID: String
        /// Sent back by the dashboard's forms (synchronizer token).
        public let csrfToken: String
        public let createdAt: Date
        public var lastUsedAt: Date
    }

    public nonisolated let policy: Policy
    let clock: WallClock
    private var sessions: [String: Session] = [:]

    public init(clock: WallClock, policy: Policy = Policy()) {
        self.clock = clock
        self.policy = policy
    }

    /// Opens a session for the token with `tokenID`; returns the cookie value.
    public func open(tokenID: String) -> (id: String, session: Session) {
        let now = clock.now()
        prune(now)
        if sessions.count >= policy.capacity, let oldest = sessions.min(by: { $0.value.lastUsedAt < $1.value.lastUsedAt })?.key {
            sessions[oldest] = nil
        }
        let id = Self.randomToken()
        let session = Session(tokenID: tokenID, csrfToken: Self.randomToken(), createdAt: now, lastUsedAt: now)
        sessions[id] = session
        return (id, session)
    }

    /// The live session behind a cookie value, marked as used now; nil when unknown or expired.
    public func session(id: String) -> Session? {
        let now = clock.now()
        guard var session = sessions[id] else { return nil }
        guard isLive(session, at: now) else {
            sessions[id] = nil
            return nil
        }
        session.lastUsedAt = now
        sessions[id] = session
        return session
    }

    public func close(id: String) {
        sessions[id] = nil
    }

    public var count: Int { sessions.count }

    private func isLive(_ session: Session, at now: Date) -> Bool {
        now.timeIntervalSince(session.createdAt) < policy.lifetime && now.timeIntervalSince(session.lastUsedAt) < policy.idle
    }

    private func prune(_ now: Date) {
        sessions = sessions.filter { isLive($0.value, at: now) }
    }

    /// 32 random bytes from the system's generator, base64url without padding (a cookie-safe value).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Compares two secrets in time that does not depend on where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
