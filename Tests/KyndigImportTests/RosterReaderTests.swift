import Foundation
import KyndigCore
import KyndigImport
import KyndigTestSupport
import Testing

struct RosterReaderTests {
    let reader = RosterReader(knownRoles: ["leader", "clinician", "admin-staff"], existing: RosterSnapshot(units: [], people: []))

    @Test(arguments: ["good.csv", "good-semicolon-bom.csv"])
    func readsCommaAndSemicolonFilesAlike(_ name: String) throws {
        let result = try reader.read(path: TestPaths.fixture("roster/\(name)").path, displayName: name)
        #expect(result.rowCount == 4)
        #expect(result.notes == ["ignored column phone (not used by Kyndig)."])
        let people = result.snapshot.people
        #expect(people.map(\.employeeID) == ["E1", "E2", "E3", "E4"])
        #expect(people[1].name == "Berg, Ingrid")
        #expect(people[3].name == "Ola \"Doc\" Nordmann")
        #expect(people[2].roleIDs == ["admin-staff", "clinician"])
        #expect(people[2].email == "")
        #expect(people[1].managerEmployeeID == "E1")
        #expect(people[0].managerEmployeeID == nil)
        #expect(people[1].startDate.description == "2026-11-02")
        #expect(result.snapshot.units == [
            OrgUnit(id: "H", name: "Fjordvik sykehus", parentID: nil),
            OrgUnit(id: "AKU", name: "Akuttmottak, voksne", parentID: "H"),
        ])
    }

    @Test func reportsEveryBadRowWithFileRowAndColumn() {
        let path = TestPaths.fixture("roster/bad.csv").path
        #expect {
            try reader.read(path: path, displayName: "bad.csv")
        } throws: { error in
            let problems = (error as? Problems)?.items.map(\.description) ?? []
            #expect(problems == [
                "bad.csv:3: employee_id: is empty. Every row needs a value here.",
                "bad.csv:4: roles: unknown role 'nurse'. Known roles: admin-staff, clinician, leader; separate several with '|'.",
                "bad.csv:5: start_date: '01.02.2025' is not a date. Write it as YYYY-MM-DD, e.g. 2025-03-01.",
                "bad.csv:6: employee_id: 'E1' appears twice (first on row 2). Each person must appear once.",
                "bad.csv:7: parent_unit_id: units CA → CB → CA form a cycle (rows 7, 8). A unit cannot be above itself; fix one parent.",
                "bad.csv:8: manager_employee_id: 'E99' is not an employee in the file or the database. Fix the id or leave it empty.",
                "bad.csv:9: row: has 3 fields, the header has 10. Check the delimiters and quotes on this row.",
            ])
            return true
        }
    }

    @Test func missingColumnsAreNamed() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("r.csv", "employee_id,name,username\nE1,A,a\n")
        #expect {
            try reader.read(path: path, displayName: "r.csv")
        } throws: { error in
            (error as? Problems)?.items.first?.description
                == "r.csv:1: header: missing columns email, unit_id, unit_name, parent_unit_id, roles, start_date, manager_employee_id. The header must name: employee_id, name, email, username, unit_id, unit_name, parent_unit_id, roles, start_date, manager_employee_id."
        }
    }

    @Test func emptyAndMissingFilesAreClearErrors() throws {
        let directory = try TemporaryDirectory()
        let empty = try directory.write("empty.csv", "")
        for path in [empty, directory.path("missing.csv")] {
            #expect(throws: Problems.self) { try reader.read(path: path) }
        }
    }

    @Test func partialFileMayReferToStoredUnitsAndManagers() throws {
        let stored = RosterSnapshot(
            units: [OrgUnit(id: "H", name: "Hospital", parentID: nil)],
            people: [Person(employeeID: "B1", name: "Boss", email: "", username: "boss", unitID: "H", roleIDs: ["leader"],
                            startDate: CalendarDate(iso: "2020-01-01")!, managerEmployeeID: nil)])
        let directory = try TemporaryDirectory()
        let path = try directory.write("p.csv", """
            employee_id,name,email,username,unit_id,unit_name,parent_unit_id,roles,start_date,manager_employee_id
            E9,New Person,,newp,W,Ward,H,clinician,2026-01-05,B1

            """)
        let result = try RosterReader(knownRoles: ["clinician"], existing: stored).read(path: path)
        #expect(result.snapshot.people.map(\.managerEmployeeID) == ["B1"])
    }
}
