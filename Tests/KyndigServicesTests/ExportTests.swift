import Foundation
import KyndigCore
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Testing

/// HR exports polled with a cursor: each change comes exactly once, in the poll after it was
/// made, however close together changes are; every row has every column.
struct ExportTests {
    let catalog = Build.catalog()
    let store: any KyndigStore
    let directory: TemporaryDirectory?
    let people = [Build.person("E1", username: "kari", unit: "W"), Build.person("E2", username: "ola", unit: "X")]

    init() async throws {
        (store, directory) = try StoreBackend.sqliteFile.makeStore()
        try await store.apply(Build.plan(adding: Build.roster(people)), on: Build.today, change: Build.change())
        _ = try await CatalogSync(store: store, clock: .fixed(Build.instant("2025-01-01T10:00:00Z"))).sync(catalog, actor: "t")
    }

    /// Passes `basics` for `person` at `now`.
    func pass(_ person: Person, at now: String) async throws {
        let learner = LocalLearnerService(person: person, catalog: catalog, store: store, clock: .fixed(Build.instant(now)))
        let state = try await learner.quiz(moduleID: "basics", language: .en)
        for position in state.questions.indices {
            _ = try await learner.answer(attemptID: state.attempt.id, position: position,
                                         chosen: [try #require(state.questions[position].options.firstIndex(of: "right"))])
        }
        #expect(try await learner.finish(attemptID: state.attempt.id).result.passed)
    }

    func completions(since: Int?, pageSize: Int = 1_000) async throws -> (rows: [ExportRecord], cursor: Int) {
        var rows: [ExportRecord] = []
        let cursor = try await HRExports(store: store, pageSize: pageSize).completions(since: since) { rows.append($0) }
        return (rows, cursor)
    }

    func employee(_ record: ExportRecord) -> String {
        record.csvFields(decimalSeparator: ".")[record.columns.firstIndex(of: "employee_id")!]
    }

    @Test func eachPassComesOnceInThePollAfterIt() async throws {
        let first = try await completions(since: nil)
        #expect(first.rows.isEmpty)
        // Two passes in the same second, then a poll: both come.
        try await pass(people[0], at: "2026-03-02T10:00:00Z")
        try await pass(people[1], at: "2026-03-02T10:00:00Z")
        let second = try await completions(since: first.cursor)
        #expect(Set(second.rows.map(employee)) == ["E1", "E2"])
        #expect(second.cursor > first.cursor)
        // Nothing new: nothing sent again.
        let third = try await completions(since: second.cursor)
        #expect(third.rows.isEmpty && third.cursor == second.cursor)
        // Without a cursor, everything; in pages of one, the same rows.
        let all = try await completions(since: nil, pageSize: 1)
        #expect(all.rows == (try await completions(since: nil)).rows && all.rows.count == 2)
        await #expect(throws: HRExports.Problem.cursorAhead(given: second.cursor + 5, newest: second.cursor)) {
            _ = try await completions(since: second.cursor + 5)
        }
    }

    @Test func peopleChangedByARosterImportAreSentAgain() async throws {
        let exports = HRExports(store: store)
        var everyone: [String] = []
        let cursor = try await exports.people(since: nil) { everyone.append(employee($0)) }
        #expect(everyone == ["E1", "E2"])
        // Ola moves to W; Kari stays as she is.
        var moved = people
        moved[1].unitID = "W"
        let current = try await store.rosterSnapshot()
        try await store.apply(RosterPlan(current: current, incoming: Build.roster(moved), full: false), on: Build.date("2026-04-01"),
                              change: Build.change())
        var changed: [ExportRecord] = []
        let next = try await exports.people(since: cursor) { changed.append($0) }
        #expect(changed.map(employee) == ["E2"])
        #expect(changed[0].csvFields(decimalSeparator: ".")[changed[0].columns.firstIndex(of: "unit_id")!] == "W")
        var none: [ExportRecord] = []
        _ = try await exports.people(since: next) { none.append($0) }
        #expect(none.isEmpty)
    }

    @Test func everyRowHasEveryColumnAndJSONKeepsTypes() async throws {
        try await pass(people[0], at: "2026-03-02T10:00:00Z")
        try await store.grant(Exemption(employeeID: "E2", moduleID: "basics", reason: "r", approver: "E1", grantedOn: Build.date("2026-03-01"),
                                        until: nil), change: Build.change())
        var rows: [ExportRecord] = []
        try await HRExports(store: store).requirements(unitID: nil, catalog: catalog, asOf: Build.date("2026-06-01")) { rows.append($0) }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.columns == HRExports.columns(of: .requirements) })
        let fields = rows.map { Dictionary(uniqueKeysWithValues: zip($0.columns, $0.csvFields(decimalSeparator: ","))) }
        #expect(fields[0]["state"] == "met" && fields[0]["passed_on"] == "2026-03-02" && fields[0]["score"] == "1,0000")
        #expect(fields[0]["reasons"] == "role:clinician" && fields[0]["employee_id"] == "E1")
        #expect(fields[1]["state"] == "exempt" && fields[1]["exempt_until"] == "until_revoked" && fields[1]["passed_on"] == "")
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(rows[1])) as! [String: Any]
        #expect(Set(json.keys) == Set(HRExports.columns(of: .requirements)))
        #expect(json["passed_on"] is NSNull && json["as_of"] as? String == "2026-06-01")
        var passes: [ExportRecord] = []
        _ = try await HRExports(store: store).completions(since: nil) { passes.append($0) }
        let pass = try JSONSerialization.jsonObject(with: JSONEncoder().encode(passes[0])) as! [String: Any]
        #expect(pass["score"] as? Double == 1 && pass["correct"] as? Int == 3 && pass["finished_at"] as? String == "2026-03-02T10:00:00Z")
    }

    @Test(arguments: [(0.85, "0,8500"), (1, "1,0000"), (2.0 / 3, "0,6667"), (-0.5, "-0,5000"), (0.00004, "0,0000"), (12.34566, "12,3457")])
    func decimalsHaveFourPlaces(_ value: Double, _ expected: String) {
        #expect(ExportCell.decimal(value).csvField(decimalSeparator: ",") == expected)
    }

    @Test func daysAndInstantsAreISO8601() {
        #expect(ExportCell.day(Build.date("2026-03-02")).csvField(decimalSeparator: ".") == "2026-03-02")
        #expect(ExportCell.day(CalendarDate(year: 987, month: 12, day: 31)!).csvField(decimalSeparator: ".") == "0987-12-31")
        #expect(ExportCell.instant(Build.instant("2026-03-02T10:00:05Z")).csvField(decimalSeparator: ".") == "2026-03-02T10:00:05Z")
    }
}
