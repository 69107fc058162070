import Foundation
@testable import KyndigCommands
import KyndigCatalog
import KyndigCore
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Testing

/// The streamed `report --format json` is byte for byte the document the encoder makes whole.
struct ReportJSONTests {
    @Test func theStreamedReportIsTheEncodersDocument() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("demo.sqlite")
        let shipped = ["--catalog", TestPaths.packageRoot.path]
        let now = Build.instant("2026-11-30T09:00:00Z")
        #expect(await InProcess.run(["demo", "--db", db, "--no-tutor"] + shipped, now: now).status == 0)
        let streamed = await InProcess.run(["report", "--format", "json", "--as-of", "2026-11-30", "--db", db] + shipped, now: now)
        #expect(streamed.status == 0, "\(streamed.stderr)")
        let catalog = try CatalogLoader.load(root: TestPaths.packageRoot)
        for unit in [nil, "MED"] as [String?] {
            let report = try await ComplianceReporting(store: try SQLiteStore.openReadOnly(path: db))
                .report(unitID: unit, catalog: catalog, asOf: Build.date("2026-11-30"))
            #expect(!report.attention.isEmpty)
            let whole = try JSONOutput.string(report) + "\n"
            let piecewise = await InProcess.run(["report", "--format", "json", "--as-of", "2026-11-30", "--db", db]
                                                + (unit.map { ["--unit", $0] } ?? []) + shipped, now: now)
            #expect(piecewise.stdout == whole)
        }
        // Nobody needing attention: the empty list as the encoder writes it.
        let empty = ComplianceReport.Builder(units: [OrgUnit(id: "H", name: "H", parentID: nil)], topUnitID: nil, asOf: Build.date("2026-11-30"), law: ([], .norway)).build()
        let out = try CommandOutput(path: directory.path("empty.json"))
        try ReportJSON.write(empty, to: out)
        try out.finish()
        let text = try String(contentsOfFile: directory.path("empty.json"), encoding: .utf8)
        let expected = try JSONOutput.string(empty) + "\n"
        #expect(text == expected, "\(text.debugDescription) vs \(expected.debugDescription)")
    }
}
