import Foundation
import HTTPTypes
import Hummingbird
import KyndigCore
import KyndigReports
import KyndigServices
import KyndigStore
import NIOCore

/// The manager's dashboard in a browser: the HTML report (`kyndig report --format html`) of the
/// signed-in manager's unit subtree, or of the whole organisation for an admin.
///
/// Signing in exchanges a `manager:` or `admin` token, posted in a form body (never in the
/// address), for a session cookie: HttpOnly, SameSite=Strict, `Secure` behind TLS, and scoped to
/// `/api/v1/dashboard`, so the bearer-token API never reads it. Forms carry a CSRF token: the
/// sign-in form's matches a SameSite=Strict cookie set with the form (double submit), the
/// sign-out form's matches the session's (synchronizer token); POSTs whose `Origin` or
/// `Sec-Fetch-Site` says they come from another site are refused first.
struct DashboardRoutes {
    let environment: ServerEnvironment
    let sessions: DashboardSessions

    static let path = "/api/v1/dashboard"
    static let signInPath = "/api/v1/dashboard/sign-in"
    static let signOutPath = "/api/v1/dashboard/sign-out"
    static let sessionCookie = "kyndig_session"
    static let csrfCookie = "kyndig_csrf"
    /// Sign-in and sign-out forms are a few hundred bytes.
    static let formLimit = 4 * 1024

    struct SignInForm: Decodable {
        let token: String?
        let csrfToken: String?

        enum CodingKeys: String, CodingKey {
            case token
            case csrfToken = "csrf_token"
        }
    }

    struct SignOutForm: Decodable {
        let csrfToken: String?

        enum CodingKeys: String, CodingKey {
            case csrfToken = "csrf_token"
        }
    }

    func register(on group: RouterGroup<APIContext>) {
        group.get("dashboard") { request, _ in try await dashboard(request) }
        group.get("dashboard/sign-in") { request, _ in try signInForm(request, language: try request.language() ?? .nb) }
        group.post("dashboard/sign-in") { request, _ in try await signIn(request) }
        group.post("dashboard/sign-out") { request, _ in try await signOut(request) }
    }

    // MARK: - Routes

    private func dashboard(_ request: Request) async throws -> Response {
        let language = try request.language() ?? .nb
        guard let (id, session) = await liveSession(request) else { return redirect(to: Self.signInPath, request, clearSession: true) }
        let token: TokenRecord
        do {
            token = try await environment.tokens.current(id: session.tokenID)
        } catch is APITokens.Refusal {
            await sessions.close(id: id)
            return redirect(to: Self.signInPath, request, clearSession: true)
        }
        // The manager's unit, or everything for an admin; `?unit=` narrows to a unit the token may read.
        var unitID: String?
        switch token.scope {
        case .admin: unitID = nil
        case let .manager(managed): unitID = managed
        default:
            await sessions.close(id: id)
            return redirect(to: Self.signInPath, request, clearSession: true)
        }
        if let asked = request.query("unit"), asked != unitID {
            let ancestry = try await environment.store.unitAncestry(of: asked).map(\.id)
            if ancestry.isEmpty { throw ProblemWording.describe(ComplianceReporting.Problem.unknownUnit(asked, suggestion: nil)) }
            if let denial = Access.denial(of: .readUnitReport(ancestry: ancestry), to: token.scope) {
                throw ProblemWording.describe(denial, scope: token.scope)
            }
            unitID = asked
        }
        let catalog = environment.catalog
        let day = catalog.policy.calendarDate(of: environment.clock.now())
        let (report, trend) = try await ComplianceReporting(store: environment.store).report(
            unitID: unitID, catalog: catalog, asOf: day, trendDays: ComplianceTrend.days(endingOn: day), attentionLimit: 500)
        let bar = HTMLReport.SessionBar(
            signedInAs: "\(token.name) (\(token.scope))", signOutAction: Self.signOutPath, csrfToken: session.csrfToken)
        let html: String
        do {
            html = try HTMLReport.render(report, trend: trend, catalog: catalog, language: language, session: bar)
        } catch let problem as HTMLReport.Problem {
            throw APIProblem(.internalServerError, type: "templates-missing", title: "Report templates missing", detail: problem.description)
        }
        var response = page(html, status: .ok)
        response.headers[.kyndigScope] = token.scope.kind
        return response
    }

    private func signInForm(_ request: Request, language: Language, status: HTTPResponse.Status = .ok, message: String? = nil) throws -> Response {
        let csrf = DashboardSessions.randomToken()
        let html: String
        do {
            html = try DashboardPages.signIn(language: language, action: Self.signInPath + (language == .en ? "?lang=en" : ""), csrfToken: csrf, message: message)
        } catch let problem as HTMLReport.Problem {
            throw APIProblem(.internalServerError, type: "templates-missing", title: "Dashboard templates missing", detail: problem.description)
        }
        var response = page(html, status: status)
        response.setCookie(cookie(Self.csrfCookie, csrf, request, path: Self.signInPath, maxAge: 3600))
        return response
    }

