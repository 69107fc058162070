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
        case .expiringSoon: return nb ? "utløper snart" : "expiring soon"
        case .inProgress: return nb ? "påbegynt" : "in progress"
        case .notStarted: return nb ? "ikke startet" : "not started"
        case .overdue: return nb ? "forfalt" : "overdue"
        case .expired: return nb ? "utløpt" : "expired"
        case .exempt: return nb ? "fritatt" : "exempt"
        }
    }

    /// Which rule decided the status, in one line: "passed 1.2 on 2025-03-04, valid 24 months,
    /// expires 2027-03-04".
    public func explain(_ status: RequirementStatus, validityMonths: Int) -> String {
        if let exemption = status.exemption {
            let until = exemption.until.map { pick(" til og med \($0)", " until \($0)") } ?? ""
            return pick("fritatt\(until) av \(exemption.approver): \(exemption.reason)", "exempt\(until) by \(exemption.approver): \(exemption.reason)")
        }
        // The newest evidence explains the expiry: an attested measure when it is newer than any pass.
        if let attested = status.attestation, let expires = status.expiresOn,
           status.completion.map({ $0.passedOn <= attested.attestedOn }) ?? true {
            let name = catalog.measure(attested.measureID)?.name[language] ?? attested.measureID
            let took = pick("gjennomført «\(name)» \(attested.attestedOn), bekreftet av \(attested.attestedBy), gyldig \(validityMonths) mnd",
                            "took part in \"\(name)\" on \(attested.attestedOn), attested by \(attested.attestedBy), valid \(validityMonths) months")
            return status.state == .met || status.state == .expiringSoon
                ? took + pick(", utløper \(expires)", ", expires \(expires)") : took + pick(", utløpt \(expires)", ", expired \(expires)")
        }
        if let pass = status.completion, let expires = status.expiresOn {
            let passed = pick("bestått \(pass.version) \(pass.passedOn), gyldig \(validityMonths) mnd",
                              "passed \(pass.version) on \(pass.passedOn), valid \(validityMonths) months")
            // A pass that still counts is met or expiring soon; any other state means it ran out.
            return status.state == .met || status.state == .expiringSoon
                ? passed + pick(", utløper \(expires)", ", expires \(expires)") : passed + pick(", utløpt \(expires)", ", expired \(expires)")
        }
        if let voided = status.voidedCompletion {
            return pick("bestått \(voided.version) gjelder ikke for ny hovedversjon; frist \(status.dueOn)",
                        "pass of \(voided.version) does not cover the new major version; due \(status.dueOn)")
        }
        return pick("gjelder fra \(status.since)", "applies from \(status.since)")
    }

    /// "role Clinician", "AI system triage (High-risk)": names from the catalog in the language.
    public func reason(_ reason: RequirementReason) -> String {
        switch reason {
        case let .role(id):
            pick("rolle", "role") + " " + (catalog.role(id)?.name[language] ?? id)
        case let .system(systemID, contextID):
            pick("KI-system", "AI system") + " \(systemID) (" + (catalog.context(contextID)?.name[language] ?? contextID) + ")"
        case let .oversight(systemID):
            pick("kontrollansvarlig for \(systemID)", "overseer of \(systemID)")
        case let .localUnit(systemID):
            pick("lokal opplæring for KI-system \(systemID)", "local unit of AI system \(systemID)")
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
