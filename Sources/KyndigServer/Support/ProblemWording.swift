import HTTPTypes
import Hummingbird
import KyndigCore
import KyndigServices
import KyndigStore

/// The words an API client reads for an error from a lower layer, with what to do: the HTTP
/// counterpart of the terminal's `ErrorWording`. Lower layers report what happened as data; only
/// here is it given a status and a sentence for the API.
enum ProblemWording {
    /// The problem document for `error`, or nil for an error nobody expected (a 500).
    static func problem(for error: any Error) -> APIProblem? {
        switch error {
        case let problem as APIProblem: problem
        case let refusal as APITokens.Refusal: describe(refusal)
        case let problem as QuizProblem: describe(problem)
        case let problem as ComplianceReporting.Problem: describe(problem)
        case let HRExports.Problem.cursorAhead(given, newest):
            .badRequest("cursor-ahead", "Cursor \(given) is beyond the newest change in this database (\(newest)). Use the cursor the previous export returned in Kyndig-Next-Cursor, or leave out since for everything.")
        case let problems as Problems:
            .unprocessable("invalid-file", "\(problems.items.count) problem\(problems.items.count == 1 ? "" : "s") in the uploaded file; nothing was changed. Fix the rows listed in errors and send the file again.", errors: problems.items)
        case let refusal as ImportRefusal: describe(refusal)
        case is NoSearchIndex:
            APIProblem(.serviceUnavailable, type: "no-search-index", title: "Questions cannot be answered now",
                       detail: "The server has no search index. An administrator builds it with kyndig sync (the same --db) and restarts kyndig serve.")
        case let error as StoreError: describe(error)
        case let error as HTTPError:
            APIProblem(error.status, type: "http-\(error.status.code)", title: error.status.reasonPhrase,
                       detail: error.body ?? defaultDetail(error.status))
        case let error as any HTTPResponseError:
            APIProblem(error.status, type: "http-\(error.status.code)", title: error.status.reasonPhrase, detail: defaultDetail(error.status))
        default: nil
        }
    }

