public import Foundation
public import KyndigCore

/// An API token as stored: never its secret, only the secret's SHA-256 hash.
public struct TokenRecord: Sendable, Hashable, Codable {
    /// The public part of the token (`kyndig_<id>_…`), what `token list` and `token revoke` use.
    public let id: String
    /// What the token is for, as its creator named it ("HR nightly export").
    public let name: String
    public let scope: TokenScope
    /// SHA-256 (hex) of the secret.
    public let secretHash: String
    public let createdAt: Date
    /// Who created it (the OS user of `kyndig token create`).
    public let createdBy: String
    /// The first day (in the organisation's time zone) the token no longer works; nil: no expiry.
    public let expiresOn: CalendarDate?
    /// Set once the token is revoked; a revoked token never works again.
    public let revokedAt: Date?

    public init(
        id: String, name: String, scope: TokenScope, secretHash: String, createdAt: Date, createdBy: String,
        expiresOn: CalendarDate?, revokedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.scope = scope
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.expiresOn = expiresOn
        self.revokedAt = revokedAt
    }
}

/// What became of a revocation.
public enum TokenRevocation: String, Sendable, Hashable, Codable {
    case revoked
    /// It was revoked before; nothing changed and nothing was audited.
    case alreadyRevoked = "already_revoked"
    case notFound = "not_found"
}

/// API tokens: created, listed, looked up by id, revoked. Every change is audited.
public protocol TokenStore: Sendable {
    /// Stores a new token and appends a `token.create` audit entry (id, name, scope, expiry).
    func createToken(_ token: TokenRecord, change: Change) async throws
    func token(id: String) async throws -> TokenRecord?
    /// Every token, revoked or not, oldest first.
    func tokens() async throws -> [TokenRecord]
    /// Revokes the token as of `change.at` and appends a `token.revoke` audit entry.
    func revokeToken(id: String, change: Change) async throws -> TokenRevocation
}
