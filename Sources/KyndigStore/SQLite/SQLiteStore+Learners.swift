import Foundation
import GRDB
public import KyndigCore

extension SQLiteStore: LearnerStore {
    public func learnerRecord(of person: Person) async throws -> LearnerRecord {
        try await read { db in
            let evidence = try Self.evidence(db, employeeIDs: [person.employeeID])
            return LearnerRecord(
                person: person, completions: evidence.completions[person.employeeID] ?? [],
                openAttemptModuleIDs: evidence.open[person.employeeID] ?? [])
        }
    }

    public func learnerRecords(inUnit unitID: String?, after: String?, limit: Int) async throws -> [LearnerRecord] {
        try await read { db in
            // The subtree by a recursive query (the same SQL runs on PostgreSQL); a cycle cannot
            // loop, because UNION drops rows already seen.
            var sql = ""
            var arguments: StatementArguments = []
            if let unitID {
                sql = """
                    WITH RECURSIVE subtree(id) AS (
                        SELECT id FROM unit WHERE id = ?
                        UNION SELECT unit.id FROM unit JOIN subtree ON unit.parent_id = subtree.id
                    )
                    SELECT \(Self.personColumns) FROM person
                    WHERE active = 1 AND unit_id IN (SELECT id FROM subtree)
                    """
                arguments += [unitID]
            } else {
                sql = "SELECT \(Self.personColumns) FROM person WHERE active = 1"
            }
            if let after {
                sql += " AND employee_id > ?"
                arguments += [after]
            }
            sql += " ORDER BY employee_id LIMIT ?"
            arguments += [limit]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            let ids = try rows.map { try RowReader($0, table: "person", keyColumn: "employee_id").text("employee_id") }
            let roles = try Self.roles(db, forEmployeeIDs: ids)
            let evidence = try Self.evidence(db, employeeIDs: ids)
            return try rows.map { row in
                let person = try Self.person(row, roles: roles)
                return LearnerRecord(
                    person: person, completions: evidence.completions[person.employeeID] ?? [],
                    openAttemptModuleIDs: evidence.open[person.employeeID] ?? [])
            }
        }
    }

    /// Passes (oldest first) and open-attempt modules of the given people, in two queries.
    static func evidence(_ db: Database, employeeIDs ids: [String]) throws -> (completions: [String: [Completion]], open: [String: Set<String>]) {
        guard !ids.isEmpty else { return ([:], [:]) }
        var completions: [String: [Completion]] = [:]
        let passes = try Row.fetchCursor(db, sql: """
            SELECT id, employee_id, module_id, version, content_hash, finished_on, score FROM quiz_attempt
            WHERE outcome = 'passed' AND employee_id IN (\(placeholders(ids.count))) ORDER BY finished_at, id
            """, arguments: StatementArguments(ids))
        while let row = try passes.next() {
            let reader = RowReader(row, table: "quiz_attempt", keyColumn: "id")
            completions[try reader.text("employee_id"), default: []].append(Completion(
                moduleID: try reader.text("module_id"), version: try reader.version(), contentHash: try reader.text("content_hash"),
                passedOn: try reader.date("finished_on"), score: try reader.double("score")))
        }
        var open: [String: Set<String>] = [:]
        let attempts = try Row.fetchCursor(db, sql: """
            SELECT id, employee_id, module_id FROM quiz_attempt WHERE finished_at IS NULL AND employee_id IN (\(placeholders(ids.count)))
            """, arguments: StatementArguments(ids))
        while let row = try attempts.next() {
            let reader = RowReader(row, table: "quiz_attempt", keyColumn: "id")
            open[try reader.text("employee_id"), default: []].insert(try reader.text("module_id"))
        }
        return (completions, open)
    }
}
