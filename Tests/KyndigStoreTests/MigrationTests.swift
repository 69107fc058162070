import Foundation
import GRDB
import KyndigCore
import KyndigStore
import KyndigTestSupport
import Testing

struct MigrationTests {
    @Test func databaseFromTheFirstMigrationUpgradesAndKeepsItsData() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("old.sqlite")
        // Given a database created by the first migration only, with a person in it
        do {
            let old = try KyndigDatabase(path: path, upTo: "v1-organisation-catalog-attempts-audit")
            #expect(try old.appliedMigrations() == ["v1-organisation-catalog-attempts-audit"])
            let plan = RosterPlan(current: RosterSnapshot(units: [], people: []), incoming: Self.roster, full: false)
            try old.apply(plan, source: "roster.csv", actor: "test", at: Date())
        }
        // When the current version opens it
        let upgraded = try KyndigDatabase(path: path)
        // Then every migration is applied and nothing was lost
        #expect(try upgraded.appliedMigrations() == ["v1-organisation-catalog-attempts-audit", "v2-reporting-indexes"])
        #expect(try upgraded.person(username: "kari")?.name == "Kari Nordmann")
        #expect(try upgraded.auditEntries(limit: 10).map(\.action) == ["roster.import"])
        let queue = try DatabaseQueue(path: path)
        let indexes = try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'person_by_unit'") }
        #expect(indexes == ["person_by_unit"])
    }

    @Test func opensInWALModeWithForeignKeys() throws {
        let directory = try TemporaryDirectory()
        let store = try KyndigDatabase(path: directory.path("nested/dir/k.sqlite"))
        #expect(try store.journalMode() == "wal")
        // A person in a unit that does not exist violates the (deferred) foreign key at commit.
        let orphan = Person(employeeID: "9", name: "Orphan", email: "", username: "o", unitID: "nowhere", roleIDs: [],
                            startDate: CalendarDate(iso: "2025-01-01")!, managerEmployeeID: nil)
        var plan = RosterPlan()
        plan.addedPeople = [orphan]
        #expect(throws: DatabaseError.self) { try store.apply(plan, source: "x", actor: "test", at: Date()) }
        #expect(try store.rosterSnapshot().people.isEmpty)
    }

    static let roster = RosterSnapshot(
        units: [OrgUnit(id: "H", name: "Hospital", parentID: nil), OrgUnit(id: "W", name: "Ward", parentID: "H")],
        people: [Person(employeeID: "1", name: "Kari Nordmann", email: "kari@example.org", username: "kari", unitID: "W",
                        roleIDs: ["clinician"], startDate: CalendarDate(iso: "2025-03-01")!, managerEmployeeID: nil)])
}