    private func signIn(_ request: Request) async throws -> Response {
        let language = try request.language() ?? .nb
        let nb = language == .nb
        if isCrossSite(request) {
            return try signInForm(request, language: language, status: .forbidden, message: nb
                ? "Innloggingen kom fra et annet nettsted og ble avvist. Åpne dashbordet direkte og logg inn der."
                : "The sign-in came from another site and was refused. Open the dashboard directly and sign in there.")
        }
        let form = try await request.form(SignInForm.self, limit: Self.formLimit, timeout: environment.limits.bodyTimeout)
        guard let expected = request.cookies[Self.csrfCookie]?.value, let sent = form.csrfToken,
              DashboardSessions.constantTimeEqual(expected, sent)
        else {
            return try signInForm(request, language: language, status: .forbidden, message: nb
                ? "Skjemaet var utløpt. Lim inn tokenet på nytt."
                : "The form had expired. Paste your token again.")
        }
        let text = (form.token ?? "").trimmed
        let token: TokenRecord
        do {
            token = try await environment.tokens.authenticate(authorization: "Bearer \(text)")
        } catch let refusal as APITokens.Refusal {
            return try signInForm(request, language: language, status: .unauthorized, message: Self.wording(refusal, nb: nb))
        }
        switch token.scope {
        case .admin, .manager: break
        default:
            return try signInForm(request, language: language, status: .forbidden, message: nb
                ? "Et \(token.scope.kind)-token gir ikke tilgang til dashbordet. Det trenger et token med scope manager:ENHET eller admin."
                : "A \(token.scope.kind) token does not open the dashboard. It needs a token with scope manager:UNIT or admin.")
        }
        // A session cookie brought from before sign-in is never reused (session fixation).
        if let old = request.cookies[Self.sessionCookie]?.value { await sessions.close(id: old) }
        let (id, _) = await sessions.open(tokenID: token.id)
        var response = redirect(to: Self.path + (nb ? "" : "?lang=en"), request, clearSession: false)
        response.setCookie(cookie(Self.sessionCookie, id, request, path: Self.path, maxAge: Int(sessions.policy.lifetime)))
        response.setCookie(cookie(Self.csrfCookie, "", request, path: Self.signInPath, maxAge: 0))
        response.headers[.kyndigScope] = token.scope.kind
        return response
    }

    private func signOut(_ request: Request) async throws -> Response {
        if isCrossSite(request) {
            throw APIProblem(.forbidden, type: "cross-site", title: "Cross-site request refused",
                             detail: "The sign-out came from another site and was refused. Use the Sign out button on the dashboard.")
        }
        let form = try await request.form(SignOutForm.self, limit: Self.formLimit, timeout: environment.limits.bodyTimeout)
        if let (id, session) = await liveSession(request) {
            guard let sent = form.csrfToken, DashboardSessions.constantTimeEqual(session.csrfToken, sent) else {
                throw APIProblem(.forbidden, type: "csrf", title: "Form token does not match",
                                 detail: "The sign-out form's token does not belong to this session. Reload the dashboard and use its Sign out button.")
            }
            await sessions.close(id: id)
        }
        return redirect(to: Self.signInPath, request, clearSession: true)
    }

    // MARK: - Helpers

    private func liveSession(_ request: Request) async -> (String, DashboardSessions.Session)? {
        guard let id = request.cookies[Self.sessionCookie]?.value, !id.isEmpty, let session = await sessions.session(id: id) else { return nil }
        return (id, session)
    }

    /// A POST a browser sent from another site: `Sec-Fetch-Site` other than same-origin (or none,
    /// typed by the user); from a browser without Fetch metadata, an `Origin` that is not this
    /// server's host.
    private func isCrossSite(_ request: Request) -> Bool {
        if let site = request.headers[.secFetchSite]?.lowercased() { return site != "same-origin" && site != "none" }
        guard let origin = request.headers[.origin] else { return false }
        guard let host = request.head.authority, let separator = origin.range(of: "://") else { return true }
        return origin[separator.upperBound...].lowercased() != host.lowercased()
    }

    private func isTLS(_ request: Request) -> Bool {
        sessions.policy.secureCookies || request.head.scheme == "https" || request.headers[.forwardedProto]?.lowercased() == "https"
    }

    private func cookie(_ name: String, _ value: String, _ request: Request, path: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: path, secure: isTLS(request), httpOnly: true, sameSite: .strict)
    }

    private func redirect(to location: String, _ request: Request, clearSession: Bool) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
        if clearSession, request.cookies[Self.sessionCookie] != nil {
            response.setCookie(cookie(Self.sessionCookie, "", request, path: Self.path, maxAge: 0))
        }
        return response
    }

    /// An HTML page that is never cached, framed or allowed to load anything from elsewhere.
    private func page(_ html: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            .xFrameOptions: "DENY", .referrerPolicy: "same-origin", .xContentTypeOptions: "nosniff",
        ], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func wording(_ refusal: APITokens.Refusal, nb: Bool) -> String {
        switch refusal {
        case .missing:
            nb ? "Lim inn tokenet ditt." : "Paste your token."
        case .malformed, .unknown:
            nb ? "Tokenet er ukjent. Sjekk at du kopierte hele, eller be administratoren om et nytt (kyndig token create)."
               : "The token is not known. Check that you copied all of it, or ask the administrator for a new one (kyndig token create)."
        case .revoked:
            nb ? "Tokenet er trukket tilbake. Be administratoren om et nytt." : "The token was revoked. Ask the administrator for a new one."
        case let .expired(on):
            nb ? "Tokenet utløp \(on). Be administratoren om et nytt." : "The token expired on \(on). Ask the administrator for a new one."
        }
    }
}

extension HTTPField.Name {
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
}

extension Request {
    /// An `application/x-www-form-urlencoded` body as `T`; a body of another kind is a 400.
    func form<T: Decodable>(_ type: T.Type, limit: Int, timeout: Duration) async throws -> T {
        let contentType = headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw APIProblem(.unsupportedMediaType, type: "bad-body", title: "Unsupported body",
                             detail: "Send the form as application/x-www-form-urlencoded, as the dashboard's own form does.")
        }
        let bytes = try await bodyBytes(limit: limit, timeout: timeout)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: bytes))
        } catch {
            throw APIProblem.badRequest("bad-body", "The form body cannot be read. Use the dashboard's own form.")
        }
    }
}
