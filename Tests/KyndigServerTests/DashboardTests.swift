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

/// The dashboard in a browser's place: the sign-in form, its cookies sent back as a browser
/// would, the report of the manager's subtree, CSRF refusals, expiry and sign-out.
struct DashboardTests {
    /// What a browser keeps between requests: the cookies it was given, by name.
    struct Browser {
        var cookies: [String: String] = [:]

        /// Takes every `Set-Cookie` of a response; an empty value or `Max-Age=0` removes the cookie.
        mutating func take(_ response: TestResponse) {
            for field in response.headers[values: .setCookie] {
                let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard pair.count == 2 else { continue }
                if pair[1].isEmpty || field.contains("Max-Age=0") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
            }
        }

        func headers(_ extra: HTTPFields = [:]) -> HTTPFields {
            var fields = extra
            if !cookies.isEmpty { fields[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
            return fields
        }
    }

    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// The value of the hidden `csrf_token` field of a page.
    static func csrfField(_ html: String) throws -> String {
        let marker = #"name="csrf_token" value=""#
        let start = try #require(html.range(of: marker)).upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
    }

    /// Opens the sign-in form and posts `token` with the form's CSRF token, as a browser would.
    static func signIn(_ client: some TestClientProtocol, _ browser: inout Browser, token: String, extra: HTTPFields = [:]) async throws -> TestResponse {
        let form = try await client.execute(uri: "/api/v1/dashboard/sign-in", method: .get, headers: browser.headers())
        browser.take(form)
        let body = "token=\(encoded(token))&csrf_token=\(encoded(try csrfField(form.text)))"
        var headers = browser.headers(Self.form)
        headers.append(contentsOf: extra)
        let response = try await client.execute(uri: "/api/v1/dashboard/sign-in", method: .post, headers: headers, body: ByteBuffer(string: body))
        browser.take(response)
        return response
    }

    @Test func aManagerSignsInSeesTheirSubtreeWithChartsAndSignsOut() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            var browser = Browser()
            // Without a session the dashboard sends the browser to the sign-in form.
            let anonymous = try await client.execute(uri: "/api/v1/dashboard", method: .get)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/api/v1/dashboard/sign-in")

            // The form sets its CSRF cookie: HttpOnly, SameSite=Strict, not Secure over plain HTTP.
            let form = try await client.execute(uri: "/api/v1/dashboard/sign-in", method: .get)
            #expect(form.status == .ok)
            #expect(form.headers[.contentType] == "text/html; charset=utf-8")
            let csrfCookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("kyndig_csrf=") })
            #expect(csrfCookie.contains("HttpOnly") && csrfCookie.contains("SameSite=Strict") && !csrfCookie.contains("Secure"))
            #expect(form.text.contains(#"type="password""#))

