import Foundation
import GRDB
import KyndigCore

extension KyndigDatabase: PeopleRepository {
    public func person(employeeID: String) throws -> Person? {
        try pool.read { db in try Self.fetchPerson(db, where: "employee_id = ?", employeeID) }
    }

    public func person(username: String) throws -> Person? {
        try pool.read { db in try Self.fetchPerson(db, where: "username = ? AND active = 1", username) }
    }

    private static func fetchPerson(_ db: Database, where condition: String, _ value: String) throws -> Person? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT employee_id, name, email, username, unit_id, start_date, manager_employee_id, active
            FROM person WHERE \(condition) ORDER BY employee_id LIMIT 1
            """, arguments: [value])
        else { return nil }
        let roles = try String.fetchAll(db, sql: "SELECT role_id FROM person_role WHERE employee_id = ? ORDER BY role_id", arguments: [row["employee_id"] as String])
        return try person(row, roles: roles)
    }

    public func unitAncestry(of unitID: String) throws -> [OrgUnit] {
        try pool.read { db in
            var chain: [OrgUnit] = []
            var seen = Set<String>()
            var next: String? = unitID
            while let id = next, seen.insert(id).inserted,
                  let row = try Row.fetchOne(db, sql: "SELECT id, name, parent_id FROM unit WHERE id = ?", arguments: [id]) {
                chain.append(OrgUnit(id: row["id"], name: row["name"], parentID: row["parent_id"]))
                next = row["parent_id"]
            }
            return chain
        }
    }

    public func systems() throws -> [AISystem] {
        try pool.read { db in
            var contexts: [String: [String]] = [:]
            var units: [String: [String]] = [:]
            var roles: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT system_id, context_id FROM ai_system_context ORDER BY context_id") {
                contexts[row[0], default: []].append(row[1])
            }
            for row in try Row.fetchAll(db, sql: "SELECT system_id, unit_id FROM ai_system_unit ORDER BY unit_id") {
                units[row[0], default: []].append(row[1])
            }
            for row in try Row.fetchAll(db, sql: "SELECT system_id, role_id FROM ai_system_role ORDER BY role_id") {
                roles[row[0], default: []].append(row[1])
            }
            return try Row.fetchAll(db, sql: "SELECT id, name, vendor, purpose FROM ai_system ORDER BY id").map { row in
                let id: String = row["id"]
                return AISystem(id: id, name: row["name"], vendor: row["vendor"], purpose: row["purpose"],
                                contextIDs: contexts[id] ?? [], unitIDs: units[id] ?? [], roleIDs: roles[id] ?? [])
            }
        }
    }
}
