import KyndigCore

/// The words of the HTML report in bokmål and English: written for a department head who has
/// never opened a terminal. The template reads them as `{{texts.…}}`.
struct HTMLReportTexts {
    let lang: String
    let title: String
    let wholeOrganisation: String
    let asOfLabel: String
    let howToReadHeading: String
    let howToRead: [String]
    let unitsHeading: String
    let unit: String
    let people: String
    let requirements: String
    let met: String
    let overdue: String
    let expired: String
    let expiringSoon: String
    let exempt: String
    let noRequirements: String
    let chartsHeading: String
    let unitChartTitle: String
    let mixChartTitle: String
    let trendChartTitle: String
    let trendCaption: String
    let noRequirementsYet: String
    let obligationsHeading: String
    let obligationsIntro: String
    let obligation: String
    let inForce: String
    let covered: String
    let attentionHeading: String
    let attentionIntro: String
    let noAttention: String
    let name: String
    let module: String
    let state: String
    let dueOn: String
    let moreAttention: String
    let footer: String

    static func `for`(_ language: Language) -> HTMLReportTexts {
        switch language {
        case .nb: nb
        case .en: en
        }
    }

    /// The words for a requirement's state, as the legend and the attention list show them.
    static func state(_ state: RequirementStatus.State, _ language: Language) -> String {
        let nb = language == .nb
        return switch state {
        case .met: nb ? "oppfylt" : "met"
        case .expiringSoon: nb ? "utløper snart" : "expiring soon"
        case .inProgress: nb ? "påbegynt" : "in progress"
        case .notStarted: nb ? "ikke startet" : "not started"
        case .overdue: nb ? "forfalt" : "overdue"
        case .expired: nb ? "utløpt" : "expired"
        case .exempt: nb ? "fritatt" : "exempt"
        }
    }

    static func month(_ month: Int, _ language: Language) -> String {
        let names = language == .nb
            ? ["jan.", "feb.", "mars", "april", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des."]
            : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return names[month - 1]
    }

    /// `30 November 2026` / `30. november 2026`.
    static func date(_ date: CalendarDate, _ language: Language) -> String {
        let nb = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"]
        let en = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return language == .nb ? "\(date.day). \(nb[date.month - 1]) \(date.year)" : "\(date.day) \(en[date.month - 1]) \(date.year)"
    }

    private static let nb = HTMLReportTexts(
        lang: "nb",
        title: "KI-kompetanse: etterlevelse",
        wholeOrganisation: "Hele organisasjonen",
        asOfLabel: "Status per",
        howToReadHeading: "Slik leser du rapporten",
        howToRead: [
            "Sykehuset ber alle som bruker KI-systemer eller er kontrollansvarlige for dem, om å gjennomføre bestemte kurs: tiltakene for KI-kompetanse som KI-forordningen artikkel 4 og 26 nr. 2 beskriver. Hvert slikt kurs er et krav. Tabellen over forpliktelser viser hvilke som gjelder her i dag.",
            "«Oppfylt» betyr at kravet er bestått og fortsatt gyldig, eller at personen er fritatt. En enhet teller med alle enhetene under seg.",
            "«Forfalt»: fristen har gått ut uten bestått kurs. «Utløpt»: kurset ble bestått, men gyldigheten er ute og det må tas på nytt. «Utløper snart»: fortsatt gyldig, men bør tas på nytt snart.",
            "Følg opp personene i listen «Trenger oppfølging» nederst. De kan ta kurset i Kyndig; når de består, oppdateres tallene.",
        ],
        unitsHeading: "Enheter",
        unit: "Enhet",
        people: "Personer",
        requirements: "Krav",
        met: "Oppfylt",
        overdue: "Forfalt",
        expired: "Utløpt",
        expiringSoon: "Utløper snart",
        exempt: "Fritatt",
        noRequirements: "ingen krav",
        chartsHeading: "Oversikt",
        unitChartTitle: "Andel oppfylte krav per enhet",
        mixChartTitle: "Alle krav etter status",
        trendChartTitle: "Andel oppfylte krav de siste tolv månedene",
        trendCaption: "Ett punkt per månedsslutt, det siste er rapportdatoen. Beregnet med de samme reglene som tabellen, for personene som er ansatt nå. Et krav teller fra dagen det gjelder.",
        noRequirementsYet: "ingen krav ennå",
        obligationsHeading: "Dekning per forpliktelse",
        obligationsIntro: "Andelen av personene forpliktelsen gjelder for, som har oppfylt alle kravene som hører til den.",
        obligation: "Forpliktelse",
        inForce: "Gjelder",
        covered: "Dekket",
        attentionHeading: "Trenger oppfølging",
        attentionIntro: "Personer med krav som er forfalt, utløpt eller utløper snart.",
        noAttention: "Ingen trenger oppfølging nå.",
        name: "Navn",
        module: "Kurs",
        state: "Status",
        dueOn: "Frist",
        moreAttention: "… og flere. Kjør kyndig report --format json eller kyndig export requirements for å få hele listen.",
        footer: "Laget av Kyndig. Samme tall som kyndig report --format table, csv og json.")

    private static let en = HTMLReportTexts(
        lang: "en",
        title: "AI literacy: compliance",
        wholeOrganisation: "Whole organisation",
        asOfLabel: "As of",
        howToReadHeading: "How to read this report",
        howToRead: [
            "The hospital asks everyone who uses or oversees AI systems to complete certain modules: the AI literacy measures EU AI Act Art. 4 and 26(2) describe. Each such module is a requirement. The obligations table shows which apply here today.",
            "“Met” means the module was passed and the pass is still valid, or the person is exempt. A unit counts everyone in the units below it.",
            "“Overdue”: the deadline passed without a pass. “Expired”: it was passed, but the pass is no longer valid and must be retaken. “Expiring soon”: still valid, but due for a retake.",
            "Follow up the people under “Needs attention” at the end. They take the module in Kyndig; once they pass, the numbers update.",
        ],
        unitsHeading: "Units",
        unit: "Unit",
        people: "People",
        requirements: "Requirements",
        met: "Met",
        overdue: "Overdue",
        expired: "Expired",
        expiringSoon: "Expiring soon",
        exempt: "Exempt",
        noRequirements: "no requirements",
        chartsHeading: "Overview",
        unitChartTitle: "Share of requirements met per unit",
        mixChartTitle: "All requirements by status",
        trendChartTitle: "Share of requirements met over the last twelve months",
        trendCaption: "One point per month end, the last one is the report's date. Computed by the same rules as the table, for the people employed now. A requirement counts from the day it applies.",
        noRequirementsYet: "no requirements yet",
        obligationsHeading: "Coverage per obligation",
        obligationsIntro: "Of the people an obligation applies to, the share who met every requirement serving it.",
        obligation: "Obligation",
        inForce: "Applies",
        covered: "Covered",
        attentionHeading: "Needs attention",
        attentionIntro: "People with a requirement overdue, expired or expiring soon.",
        noAttention: "Nobody needs attention now.",
        name: "Name",
        module: "Module",
        state: "Status",
        dueOn: "Due",
        moreAttention: "… and more. Run kyndig report --format json or kyndig export requirements for the full list.",
        footer: "Made by Kyndig. The same numbers as kyndig report --format table, csv and json.")
}