            // When the manager of C signs in
            let token = try #require(fixture.tokens["manager:C"])
            let signedIn = try await Self.signIn(client, &browser, token: token)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/api/v1/dashboard")
            let sessionCookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("kyndig_session=") })
            #expect(sessionCookie.contains("HttpOnly") && sessionCookie.contains("SameSite=Strict") && sessionCookie.contains("Path=/api/v1/dashboard"))
            #expect(!sessionCookie.contains(token) && browser.cookies["kyndig_session"] != nil)
            #expect(browser.cookies["kyndig_csrf"] == nil, "the sign-in form's cookie is spent")

            // Then the dashboard is C's report with its charts: C and W, never the sibling X
            let page = try await client.execute(uri: "/api/v1/dashboard?lang=en", method: .get, headers: browser.headers())
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(page.text.contains("<h1>Clinic</h1>") && page.text.contains("Ward") && !page.text.contains("Other ward"))
            #expect(page.text.contains("chart-trend") && page.text.contains("<svg"))
            #expect(page.text.contains(#"action="/api/v1/dashboard/sign-out""#))
            #expect(!page.text.contains(token))
            // A sub-unit is allowed, the sibling is not.
            #expect(try await client.execute(uri: "/api/v1/dashboard?unit=W", method: .get, headers: browser.headers()).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/dashboard?unit=X", method: .get, headers: browser.headers()).status == .forbidden)

            // Signing out needs the session's form token.
            let forged = try await client.execute(uri: "/api/v1/dashboard/sign-out", method: .post, headers: browser.headers(Self.form),
                                                  body: ByteBuffer(string: "csrf_token=guess"))
            #expect(forged.status == .forbidden)
            let csrf = try Self.csrfField(page.text)
            let signedOut = try await client.execute(uri: "/api/v1/dashboard/sign-out", method: .post, headers: browser.headers(Self.form),
                                                     body: ByteBuffer(string: "csrf_token=\(Self.encoded(csrf))"))
            #expect(signedOut.status == .seeOther)
            #expect(signedOut.headers[.location] == "/api/v1/dashboard/sign-in")
            let stale = browser
            browser.take(signedOut)
            #expect(browser.cookies["kyndig_session"] == nil)
            // The old cookie, replayed, no longer opens the dashboard.
            #expect(try await client.execute(uri: "/api/v1/dashboard", method: .get, headers: stale.headers()).status == .seeOther)
        }
    }

    @Test func anAdminSeesTheWholeOrganisation() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            var browser = Browser()
            #expect(try await Self.signIn(client, &browser, token: fixture.tokens["admin"]!).status == .seeOther)
            let page = try await client.execute(uri: "/api/v1/dashboard", method: .get, headers: browser.headers())
            #expect(page.status == .ok)
            #expect(page.text.contains("Hospital") && page.text.contains("Other ward") && page.text.contains("Logg ut"))
        }
    }

    @Test(arguments: ["learner:E1", "hr"])
    func otherScopesDoNotOpenTheDashboard(label: String) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            var browser = Browser()
            let response = try await Self.signIn(client, &browser, token: fixture.tokens[label]!)
            #expect(response.status == .forbidden)
            #expect(response.text.contains("manager:ENHET eller admin"))
            #expect(browser.cookies["kyndig_session"] == nil)
        }
    }

    @Test func aWrongTokenIsRefusedWithoutEchoingIt() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            var browser = Browser()
            let response = try await Self.signIn(client, &browser, token: "kyndig_nope_secret-words")
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("Tokenet er ukjent") && !response.text.contains("secret-words"))
            #expect(browser.cookies["kyndig_session"] == nil)
        }
    }

    @Test func crossSiteAndTokenlessSignInsAreRefused() async throws {
        let fixture = try await ServerFixture.make()
        let token = try #require(fixture.tokens["admin"])
        try await fixture.application().test(.router) { client in
            // A form posted from another site, by Origin or by Fetch metadata.
            for extra: HTTPFields in [[.origin: "https://evil.example"], [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"]] {
                var browser = Browser()
                let response = try await Self.signIn(client, &browser, token: token, extra: extra)
                #expect(response.status == .forbidden)
                #expect(browser.cookies["kyndig_session"] == nil)
            }
            // The same site's Origin is fine.
            var browser = Browser()
            #expect(try await Self.signIn(client, &browser, token: token, extra: [.origin: "http://localhost"]).status == .seeOther)
            // A post without the form's CSRF cookie (double submit) is refused.
            let bare = try await client.execute(uri: "/api/v1/dashboard/sign-in", method: .post, headers: Self.form,
                                                body: ByteBuffer(string: "token=\(Self.encoded(token))&csrf_token=abc"))
            #expect(bare.status == .forbidden)
            #expect(bare.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("kyndig_session=") })
            // Not a form: a problem document.
            let json = try await client.execute(uri: "/api/v1/dashboard/sign-in", method: .post, headers: [.contentType: "application/json"],
                                                body: ByteBuffer(string: "{}"))
            #expect(json.status == .unsupportedMediaType)
            #expect(json.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func cookiesAreSecureBehindTLS() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            var browser = Browser()
            let response = try await Self.signIn(client, &browser, token: fixture.tokens["admin"]!, extra: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("kyndig_session=") })
            #expect(cookie.contains("Secure"))
        }
    }

    @Test func sessionsEndWhenIdleWhenOldAndWhenTheTokenIsRevoked() async throws {
        let now = Clock(ServerFixture.now)
        let base = try await ServerFixture.make()
        let environment = ServerEnvironment(store: base.store, catalog: base.catalog, clock: WallClock { now.instant },
                                            searchIndex: base.environment.searchIndex, openAPISpec: base.environment.openAPISpec)
        let sessions = DashboardSessions(clock: environment.clock, policy: .init(lifetime: 3600, idle: 600))
        let app = Application(router: KyndigServer.buildRouter(environment, sessions: sessions))
        try await app.test(.router) { client in
            func dashboard(_ browser: Browser) async throws -> HTTPResponse.Status {
                let response = try await client.execute(uri: "/api/v1/dashboard", method: .get, headers: browser.headers())
                return response.status
            }
            // Idle: 9 minutes between requests is fine, 11 are not.
            var browser = Browser()
            _ = try await Self.signIn(client, &browser, token: base.tokens["manager:C"]!)
            now.advance(540)
            #expect(try await dashboard(browser) == .ok)
            now.advance(660)
            #expect(try await dashboard(browser) == .seeOther)
            // Lifetime: used every 9 minutes, it still ends after an hour.
            browser = Browser()
            _ = try await Self.signIn(client, &browser, token: base.tokens["manager:C"]!)
            for _ in 0..<6 {
                now.advance(540)
                #expect(try await dashboard(browser) == .ok)
            }
            now.advance(540)
            #expect(try await dashboard(browser) == .seeOther)
            // Revoked: the session ends with its token.
            browser = Browser()
            _ = try await Self.signIn(client, &browser, token: base.tokens["admin"]!)
            #expect(try await dashboard(browser) == .ok)
            let id = try #require(TokenCredential(text: base.tokens["admin"]!)).id
            _ = try await environment.tokens(for: "tester").revoke(id: id, actor: "tester")
            #expect(try await dashboard(browser) == .seeOther)
        }
    }

    /// A clock the test moves.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Date

        init(_ start: Date) { value = start }

        var instant: Date {
            lock.lock()
            defer { lock.unlock() }
            return value
        }

        func advance(_ seconds: TimeInterval) {
            lock.lock()
            value += seconds
            lock.unlock()
        }
    }
}

extension ServerEnvironment {
    func tokens(for actor: String) -> APITokens { APITokens(store: store, clock: clock, policy: catalog.policy) }
}

struct ComplianceGaugeTests {
    @Test func metricsShowTheShareMetOfEachTopLevelUnitOnceRefreshed() async throws {
        let fixture = try await ServerFixture.make()
        let metrics = ServerMetrics()
        let gauges = ComplianceGauges(environment: fixture.environment, metrics: metrics)
        try await gauges.refresh()
        try await Application(router: KyndigServer.buildRouter(fixture.environment, metrics: metrics)).test(.router) { client in
            let text = try await client.execute(uri: "/api/v1/metrics", method: .get).text
            #expect(text.contains(#"kyndig_compliance_share_met{unit="H"} 0"#))
            #expect(text.contains(#"kyndig_compliance_people{unit="H"} 3"#))
            #expect(!text.contains(#"unit="C""#), "only top-level units")
            #expect(text.contains("kyndig_compliance_refreshed_timestamp_seconds"))
        }
    }
}
