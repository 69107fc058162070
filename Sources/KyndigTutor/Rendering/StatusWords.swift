import KyndigCore

/// How a requirement's status and its reasons read in bokmål and English, for every front end
/// that shows them (the tutor, `kyndig status`).
public struct StatusWords: Sendable {
    public let language: Language
    let catalog: Catalog

    public init(language: Language, catalog: Catalog) {
        self.language = language
        self.catalog = catalog
    }

    private func pick(_ nb: String, _ en: String) -> String { language == .nb ? nb : en }

    public func state(_ state: RequirementStatus.State) -> String { Self.state(state, in: language) }

    /// The one wording of each status, for the tutor and the commands alike.
    public static func state(_ state: RequirementStatus.State, in language: Language) -> String {
        let nb = language == .nb
        switch state {
        case .met: return nb ? "oppfylt" : "met"
        case .inProgress: return nb ? "påbegynt" : "in progress"
        case .notStarted: return nb ? "ikke startet" : "not started"
        case .overdue: return nb ? "forfalt" : "overdue"
        }
    }

    /// "role Clinician", "AI system triage (High-risk)": names from the catalog in the language.
    public func reason(_ reason: RequirementReason) -> String {
        switch reason {
        case let .role(id):
            pick("rolle", "role") + " " + (catalog.role(id)?.name[language] ?? id)
        case let .system(systemID, contextID):
            pick("KI-system", "AI system") + " \(systemID) (" + (catalog.context(contextID)?.name[language] ?? contextID) + ")"
        }
    }

    public var module: String { pick("modul", "module") }
    public var status: String { pick("status", "status") }
    public var due: String { pick("frist", "due") }
    public var why: String { pick("hvorfor", "why") }
    public var unit: String { pick("Enhet", "Unit") }
    public var roles: String { pick("Roller", "Roles") }
    public var inactive: String { pick("ikke lenger aktiv", "inactive") }
    public func met(_ count: Int, of total: Int) -> String { pick("Krav oppfylt: \(count) av \(total)", "Requirements met: \(count) of \(total)") }
}
