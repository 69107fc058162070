import Foundation
import GRDB
import KyndigCore

extension KyndigDatabase: RosterRepository {
    public func rosterSnapshot() throws -> RosterSnapshot {
        try pool.read { db in
            var units: [OrgUnit] = []
            var unitActive: [String: Bool] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name, parent_id, active FROM unit") {
                units.append(OrgUnit(id: row["id"], name: row["name"], parentID: row["parent_id"]))
                unitActive[row["id"]] = row["active"]
            }
            var roles: [String: [String]] = [:]
            let roleRows = try Row.fetchCursor(db, sql: "SELECT employee_id, role_id FROM person_role")
            while let row = try roleRows.next() {
                roles[row[0], default: []].append(row[1])
            }
            var people: [Person] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT employee_id, name, email, username, unit_id, start_date, manager_employee_id, active FROM person
                """)
            while let row = try rows.next() {
                people.append(try Self.person(row, roles: roles[row[0]] ?? []))
            }
            return RosterSnapshot(units: units, people: people, unitActive: unitActive)
        }
    }

    static func person(_ row: Row, roles: [String]) throws -> Person {
        let start: String = row["start_date"]
        return Person(
            employeeID: row["employee_id"], name: row["name"], email: row["email"], username: row["username"],
            unitID: row["unit_id"], roleIDs: roles.sorted(),
            startDate: CalendarDate(iso: start) ?? CalendarDate(year: 1970, month: 1, day: 1)!,
            managerEmployeeID: row["manager_employee_id"], active: row["active"])
    }

    public func apply(_ plan: RosterPlan, source: String, actor: String, at: Date) throws {
        try pool.write { db in
            let upsertUnit = try db.makeStatement(sql: """
                INSERT INTO unit (id, name, parent_id, active) VALUES (?, ?, ?, 1)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, active = 1
                """)
            for unit in plan.addedUnits + plan.changedUnits {
                try upsertUnit.execute(arguments: [unit.id, unit.name, unit.parentID])
            }
            let deactivateUnit = try db.makeStatement(sql: "UPDATE unit SET active = 0 WHERE id = ?")
            for id in plan.deactivatedUnitIDs { try deactivateUnit.execute(arguments: [id]) }

            let upsertPerson = try db.makeStatement(sql: """
                INSERT INTO person (employee_id, name, email, username, unit_id, start_date, manager_employee_id, active)
                VALUES (?, ?, ?, ?, ?, ?, ?, 1)
                ON CONFLICT (employee_id) DO UPDATE SET name = excluded.name, email = excluded.email,
                    username = excluded.username, unit_id = excluded.unit_id, start_date = excluded.start_date,
                    manager_employee_id = excluded.manager_employee_id, active = 1
                """)
            let deleteRoles = try db.makeStatement(sql: "DELETE FROM person_role WHERE employee_id = ?")
            let insertRole = try db.makeStatement(sql: "INSERT INTO person_role (employee_id, role_id) VALUES (?, ?)")
            for person in plan.addedPeople + plan.changedPeople {
                try upsertPerson.execute(arguments: [
                    person.employeeID, person.name, person.email, person.username, person.unitID,
                    person.startDate.description, person.managerEmployeeID,
                ])
                try deleteRoles.execute(arguments: [person.employeeID])
                for role in Set(person.roleIDs).sorted() { try insertRole.execute(arguments: [person.employeeID, role]) }
            }
            let deactivatePerson = try db.makeStatement(sql: "UPDATE person SET active = 0 WHERE employee_id = ?")
            for id in plan.deactivatedEmployeeIDs { try deactivatePerson.execute(arguments: [id]) }

            try Self.appendAudit(db, at: at, actor: actor, action: "roster.import", subject: source, details: [
                "units_added": "\(plan.addedUnits.count)", "units_changed": "\(plan.changedUnits.count)",
                "units_deactivated": "\(plan.deactivatedUnitIDs.count)",
                "people_added": "\(plan.addedPeople.count)", "people_changed": "\(plan.changedPeople.count)",
                "people_deactivated": "\(plan.deactivatedEmployeeIDs.count)",
            ])
        }
    }
}
