import Foundation
import KyndigCore
import KyndigReports
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Testing

/// The HTML page shows the report's numbers cell for cell, and escapes what came from the roster.
struct HTMLReportTests {
    let catalog = Build.catalog()
    let store: any KyndigStore
    static let hostileName = "<script>alert('x')</script> & Sons"

    /// As in `ReportTests` but nobody has passed, with a unit and a person whose names are markup:
    /// Ola (in that unit) is overdue, so his name is listed under "needs attention".
    init() async throws {
        store = try SQLiteStore.inMemory()
        var ola = Build.person("E2", username: "ola", unit: "X")
        ola.name = Self.hostileName
        let roster = Build.roster([Build.person("E1", username: "kari", unit: "W"), ola, Build.person("E3", username: "per", unit: "C")])
        let units = roster.units.map { $0.id == "X" ? OrgUnit(id: "X", name: "Ward <b>A&E</b>", parentID: "H") : $0 }
        try await store.apply(Build.plan(adding: RosterSnapshot(units: units, people: roster.people)), on: Build.today, change: Build.change())
        _ = try await CatalogSync(store: store, clock: .fixed(Build.instant("2025-01-01T10:00:00Z"))).sync(catalog, actor: "t")
        try await store.grant(Exemption(employeeID: "E3", moduleID: "basics", reason: "r", approver: "E1", grantedOn: Build.date("2025-01-01"), until: nil),
                              change: Build.change())
    }

    func html(_ language: Language) async throws -> (ComplianceReport, String) {
        let asOf = Build.date("2025-06-01")
        let (report, trend) = try await ComplianceReporting(store: store).report(
            unitID: nil, catalog: catalog, asOf: asOf, trendDays: ComplianceTrend.days(endingOn: asOf))
        return (report, try HTMLReport.render(report, trend: trend, catalog: catalog, language: language))
    }

    @Test(arguments: Language.allCases) func theUnitTableShowsTheReportsNumbers(language: Language) async throws {
        let (report, html) = try await html(language)
        let rows = Self.unitRows(html)
        #expect(rows.map(\.unitID) == report.units.map(\.unitID))
        for (row, unit) in zip(rows, report.units) {
            #expect(row.cells["people"] == "\(unit.people)")
            #expect(row.cells["requirements"] == "\(unit.requirements)")
            #expect(row.cells["met"] == "\(Int((unit.shareMet * 100).rounded(.down))) %")
            #expect(row.cells["overdue"] == "\(unit.count(.overdue))")
            #expect(row.cells["expired"] == "\(unit.count(.expired))")
            #expect(row.cells["expiring-soon"] == "\(unit.count(.expiringSoon))")
            #expect(row.cells["exempt"] == "\(unit.count(.exempt))")
        }
        #expect(rows.first?.cells["met"] == "33 %")  // Per is exempt; Kari and Ola are overdue
        #expect(html.contains("<td class=\"num covered\">1</td>"))  // art-4: Per alone
        #expect(html.components(separatedBy: "<svg ").count - 1 == 3)
    }

    @Test func namesFromTheRosterAreEscapedInTablesAndCharts() async throws {
        let (_, html) = try await html(.en)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Sons"))  // the attention list
        #expect(html.contains(">Ward &lt;b&gt;A&amp;E&lt;/b&gt;</th>"))  // the unit table
        #expect(html.contains(">Ward &lt;b&gt;A&amp;E&lt;/b&gt;</text>"))  // the bar chart's label
    }

    @Test func monthsBeforeAnyRequirementSayNoRequirementsYet() async throws {
        let (_, english) = try await html(.en)
        let (_, bokmål) = try await html(.nb)
        #expect(english.contains(">no requirements yet</text>"))
        #expect(bokmål.contains(">ingen krav ennå</text>"))
        #expect(bokmål.contains("<html lang=\"nb\">") && bokmål.contains("Slik leser du rapporten"))
    }

    /// Each `<tr data-unit="…">` of the unit table with its cells by class (`people`, `met`, …).
    static func unitRows(_ html: String) -> [(unitID: String, cells: [String: String])] {
        let row = /<tr data-unit="([^"]*)"[^>]*>(.*?)<\/tr>/.dotMatchesNewlines()
        let cell = /<td class="num ([a-z-]+)">([^<]*)<\/td>/
        return html.matches(of: row).map { match in
            let cells = Dictionary(String(match.2).matches(of: cell).map { (String($0.1), String($0.2)) }, uniquingKeysWith: { first, _ in first })
            return (String(match.1), cells)
        }
    }
}
