import Foundation
public import KyndigCore
import Mustache

/// The compliance report as one self-contained, printable HTML page: the same numbers as the
/// table, CSV and JSON, three inline SVG charts, and a short guide for the reader. The page is
/// `Templates/report.mustache` (shared with the HTTP service later); data goes in through `{{ }}`,
/// which escapes it, and only the SVG this target draws itself goes in unescaped.
public enum HTMLReport {
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// - Parameters:
    ///   - trend: the share met on the report's trend days (`ComplianceTrend.days(endingOn:)`).
    ///   - attentionLimit: the people listed under "needs attention" (the CSV and JSON list everyone).
    ///   - session: on the dashboard (`kyndig serve`), who is signed in and the sign-out form; nil for a file.
    /// - Throws: `Problem` when the templates are missing from the installation.
    public static func render(
        _ report: ComplianceReport, trend: ComplianceTrend, catalog: Catalog, language: Language, attentionLimit: Int = 500,
        session: SessionBar? = nil
    ) throws -> String {
        let library = try templates()
        let page = Page(report: report, trend: trend, catalog: catalog, language: language, attentionLimit: attentionLimit, session: session)
        guard let html = library.render(page, withTemplate: "report") else {
            throw Problem(description: "The HTML template 'report' is missing. Reinstall Kyndig.")
        }
        return html
    }

    /// The bar above the dashboard's report: who is signed in and a sign-out form carrying the
    /// session's CSRF token. Every value is escaped by the template.
    public struct SessionBar: Sendable, Hashable {
        public let signedInAs: String
        public let signOutAction: String
        public let csrfToken: String

        public init(signedInAs: String, signOutAction: String, csrfToken: String) {
            self.signedInAs = signedInAs
            self.signOutAction = signOutAction
            self.csrfToken = csrfToken
        }
    }

    /// The templates, parsed once per process (they ship with the binary and do not change).
    static func templates() throws -> MustacheLibrary {
        try cachedTemplates.get()
    }

    private static let cachedTemplates = Result { try loadTemplates() }

    /// Every `.mustache` file in the target's `Templates` folder, by name (`report`, `style`, `sign-in`).
    static func loadTemplates() throws -> MustacheLibrary {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else {
            throw Problem(description: "The HTML templates are missing (Templates in the KyndigReports resources). Reinstall Kyndig.")
        }
        var library = MustacheLibrary()
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw Problem(description: "The HTML template '\(name)' does not parse: \(error). Reinstall Kyndig.")
            }
        }
        return library
    }
}

/// What the template shows, as plain strings: all formatting happens here, none in the template.
struct Page {
    struct UnitRow {
        let unitID: String
        let name: String
        let depth: Int
        let indent: String
        let people: Int
        let requirements: Int
        let met: String
        let overdue: Int
        let expired: Int
        let expiringSoon: Int
        let exempt: Int
        let isTop: Bool
    }

    struct ObligationRow {
        let id: String
        let article: String
        let title: String
        let covered: Int
        let people: Int
        let share: String
        /// "in force", the day it starts, or another jurisdiction's law (`ReportRendering.inForce`).
        let inForce: String
        let isInForce: Bool
    }

    struct AttentionRow {
        let name: String
        let employeeID: String
        let unit: String
        let module: String
        let state: String
        let stateClass: String
        let dueOn: String
    }

    let texts: HTMLReportTexts
    let heading: String
    let asOf: String
    let asOfISO: String
    let units: [UnitRow]
    let unitChart: String
    let mixChart: String
    let trendChart: String
    let obligations: [ObligationRow]
    let hasObligations: Bool
    let attention: [AttentionRow]
    let hasAttention: Bool
    let moreAttention: Bool
    let session: HTMLReport.SessionBar?
    let signOutLabel: String

