import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KyndigCore
import KyndigServer
import KyndigServices
import KyndigStore
import KyndigTestSupport
import NIOCore
import Testing

/// Every scope against every endpoint, and what a token that is missing, unknown, revoked or
/// expired gets.
struct AuthorisationMatrixTests {
    struct Endpoint: Sendable, CustomStringConvertible {
        let method: HTTPRequest.Method
        let uri: String
        var body: String? = nil
        var contentType: String? = nil
        /// Expected status by scope label; `other` for the rest.
        let expected: [String: HTTPResponse.Status]
        let other: HTTPResponse.Status

        var description: String { "\(method) \(uri)" }
        func status(for label: String) -> HTTPResponse.Status { expected[label] ?? other }
    }

    static let roster = """
        employee_id,name,email,username,unit_id,unit_name,parent_unit_id,roles,start_date,manager_employee_id
        E1,Person E1,e1@example.org,kari,W,Ward,C,clinician,2025-03-01,
        E9,Ny Person,e9@example.org,ny,W,Ward,C,clinician,2026-02-01,

        """
    static let register = """
        format_version: 1
        systems:
          - id: triage
            name: Triage
            vendor: V
            purpose: P
            risk: high
            route: annex-i
            contexts: [high-risk]
            units: [W]
            roles: [clinician]
            overseers: [E1]

        """
    static let learners = ["learner:E1": HTTPResponse.Status.ok, "learner:E2": .ok]
    static let everyone = Dictionary(uniqueKeysWithValues: ServerFixture.scopes.map { ($0.label, HTTPResponse.Status.ok) })

    static let endpoints: [Endpoint] = [
        Endpoint(method: .get, uri: "/api/v1/modules", expected: everyone, other: .ok),
        Endpoint(method: .get, uri: "/api/v1/modules/basics?lang=en", expected: everyone, other: .ok),
        Endpoint(method: .get, uri: "/api/v1/roles", expected: everyone, other: .ok),
        Endpoint(method: .post, uri: "/api/v1/ask", body: #"{"question": "What is Text s1?", "lang": "en"}"#,
                 contentType: "application/json", expected: everyone, other: .ok),
        Endpoint(method: .get, uri: "/api/v1/me/status", expected: learners, other: .forbidden),
        Endpoint(method: .get, uri: "/api/v1/me/attempts", expected: learners, other: .forbidden),
        Endpoint(method: .get, uri: "/api/v1/me/attempts/no-such-attempt", expected: ["learner:E1": .notFound, "learner:E2": .notFound],
                 other: .forbidden),
        Endpoint(method: .post, uri: "/api/v1/me/attempts", body: #"{"module_id": "basics", "lang": "en"}"#,
                 contentType: "application/json", expected: ["learner:E1": .created, "learner:E2": .created], other: .forbidden),
        Endpoint(method: .post, uri: "/api/v1/me/attempts/no-such-attempt/answers", body: #"{"position": 0, "chosen": [0]}"#,
                 contentType: "application/json", expected: ["learner:E1": .notFound, "learner:E2": .notFound], other: .forbidden),
        Endpoint(method: .post, uri: "/api/v1/me/attempts/no-such-attempt/finish", expected: ["learner:E1": .notFound, "learner:E2": .notFound],
                 other: .forbidden),
        // C's manager reads C and W below it, never X beside it nor H above it.
        Endpoint(method: .get, uri: "/api/v1/units/C/report", expected: ["admin": .ok, "manager:C": .ok], other: .forbidden),
        Endpoint(method: .get, uri: "/api/v1/units/W/report?format=csv", expected: ["admin": .ok, "manager:C": .ok], other: .forbidden),
        Endpoint(method: .get, uri: "/api/v1/units/X/report?format=html&lang=en", expected: ["admin": .ok, "manager:X": .ok], other: .forbidden),
        Endpoint(method: .get, uri: "/api/v1/units/H/report", expected: ["admin": .ok], other: .forbidden),
        Endpoint(method: .get, uri: "/api/v1/units/NOPE/report", expected: ["admin": .notFound, "manager:C": .notFound, "manager:X": .notFound],
                 other: .forbidden),
        Endpoint(method: .get, uri: "/api/v1/exports/people.csv", expected: ["admin": .ok, "hr": .ok], other: .forbidden),
        Endpoint(method: .get, uri: "/api/v1/exports/completions.csv?since=0", expected: ["admin": .ok, "hr": .ok], other: .forbidden),
        Endpoint(method: .get, uri: "/api/v1/exports/requirements.csv?unit=C", expected: ["admin": .ok, "hr": .ok], other: .forbidden),
        Endpoint(method: .post, uri: "/api/v1/roster?dry_run=true", body: roster, contentType: "text/csv",
                 expected: ["admin": .ok, "hr": .ok], other: .forbidden),
        Endpoint(method: .post, uri: "/api/v1/systems?dry_run=true", body: register, contentType: "application/yaml",
                 expected: ["admin": .ok], other: .forbidden),
    ]

