import Foundation
import GRDB
public import KyndigCore

extension SQLiteStore: ExportStore {
    public func changeCursor() async throws -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT MAX(seq) FROM audit_log") ?? 0 }
    }

    public func peopleChanged(since: Int?, upTo: Int, after: String?, limit: Int) async throws -> [Person] {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(Self.personColumns) FROM person
                WHERE (?1 IS NULL OR changed_seq > ?1) AND changed_seq <= ?2 AND (?3 IS NULL OR employee_id > ?3)
                ORDER BY employee_id LIMIT ?4
                """, arguments: [since, upTo, after, limit])
            let ids = try rows.map { try RowReader($0, table: "person", keyColumn: "employee_id").text(at: 0, "employee_id") }
            let roles = try Self.roles(db, forEmployeeIDs: ids)
            return try rows.map { try Self.person($0, roles: roles) }
        }
    }

    public func passesChanged(since: Int?, upTo: Int, after: String?, limit: Int) async throws -> [AttemptRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM quiz_attempt
                WHERE outcome = 'passed' AND (?1 IS NULL OR changed_seq > ?1) AND changed_seq <= ?2 AND (?3 IS NULL OR id > ?3)
                ORDER BY id LIMIT ?4
                """, arguments: [since, upTo, after, limit]).map(Self.attempt)
        }
    }

}