    init(report: ComplianceReport, trend: ComplianceTrend, catalog: Catalog, language: Language, attentionLimit: Int,
         session: HTMLReport.SessionBar? = nil) {
        let texts = HTMLReportTexts.for(language)
        self.texts = texts
        self.session = session
        signOutLabel = language == .nb ? "Logg ut" : "Sign out"

        let roots = report.units.filter { $0.depth == 0 }
        heading = roots.count == 1 ? roots[0].name : texts.wholeOrganisation
        asOf = HTMLReportTexts.date(report.asOf, language)
        asOfISO = report.asOf.description
        func met(_ unit: ComplianceReport.UnitRow) -> String {
            unit.requirements == 0 ? texts.noRequirements : ReportRendering.percent(unit.shareMet)
        }
        units = report.units.map { unit in
            UnitRow(unitID: unit.unitID, name: unit.name, depth: unit.depth, indent: "calc(8px + \(Double(unit.depth) * 1.2)em)",
                    people: unit.people, requirements: unit.requirements, met: met(unit), overdue: unit.count(.overdue),
                    expired: unit.count(.expired), expiringSoon: unit.count(.expiringSoon), exempt: unit.count(.exempt),
                    isTop: unit.depth == 0)
        }
        unitChart = SVGChart.bars(
            report.units.map { unit in
                SVGChart.Bar(label: unit.name, depth: unit.depth, share: unit.requirements == 0 ? nil : unit.shareMet, valueText: met(unit))
            },
            title: texts.unitChartTitle)
        mixChart = SVGChart.stackedBar(
            Self.mixOrder.map { state in
                SVGChart.Segment(label: HTMLReportTexts.state(state, language), count: roots.reduce(0) { $0 + $1.count(state) },
                                 colour: Self.colour(state))
            },
            title: texts.mixChartTitle, percent: ReportRendering.percent)
        trendChart = SVGChart.line(
            trend.points.map { point in
                SVGChart.Point(label: HTMLReportTexts.month(point.day.month, language), subLabel: String(point.day.year),
                               share: point.shareMet, valueText: point.shareMet.map(ReportRendering.percent) ?? texts.noRequirementsYet)
            },
            title: texts.trendChartTitle, emptyText: texts.noRequirementsYet)
        obligations = report.obligations.map { coverage in
            let obligation = catalog.obligation(coverage.obligationID)
            return ObligationRow(id: coverage.obligationID, article: obligation?.article ?? "", title: obligation?.title[language] ?? "",
                                 covered: coverage.covered, people: coverage.people, share: ReportRendering.percent(coverage.share),
                                 inForce: ReportRendering.inForce(coverage, organisation: catalog.policy.jurisdiction, nb: language == .nb),
                                 isInForce: coverage.inForce)
        }
        hasObligations = !obligations.isEmpty
        let unitNames = Dictionary(report.units.map { ($0.unitID, $0.name) }, uniquingKeysWith: { first, _ in first })
        var rows: [AttentionRow] = []
        for person in report.attention.prefix(attentionLimit) {
            for status in person.statuses {
                let module = catalog.module(status.requirement.moduleID)
                rows.append(AttentionRow(
                    name: person.name, employeeID: person.employeeID, unit: unitNames[person.unitID] ?? person.unitID,
                    module: module.flatMap { $0.texts[language]?.title ?? $0.texts.values.first?.title } ?? status.requirement.moduleID,
                    state: HTMLReportTexts.state(status.state, language), stateClass: status.state.rawValue,
                    dueOn: status.dueOn.description))
            }
        }
        attention = rows
        hasAttention = !rows.isEmpty
        moreAttention = report.attentionCount > min(report.attention.count, attentionLimit)
    }

    /// Met first (met, expiring soon, exempt), then open, then late: the bar reads left to right
    /// from good to bad.
    static let mixOrder: [RequirementStatus.State] = [.met, .expiringSoon, .exempt, .inProgress, .notStarted, .overdue, .expired]

    /// Okabe–Ito colours (safe for the common colour-vision deficiencies); grey for not started.
    static func colour(_ state: RequirementStatus.State) -> String {
        switch state {
        case .met: "#009E73"
        case .expiringSoon: "#F0E442"
        case .exempt: "#56B4E9"
        case .inProgress: "#0072B2"
        case .notStarted: "#BBBBBB"
        case .overdue: "#D55E00"
        case .expired: "#CC79A7"
        }
    }
}
