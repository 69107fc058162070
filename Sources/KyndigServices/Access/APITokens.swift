public import KyndigCore
public import KyndigStore

/// API tokens: created for a scope that names a real unit or person, listed without their secrets,
/// revoked, and checked on every request. The secret is shown once, at creation; the store keeps
/// only its SHA-256 hash. "Today" is the organisation's calendar day (`policy.timeZone`).
public struct APITokens: Sendable {
    let store: any TokenStore & PeopleStore
    let clock: WallClock
    let policy: Policy
    let newCredential: @Sendable () -> TokenCredential

    /// - Parameter newCredential: where new credentials come from (random in production).
    public init(
        store: any TokenStore & PeopleStore, clock: WallClock, policy: Policy,
        newCredential: @escaping @Sendable () -> TokenCredential = {
            var generator = SystemRandomNumberGenerator()
            return TokenCredential.random(using: &generator)
        }
    ) {
        self.store = store
        self.clock = clock
        self.policy = policy
        self.newCredential = newCredential
    }

    /// A token request the rules refuse, as data; the command or the API words it.
    public enum Problem: Error, Sendable, Hashable {
        /// `manager:UNIT` names no active unit.
        case unknownUnit(String, suggestion: String?)
        /// `learner:EMPLOYEE` names nobody in the roster.
        case unknownEmployee(String)
        /// `learner:EMPLOYEE` names someone no longer active.
        case inactiveEmployee(String)
        /// An expiry on or before today would make a token that never works.
        case expiryNotInFuture(expiresOn: CalendarDate, today: CalendarDate)
    }

    /// A new token: its record, and the text to show once.
    public struct Created: Sendable, Hashable {
        public let record: TokenRecord
        /// `kyndig_<id>_<secret>`: shown once, never stored.
        public let token: String
    }

    /// Creates a token after checking that its scope names an active unit or person.
    /// - Parameter expiresOn: the first day it no longer works (nil: until revoked).
    public func create(scope: TokenScope, name: String?, expiresOn: CalendarDate?, actor: String) async throws -> Created {
        let now = clock.now()
        let today = policy.calendarDate(of: now)
        if let expiresOn, expiresOn <= today { throw Problem.expiryNotInFuture(expiresOn: expiresOn, today: today) }
        switch scope {
        case .admin, .hr: break
        case let .manager(unitID):
            let units = try await store.units().map(\.id)
            guard units.contains(unitID) else { throw Problem.unknownUnit(unitID, suggestion: Suggestion.nearest(unitID, in: units)) }
        case let .learner(employeeID):
            guard let person = try await store.person(employeeID: employeeID) else { throw Problem.unknownEmployee(employeeID) }
            guard person.active else { throw Problem.inactiveEmployee(employeeID) }
        }
        let credential = newCredential()
        let name = name?.trimmed.isEmpty == false ? name!.trimmed : scope.description
        let record = TokenRecord(
            id: credential.id, name: name, scope: scope, secretHash: credential.secretHash, createdAt: now, createdBy: actor,
            expiresOn: expiresOn)
        try await store.createToken(record, change: Change(actor: actor, at: now, source: "token create"))
        return Created(record: record, token: credential.text)
    }

    /// Every token, oldest first, with its hash but never its secret (which is not stored).
    public func list() async throws -> [TokenRecord] {
        try await store.tokens()
    }

    public func revoke(id: String, actor: String) async throws -> TokenRevocation {
        try await store.revokeToken(id: id, change: Change(actor: actor, at: clock.now(), source: "token revoke"))
    }

    /// Why a request is not authenticated. Each is a 401; the words say what to do.
    public enum Refusal: Error, Sendable, Hashable {
        case missing
        /// Not `Bearer kyndig_…`.
        case malformed
        /// No token with that id, or the secret does not match (the two are not told apart).
        case unknown
        case revoked
        case expired(on: CalendarDate)
    }

    /// The token behind an `Authorization` header value, if it is known, not revoked and not expired.
    public func authenticate(authorization: String?) async throws -> TokenRecord {
        guard let authorization, !authorization.trimmed.isEmpty else { throw Refusal.missing }
        let parts = authorization.trimmed.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
              let credential = TokenCredential(text: parts[1].trimmed)
        else { throw Refusal.malformed }
        guard let record = try await store.token(id: credential.id), credential.matches(storedHash: record.secretHash) else {
            throw Refusal.unknown
        }
        return try stillValid(record)
    }

    /// The token with `id` as it stands now, if it is neither revoked nor expired: a dashboard
    /// session made from a token ends when the token does.
    public func current(id: String) async throws -> TokenRecord {
        guard let record = try await store.token(id: id) else { throw Refusal.unknown }
        return try stillValid(record)
    }

    private func stillValid(_ record: TokenRecord) throws(Refusal) -> TokenRecord {
        if record.revokedAt != nil { throw Refusal.revoked }
        if let expiresOn = record.expiresOn, policy.calendarDate(of: clock.now()) >= expiresOn { throw Refusal.expired(on: expiresOn) }
        return record
    }
}
