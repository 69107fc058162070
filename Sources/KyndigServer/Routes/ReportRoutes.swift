import HTTPTypes
import Hummingbird
import KyndigStore
import KyndigCore
import KyndigReports
import KyndigServices

/// The manager's report of a unit subtree, as `kyndig report` makes it: JSON (docs/json.md), CSV
/// or the printable HTML page. A manager token reads its unit and the units below it; admin any.
struct ReportRoutes {
    let environment: ServerEnvironment

    enum Format: String, CaseIterable {
        case json, csv, html
    }

    func register(on group: RouterGroup<APIContext>) {
        group.get("units/:id/report") { request, context in
            let unitID = try context.parameters.require("id")
            let format = try request.choice("format", default: Format.json)
            let excel = try request.flag("excel")
            if excel && format != .csv { throw APIProblem.badRequest("bad-parameter", "excel=true is for format=csv.") }
            let language = try request.language() ?? .nb
            let catalog = environment.catalog
            let day = try request.day("as_of") ?? catalog.policy.calendarDate(of: environment.clock.now())
            // Authorisation needs the unit's place in the tree: the unit and those above it.
            let ancestry = try await environment.store.unitAncestry(of: unitID).map(\.id)
            if ancestry.isEmpty, try context.caller.scope == .admin || isManager(context) {
                throw ProblemWording.describe(ComplianceReporting.Problem.unknownUnit(unitID, suggestion: nil))
            }
            try context.require(.readUnitReport(ancestry: ancestry))
            let (report, trend) = try await ComplianceReporting(store: environment.store).report(
                unitID: unitID, catalog: catalog, asOf: day, trendDays: format == .html ? ComplianceTrend.days(endingOn: day) : [],
                attentionLimit: format == .csv ? 0 : nil)
            switch format {
            case .json:
                // The document `kyndig report --format json` writes, byte for byte.
                return try Rendering.json(report)
            case .csv:
                var text = ""
                var writer = CSVWriter(dialect: excel ? .excel : .standard) { text += $0 }
                try ReportRendering.csv(report, into: &writer)
                return Rendering.text(text, contentType: "text/csv; charset=utf-8",
                                      headers: [.contentDisposition: "attachment; filename=\"report-\(day).csv\""])
            case .html:
                do {
                    return Rendering.text(try HTMLReport.render(report, trend: trend, catalog: catalog, language: language),
                                          contentType: "text/html; charset=utf-8")
                } catch let problem as HTMLReport.Problem {
                    throw APIProblem(.internalServerError, type: "templates-missing", title: "Report templates missing", detail: problem.description)
                }
            }
        }
    }

    private func isManager(_ context: APIContext) throws -> Bool {
        if case .manager = try context.caller.scope { return true }
        return false
    }
}
