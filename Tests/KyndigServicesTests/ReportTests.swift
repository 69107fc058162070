import Foundation
import KyndigCore
import KyndigReports
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Testing

/// The manager's report over a small organisation with known statuses: roll-ups up the unit
/// tree, a subtree, coverage, who needs attention, and the same numbers in every format.
struct ReportTests {
    let catalog = Build.catalog()
    let store: any KyndigStore

    /// Kari (W) has passed basics; Ola (X) has not; Per (C) is exempt. All started 2025-03-01,
    /// the course was published 2025-01-01, so basics is due 2025-03-31.
    init() async throws {
        store = try SQLiteStore.inMemory()
        try await store.apply(Build.plan(adding: Build.roster([
            Build.person("E1", username: "kari", unit: "W"), Build.person("E2", username: "ola", unit: "X"),
            Build.person("E3", username: "per", unit: "C"),
        ])), on: Build.today, change: Build.change())
        _ = try await CatalogSync(store: store, clock: .fixed(Build.instant("2025-01-01T10:00:00Z"))).sync(catalog, actor: "t")
        let kari = LocalLearnerService(person: Build.person("E1", username: "kari", unit: "W"), catalog: catalog, store: store,
                                       clock: .fixed(Build.instant("2025-03-10T10:00:00Z")))
        let state = try await kari.quiz(moduleID: "basics", language: .en)
        for position in state.questions.indices {
            _ = try await kari.answer(attemptID: state.attempt.id, position: position, chosen: [state.questions[position].options.firstIndex(of: "right")!])
        }
        _ = try await kari.finish(attemptID: state.attempt.id)
        try await store.grant(Exemption(employeeID: "E3", moduleID: "basics", reason: "r", approver: "E1", grantedOn: Build.date("2025-01-01"), until: nil),
                              change: Build.change())
    }

    func report(unit: String? = nil, asOf: String = "2025-06-01") async throws -> ComplianceReport {
        try await ComplianceReporting(store: store).report(unitID: unit, catalog: catalog, asOf: Build.date(asOf))
    }

