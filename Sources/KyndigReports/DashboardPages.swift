public import KyndigCore
import Mustache

/// The dashboard's own pages around the report (`kyndig serve`): the sign-in form. Same
/// templates folder and style as the report; every value is escaped by the template.
public enum DashboardPages {
    /// The sign-in form.
    /// - Parameters:
    ///   - action: where the form posts (`/api/v1/dashboard/sign-in`).
    ///   - csrfToken: the value the hidden field sends back, matched against the cookie.
    ///   - message: why the previous attempt failed, if it did.
    /// - Throws: `HTMLReport.Problem` when the templates are missing from the installation.
    public static func signIn(language: Language, action: String, csrfToken: String, message: String? = nil) throws -> String {
        let library = try HTMLReport.templates()
        let page = SignInPage(language: language, action: action, csrfToken: csrfToken, message: message)
        guard let html = library.render(page, withTemplate: "sign-in") else {
            throw HTMLReport.Problem(description: "The HTML template 'sign-in' is missing. Reinstall Kyndig.")
        }
        return html
    }
}

struct SignInPage {
    let lang: String
    let title: String
    let intro: String
    let tokenLabel: String
    let submit: String
    let footer: String
    let action: String
    let csrfToken: String
    let message: String?

    init(language: Language, action: String, csrfToken: String, message: String?) {
        lang = language.rawValue
        self.action = action
        self.csrfToken = csrfToken
        self.message = message
        switch language {
        case .nb:
            title = "Logg inn på dashbordet"
            intro = "Lim inn tokenet du fikk av Kyndig-administratoren (kyndig token create --scope manager:ENHET). Du ser rapporten for din enhet og enhetene under den."
            tokenLabel = "Token"
            submit = "Logg inn"
            footer = "Økten varer i høyst åtte timer og avsluttes etter en halv time uten bruk."
        case .en:
            title = "Sign in to the dashboard"
            intro = "Paste the token your Kyndig administrator gave you (kyndig token create --scope manager:UNIT). You will see the report of your unit and the units below it."
            tokenLabel = "Token"
            submit = "Sign in"
            footer = "A session lasts at most eight hours and ends after half an hour without use."
        }
    }
}
