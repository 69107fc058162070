import ArgumentParser
import Foundation
import KyndigCore
import KyndigReports
import KyndigServices
import KyndigStore

extension KyndigCommand {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Compliance report for managers: the unit tree with roll-ups, coverage per obligation, who needs attention.",
            discussion: """
                A unit includes everyone in the units below it. Statuses are computed as of --as-of \
                (default: today in the organisation's time zone). Every format shows the same numbers; \
                see docs/json.md for the JSON. --format html writes one printable page with charts, \
                including the share met at each of the last twelve month ends.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, csv, json, html
        }

        @Option(help: ArgumentHelp("Only this unit and the units below it.", valueName: "unit")) var unit: String?
        @Option(help: ArgumentHelp("The day to report on (YYYY-MM-DD).", valueName: "date")) var asOf: String?
        @Option(help: "Output format.") var format: Format = .table
        @Option(help: "Language of the table or the HTML page: nb or en.") var lang: Language = .nb
        @Flag(help: "CSV for Norwegian Excel: semicolons, decimal commas, CRLF and a byte-order mark.") var excel = false
        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date. Write it as YYYY-MM-DD.") }
            if excel && format != .csv { throw ValidationError("--excel is for --format csv.") }
        }

        func run() async throws {
            let catalog = try catalogOptions.load(quizPools: false)
            let day = asOf.flatMap { CalendarDate(iso: $0) } ?? catalog.policy.calendarDate(of: KyndigCommand.clock.now())
            // Only the HTML page draws the trend; its days are judged in the same pass over the people.
            let trendDays = format == .html ? ComplianceTrend.days(endingOn: day) : []
            // The people needing attention that each format lists (JSON: everyone; all are counted).
            let attentionLimit: Int? = switch format {
            case .table: 50
            case .html: 500
            case .csv: 0
            case .json: nil
            }
            let (report, trend): (ComplianceReport, ComplianceTrend)
            do {
                (report, trend) = try await Log.timed("building the report") {
                    try await ComplianceReporting(store: try database.openReadOnly())
                        .report(unitID: unit, catalog: catalog, asOf: day, trendDays: trendDays, attentionLimit: attentionLimit)
                }
            } catch let problem as ComplianceReporting.Problem {
                throw CommandFailure(ErrorWording.describe(problem))
            }
            try await CommandOutput.writing(to: output) { out in
                switch format {
                case .table:
                    try out.write(ReportRendering.table(report, catalog: catalog, language: lang) + "\n")
                case .json:
                    // Written a person at a time: at a region's size the document is hundreds of megabytes.
                    try ReportJSON.write(report, to: out)
                case .csv:
                    var writer = CSVWriter(dialect: excel ? .excel : .standard) { try out.write($0) }
                    try ReportRendering.csv(report, into: &writer)
                case .html:
                    do {
                        try out.write(try HTMLReport.render(report, trend: trend, catalog: catalog, language: lang))
                    } catch let problem as HTMLReport.Problem {
                        throw CommandFailure(problem.description)
                    }
                }
            }
        }
    }
}