    static func defaultDetail(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "No such endpoint. The API is described at /api/v1/openapi.yaml."
        case .methodNotAllowed: "This endpoint does not take that method. The API is described at /api/v1/openapi.yaml."
        case .contentTooLarge: "The request body is larger than this endpoint accepts. Send a smaller body, or ask the administrator to raise the limit."
        case .badRequest: "The request is malformed. Check it against /api/v1/openapi.yaml."
        default: status.reasonPhrase
        }
    }

    static func describe(_ refusal: APITokens.Refusal) -> APIProblem {
        let detail = switch refusal {
        case .missing: "This endpoint needs a token: send 'Authorization: Bearer TOKEN'. An administrator creates one with kyndig token create --scope SCOPE."
        case .malformed: "The Authorization header is not 'Bearer kyndig_…'. Send the token exactly as kyndig token create printed it."
        case .unknown: "The token is not known. Check that you copied all of it, or ask an administrator for a new one (kyndig token create)."
        case .revoked: "The token was revoked. Ask an administrator for a new one (kyndig token create)."
        case let .expired(on): "The token expired on \(on). Ask an administrator for a new one (kyndig token create)."
        }
        return APIProblem(.unauthorized, type: "unauthenticated", title: "Not signed in", detail: detail)
    }

    static func describe(_ denial: Access.Denial, scope: TokenScope) -> APIProblem {
        switch denial {
        case let .wrongKind(needed):
            APIProblem(.forbidden, type: "wrong-scope", title: "Not allowed with this token",
                       detail: "A \(scope.kind) token cannot use this endpoint; it needs a token with scope \(needed.joined(separator: " or ")).",
                       extra: ["allowed_scopes": needed.joined(separator: " ")])
        case let .outsideUnit(managed):
            APIProblem(.forbidden, type: "outside-unit", title: "Not allowed with this token",
                       detail: "This token reads unit '\(managed)' and the units below it only. Ask for one of those, or for a token of the unit above.")
        }
    }

    static func describe(_ problem: QuizProblem) -> APIProblem {
        switch problem {
        case let .unknownModule(id):
            .notFound("unknown-module", "No module '\(id)'. GET /api/v1/modules lists them.")
        case let .noQuizPool(moduleID, language):
            .notFound("no-quiz", "Module '\(moduleID)' has no quiz in \(language.rawValue). Try the other language.")
        case let .unknownAttempt(id), let .notYourAttempt(id):
            // Someone else's attempt is reported as not found: its existence is not the caller's business.
            .notFound("unknown-attempt", "You have no quiz attempt '\(id)'. Start or resume one with POST /api/v1/me/attempts.")
        case let .positionOutOfRange(position):
            .unprocessable("position-out-of-range", "This quiz has no question at position \(position). Positions count from 0, as in the attempt's questions.")
        case let .invalidChoice(position):
            .unprocessable("invalid-choice", "The answer to question \(position) is not valid: give at least one option position (from 0) that the question shows, and only one unless the question allows several.")
        case let .attemptClosed(id):
            .conflict("attempt-closed", "Quiz attempt '\(id)' is already closed. Start a new one with POST /api/v1/me/attempts.")
        case let .moduleChanged(id):
            .conflict("module-changed", "The module changed since quiz attempt '\(id)' began, so it was closed without a result. Start the quiz again with POST /api/v1/me/attempts.")
        case let .unanswered(positions):
            .conflict("unanswered", "Questions at positions \(positions.map(String.init).joined(separator: ", ")) are not answered yet. Answer them, then finish.")
        }
    }

    static func describe(_ problem: ComplianceReporting.Problem) -> APIProblem {
        switch problem {
        case let .unknownUnit(id, suggestion):
            .notFound("unknown-unit", "No active unit '\(id)'.\(suggestion.map { " Did you mean '\($0)'?" } ?? "") Unit ids are those of the roster.", suggestion: suggestion)
        }
    }

    static func describe(_ refusal: ImportRefusal) -> APIProblem {
        switch refusal {
        case let .tooManyDeactivated(deactivated, active, maxShare):
            .conflict("too-many-deactivated", "Nothing was imported: this full roster would deactivate \(deactivated) of \(active) active people, more than the \(Int((maxShare * 100).rounded())) % allowed. If the export is truncated, export it again; to see who, send it with dry_run=true; if they really left, send it with force=true (or raise max_deactivate).")
        case let .nobodyLeft(deactivated):
            .conflict("nobody-left", "Nothing was imported: this full roster has no people, so it would deactivate all \(deactivated) active people. Export the roster again, or send it with force=true if the organisation really is empty.")
        case let .noSystemsLeft(removed):
            .conflict("no-systems-left", "Nothing was imported: this register lists no AI systems, so it would remove all \(removed). If that is what you mean, send it with force=true.")
        }
    }

    static func describe(_ error: StoreError) -> APIProblem {
        switch error.code {
        case .busy:
            APIProblem(.serviceUnavailable, type: "busy", title: "Busy",
                       detail: "The database is busy with another writer; nothing was changed. Try again in a few seconds.")
        case .unknownAttempt:
            .notFound("unknown-attempt", "You have no quiz attempt '\(error.attemptID ?? "")'.")
        case .damagedRow:
            APIProblem(.internalServerError, type: "damaged-record", title: "Damaged record",
                       detail: "The database holds a damaged record; nothing was changed. Tell the Kyndig administrator, quoting the request id.")
        case .notFound, .cannotOpen, .newerSchema, .outdatedSchema:
            APIProblem(.serviceUnavailable, type: "database-unavailable", title: "Database unavailable",
                       detail: "The server cannot use its database. Tell the Kyndig administrator, quoting the request id.")
        }
    }
}