    static let cases: [(String, Endpoint)] = ServerFixture.scopes.flatMap { scope in endpoints.map { (scope.label, $0) } }

    @Test(arguments: cases)
    func everyScopeGetsItsStatusFromEveryEndpoint(_ label: String, _ endpoint: Endpoint) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: endpoint.uri, method: endpoint.method,
                headers: ServerFixture.headers(token: fixture.tokens[label], contentType: endpoint.contentType),
                body: endpoint.body.map { ByteBuffer(string: $0) }
            ) { response in
                #expect(response.status == endpoint.status(for: label), "\(label) \(endpoint): \(response.text)")
                if response.status.code >= 400 {
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
        }
    }

    @Test(arguments: endpoints)
    func noTokenOrAnUnknownOneIs401(_ endpoint: Endpoint) async throws {
        let fixture = try await ServerFixture.make()
        let forged = "kyndig_" + String(fixture.tokens["admin"]!.dropFirst(7).prefix(12)) + "_" + String(repeating: "0", count: 64)
        try await fixture.application().test(.router) { client in
            for token in [nil, "not-a-token", forged] {
                try await client.execute(uri: endpoint.uri, method: endpoint.method, headers: ServerFixture.headers(token: token),
                                         body: endpoint.body.map { ByteBuffer(string: $0) }) { response in
                    #expect(response.status == .unauthorized, "\(endpoint) with \(token ?? "no token")")
                    #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"kyndig\"")
                }
            }
        }
    }

    @Test func aRevokedTokenIs401AndSaysSo() async throws {
        let fixture = try await ServerFixture.make()
        let admin = try #require(fixture.tokens["admin"])
        let id = try #require(TokenCredential(text: admin)).id
        #expect(try await APITokens(store: fixture.store, clock: .fixed(ServerFixture.now), policy: fixture.catalog.policy)
            .revoke(id: id, actor: "tester") == .revoked)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/modules", method: .get, headers: ServerFixture.headers(token: admin)) { response in
                let problem = try response.json()
                #expect(response.status == .unauthorized)
                #expect(problem["detail"] as? String == "The token was revoked. Ask an administrator for a new one (kyndig token create).")
            }
        }
    }

    @Test func anExpiredTokenIs401FromItsExpiryDayOn() async throws {
        let fixture = try await ServerFixture.make()
        let tokens = APITokens(store: fixture.store, clock: .fixed(ServerFixture.now), policy: fixture.catalog.policy)
        let token = try await tokens.create(scope: .hr, name: nil, expiresOn: Build.date("2026-03-10"), actor: "tester").token
        // The evening before in Oslo it works; from the first minute of its expiry day it does not.
        // Oslo is UTC+1 in March: the 10th begins at 23:00 UTC on the 9th.
        for (instant, status) in [("2026-03-09T22:59:00Z", HTTPResponse.Status.ok), ("2026-03-09T23:00:00Z", .unauthorized),
                                  ("2026-03-20T08:00:00Z", .unauthorized)] {
            try await fixture.at(Build.instant(instant)).application().test(.router) { client in
                try await client.execute(uri: "/api/v1/exports/people.csv", method: .get, headers: ServerFixture.headers(token: token)) { response in
                    #expect(response.status == status, "at \(instant)")
                }
            }
        }
    }

    @Test func publicEndpointsNeedNoToken() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            for uri in ["/api/v1/healthz", "/api/v1/metrics", "/api/v1/openapi.yaml"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.headers[.init("Kyndig-Request-Id")!] != nil)
                }
            }
        }
    }
}