    @Test func countsRollUpTheUnitTree() async throws {
        let report = try await report()
        #expect(report.units.map(\.unitID) == ["H", "C", "W", "X"])
        #expect(report.units.map(\.depth) == [0, 1, 2, 1])
        let hospital = try #require(report.top)
        #expect(hospital.people == 3 && hospital.requirements == 3)
        #expect(hospital.count(.met) == 1 && hospital.count(.exempt) == 1 && hospital.count(.overdue) == 1)
        #expect(hospital.met == 2)
        #expect(report.units[1].people == 2 && report.units[1].met == 2)  // C includes W
        #expect(report.obligations == [ComplianceReport.ObligationCoverage(
            obligationID: "art-4", people: 3, covered: 2, jurisdiction: .eu, effectiveFrom: Build.date("2025-02-02"), inForce: false)])
        #expect(report.attention.map(\.employeeID) == ["E2"])
        #expect(report.attention[0].statuses.map(\.state) == [.overdue])
    }

    @Test func aSubtreeAndAnEarlierDay() async throws {
        let clinic = try await report(unit: "C")
        #expect(clinic.units.map(\.unitID) == ["C", "W"] && clinic.units.map(\.depth) == [0, 1] && clinic.top?.people == 2)
        // On 2025-03-15 Ola was not yet overdue (due 2025-03-31) and Kari had passed on 2025-03-10.
        let march = try await report(asOf: "2025-03-15")
        #expect(march.top?.count(.notStarted) == 1 && march.top?.count(.met) == 1 && march.attention.isEmpty)
        await #expect(throws: ComplianceReporting.Problem.unknownUnit("Q", suggestion: "C")) { _ = try await report(unit: "Q") }
    }

    /// Pages of one or two people (worked out side by side, finishing in any order) make the
    /// same report, trend and export as one page, and the people come in employee order.
    @Test(arguments: [1, 2])
    func smallPagesMakeTheSameReportAndExport(pageSize: Int) async throws {
        let days = ComplianceTrend.days(endingOn: Build.date("2025-06-01"))
        for unit in [nil, "C"] as [String?] {
            let paged = try await ComplianceReporting(store: store, pageSize: pageSize).report(
                unitID: unit, catalog: catalog, asOf: Build.date("2025-06-01"), trendDays: days, attentionLimit: 1)
            let whole = try await ComplianceReporting(store: store).report(
                unitID: unit, catalog: catalog, asOf: Build.date("2025-06-01"), trendDays: days, attentionLimit: 1)
            #expect(paged.report == whole.report && paged.trend == whole.trend)
        }
        var people: [String] = []
        try await ComplianceReporting(store: store, pageSize: pageSize).forEachOverview(unitID: nil, catalog: catalog, asOf: Build.date("2025-06-01")) {
            people.append($0.person.employeeID)
        }
        #expect(people == ["E1", "E2", "E3"])
        func rows(_ exports: HRExports) async throws -> [ExportRecord] {
            var rows: [ExportRecord] = []
            try await exports.requirements(unitID: nil, catalog: catalog, asOf: Build.date("2025-06-01")) { rows.append($0) }
            return rows
        }
        var pieces: [[ExportRecord]] = []
        let columns = HRExports.columns(of: .requirements)
        try await HRExports(store: store, pageSize: pageSize).requirements(
            unitID: nil, catalog: catalog, asOf: Build.date("2025-06-01"), makeWriter: { ExportRecords(columns: columns) }
        ) { pieces.append($0) }
        let whole = try await rows(HRExports(store: store))
        let pagedRows = try await rows(HRExports(store: store, pageSize: pageSize))
        #expect(whole.count == 3 && pagedRows == whole)
        #expect(pieces.count >= 3 / pageSize && pieces.flatMap { $0 } == whole)
    }

    @Test func everyFormatShowsTheSameNumbers() async throws {
        let report = try await report()
        var csv = ""
        var writer = CSVWriter(dialect: .standard) { csv += $0 }
        try ReportRendering.csv(report, into: &writer)
        #expect(csv.hasPrefix("as_of,unit_id,unit_name,parent_unit_id,depth,people,requirements,share_met,met,expiring_soon,in_progress,not_started,overdue,expired,exempt\r\n"))
        #expect(csv.contains("2025-06-01,H,Hospital,,0,3,3,0.6667,1,0,0,0,1,0,1\r\n"))
        let table = ReportRendering.table(report, catalog: catalog, language: .en)
        #expect(table.contains("Hospital            3        3     66 %        1        0        0        1\n  Clinic            2        2    100 %"))
        #expect(table.contains("E2 Person E2 [X]: basics (overdue 2025-03-31)"))
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= 100 })
        let decoded = try JSONDecoder().decode(ComplianceReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
    }

    @Test func theTrendAgreesWithAFullReportOnEveryDayARequirementApplied() async throws {
        let days = ComplianceTrend.days(endingOn: Build.date("2025-06-01"))
        let (report, trend) = try await ComplianceReporting(store: store).report(
            unitID: nil, catalog: catalog, asOf: Build.date("2025-06-01"), trendDays: days)
        #expect(report == (try await self.report()))
        // Everyone started on 2025-03-01: the month ends before have no requirements, not 0 % met.
        #expect(trend.points.map(\.day) == days)
        #expect(trend.points.prefix(8).allSatisfy { $0.requirements == 0 && $0.shareMet == nil })
        for point in trend.points.dropFirst(8) {
            let separate = try #require(try await self.report(asOf: point.day.description).top)
            #expect((point.met, point.requirements) == (separate.met, separate.requirements), "\(point.day)")
        }
        #expect(trend.points.last?.shareMet == report.top?.shareMet)
    }

    /// A limit on who is listed keeps the first people in report order and still counts everyone,
    /// also when the list is cut back while people come (more than 1,024 of them).
    @Test func aLimitedAttentionListKeepsTheFirstAndCountsAll() {
        let units = [OrgUnit(id: "H", name: "Hospital", parentID: nil)]
        let day = Build.date("2026-01-01")
        let overdue = RequirementStatus(
            requirement: Requirement(moduleID: "basics", reasons: [.role("clinician")], obligationIDs: ["art-4"], arose: day),
            state: .overdue, since: day, dueOn: day, completion: nil, expiresOn: nil, voidedCompletion: nil, attestation: nil, exemption: nil)
        var full = ComplianceReport.Builder(units: units, topUnitID: nil, asOf: day, law: ([], .norway))
        var limited = ComplianceReport.Builder(units: units, topUnitID: nil, asOf: day, law: ([], .norway), attentionLimit: 7)
        // Arriving in an order other than the report's (by unit, then name).
        for number in (0..<3_000).map({ ($0 * 7_919) % 3_000 }) {
            let person = Build.person(String(format: "E%04d", number), unit: "H")
            full.add(person, statuses: [overdue])
            limited.add(person, statuses: [overdue])
        }
        let (all, first) = (full.build(), limited.build())
        #expect(all.attention.count == 3_000 && all.attentionCount == 3_000)
        #expect(first.attentionCount == 3_000 && first.attention == Array(all.attention.prefix(7)))
        #expect(first.units == all.units && first.obligations == all.obligations)
        #expect(first.attention.map(\.employeeID) == (0..<7).map { String(format: "E%04d", $0) })
    }

    /// Counting parts of an organisation separately and merging them (as the report does, a
    /// page per core) gives the report and trend of counting everyone in one go, however the
    /// people are split and in whatever order the parts come, with or without a limit.
    @Test(arguments: [nil, 0, 1, 7, 5_000] as [Int?])
    func mergedPartsMakeTheSameReport(limit: Int?) {
        let units = [OrgUnit(id: "H", name: "Hospital", parentID: nil), OrgUnit(id: "W", name: "Ward", parentID: "H"),
                     OrgUnit(id: "X", name: "Other ward", parentID: "H")]
        let day = Build.date("2026-01-01")
        let days = [day.adding(days: -31), day]
        let states = RequirementStatus.State.allCases
        let law = ["art-4", "art-26-2"].map { id in
            Obligation(id: id, instrument: "AI Act", article: id, title: LocalizedText(nb: id, en: id), summary: LocalizedText(nb: id, en: id),
                       jurisdiction: .eu, effectiveFrom: Build.date("2025-02-02"), supersededBy: nil)
        }
        func statuses(of number: Int) -> [[RequirementStatus]] {
            days.map { asOf in
                (0..<(number % 4)).map { index in
                    RequirementStatus(
                        requirement: Requirement(moduleID: "m\(index)", reasons: [.role("clinician")],
                                                 obligationIDs: index == 0 ? ["art-4"] : ["art-4", "art-26-2"], arose: asOf.adding(days: -number % 50)),
                        state: states[(number * 3 + index) % states.count], since: asOf.adding(days: (number % 3) - 1), dueOn: asOf,
                        completion: nil, expiresOn: nil, voidedCompletion: nil, attestation: nil, exemption: nil)
                }
            }
        }
        let people = (0..<2_500).map { number in
            (Build.person(String(format: "E%04d", number), unit: ["H", "W", "X"][number % 3]), statuses(of: number))
        }
        func builders() -> (ComplianceReport.Builder, ComplianceTrend.Builder) {
            (ComplianceReport.Builder(units: units, topUnitID: nil, asOf: day, law: (law, .norway), attentionLimit: limit),
             ComplianceTrend.Builder(days: days))
        }
        var (whole, wholeTrend) = builders()
        for (person, byDay) in people {
            whole.add(person, statuses: byDay[1])
            wholeTrend.add(statusesByDay: byDay)
        }
        // Three parts of uneven size, people shuffled between them, merged last part first.
        var parts = [builders(), builders(), builders()]
        for (position, (person, byDay)) in people.enumerated() {
            let part = (position * 7_919) % 10 < 6 ? 0 : (position % 2) + 1
            parts[part].0.add(person, statuses: byDay[1])
            parts[part].1.add(statusesByDay: byDay)
        }
        var (merged, mergedTrend) = parts[2]
        for part in parts.prefix(2).reversed() {
            merged.merge(part.0)
            mergedTrend.merge(part.1)
        }
        #expect(merged.build() == whole.build())
        #expect(mergedTrend.build() == wholeTrend.build())
        #expect(whole.build().obligations.count == 2)
    }
}
