import Foundation
import GRDB
import KyndigCore

extension KyndigDatabase: CompletionRepository {
    public func completions(employeeID: String) throws -> [Completion] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT module_id, version, content_hash, finished_at, score FROM quiz_attempt
                WHERE employee_id = ? AND passed = 1 ORDER BY finished_at
                """, arguments: [employeeID]).compactMap { row in
                guard let version = ModuleVersion(row["version"] as String),
                      let finished = CalendarDate(iso: (row["finished_at"] as String).prefix(10))
                else { return nil }
                return Completion(moduleID: row["module_id"], version: version, contentHash: row["content_hash"], passedOn: finished, score: row["score"])
            }
        }
    }

    public func openAttemptModules(employeeID: String) throws -> Set<String> {
        try pool.read { db in
            Set(try String.fetchAll(db, sql: "SELECT module_id FROM quiz_attempt WHERE employee_id = ? AND finished_at IS NULL", arguments: [employeeID]))
        }
    }
}
