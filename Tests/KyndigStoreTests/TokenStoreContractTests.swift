import Foundation
import KyndigCore
import KyndigStore
import KyndigTestSupport
import Testing

/// The token part of the storage contract, run against every backend like `StoreContractTests`.
struct TokenStoreContractTests {
    static let backends = StoreBackend.allCases

    func record(_ id: String = "0123456789ab", scope: TokenScope = .hr, expiresOn: CalendarDate? = nil) -> TokenRecord {
        TokenRecord(id: id, name: "HR nightly", scope: scope, secretHash: TokenCredential.hash("secret-\(id)"),
                    createdAt: Build.instant("2026-03-01T10:00:00Z"), createdBy: "tester", expiresOn: expiresOn)
    }

    @Test(arguments: backends)
    func aTokenRoundTripsWithItsScopeAndExpiryAndIsAudited(_ backend: StoreBackend) async throws {
        let (store, directory) = try backend.makeStore()
        defer { withExtendedLifetime(directory) {} }
        let manager = record("aaaaaaaaaaaa", scope: .manager(unitID: "MED-AKU"), expiresOn: Build.date("2026-12-31"))
        let learner = record("bbbbbbbbbbbb", scope: .learner(employeeID: "E1004"))
        try await store.createToken(manager, change: Build.change("token create"))
        try await store.createToken(learner, change: Build.change("token create", at: Build.instant("2026-03-02T10:00:00Z")))
        #expect(try await store.token(id: "aaaaaaaaaaaa") == manager)
        #expect(try await store.token(id: "nonexistent0") == nil)
        #expect(try await store.tokens().map(\.id) == ["aaaaaaaaaaaa", "bbbbbbbbbbbb"])
        let audit = try await store.auditEntries(limit: 10)
        #expect(audit.map(\.action) == [.tokenCreate, .tokenCreate])
        #expect(audit.first?.subject == "aaaaaaaaaaaa")
        #expect(audit.first?.details == ["name": "HR nightly", "scope": "manager:MED-AKU", "expires_on": "2026-12-31"])
        // Neither the secret nor its hash goes to the audit log.
        #expect(!audit.contains { $0.details.values.contains(manager.secretHash) })
        #expect(try await store.verifyAuditChain().intact)
    }

    @Test(arguments: backends)
    func revokingIsAuditedOnceAndNeverUndone(_ backend: StoreBackend) async throws {
        let (store, directory) = try backend.makeStore()
        defer { withExtendedLifetime(directory) {} }
        try await store.createToken(record(), change: Build.change())
        let at = Build.instant("2026-03-05T08:00:00Z")
        #expect(try await store.revokeToken(id: "0123456789ab", change: Build.change("token revoke", at: at)) == .revoked)
        #expect(try await store.revokeToken(id: "0123456789ab", change: Build.change("token revoke")) == .alreadyRevoked)
        #expect(try await store.revokeToken(id: "ffffffffffff", change: Build.change("token revoke")) == .notFound)
        #expect(try await store.token(id: "0123456789ab")?.revokedAt == at)
        #expect(try await store.auditEntries(limit: 10).map(\.action) == [.tokenCreate, .tokenRevoke])
    }

    @Test(arguments: backends)
    func aTokenIdIsUnique(_ backend: StoreBackend) async throws {
        let (store, directory) = try backend.makeStore()
        defer { withExtendedLifetime(directory) {} }
        try await store.createToken(record(), change: Build.change())
        await #expect(throws: (any Error).self) { try await store.createToken(record(), change: Build.change()) }
        #expect(try await store.auditEntries(limit: 10).count == 1)
    }
}
