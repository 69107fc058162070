import Foundation
import GRDB
public import KyndigCore

extension SQLiteStore: AuditStore {
    /// Appends an entry inside the caller's transaction, chained to the last one. SQLite runs one
    /// writer at a time, so reading the last entry and appending cannot interleave with another.
    static func appendAudit(
        _ db: Database, _ action: AuditAction, subject: String, details: [String: String], change: Change
    ) throws {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").map { row in
            let reader = RowReader(row, table: "audit_log", keyColumn: "seq")
            return (sequence: try reader.int("seq"), hash: try reader.text("hash"))
        }
        let (fields, hash) = AuditChain.next(
            after: last, at: change.at, actor: change.actor, action: action, subject: subject, details: details)
        try db.execute(
            sql: "INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [fields.sequence, fields.at, fields.actor, fields.action, fields.subject, fields.details, fields.previousHash, hash])
    }

    /// The sequence number the next audit entry of this transaction will get: the change cursor.
    static func nextSequence(_ db: Database) throws -> Int {
        (try Int.fetchOne(db, sql: "SELECT MAX(seq) FROM audit_log") ?? 0) + 1
    }

    public func auditEntries(limit: Int) async throws -> [AuditEntry] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?", arguments: [limit]).map { row in
                let reader = RowReader(row, table: "audit_log", key: "seq=\((try? row.decode(Int.self, forColumn: "seq")) ?? 0)")
                return AuditEntry(
                    sequence: try reader.int("seq"), at: try reader.instant("at"), actor: try reader.text("actor"),
                    action: try reader.parsed("action", AuditAction.init(rawValue:)), subject: try reader.text("subject"),
                    details: try reader.json("details", as: [String: String].self),
                    previousHash: try reader.text("prev_hash"), hash: try reader.text("hash"))
            }.reversed()
        }
    }

    public func verifyAuditChain() async throws -> AuditVerification {
        try await read { db in
            var verifier = AuditChain.Verifier()
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY seq")
            while let row = try rows.next() {
                let reader = RowReader(row, table: "audit_log", key: "seq=\((try? row.decode(Int.self, forColumn: "seq")) ?? 0)")
                let fields = AuditChain.Fields(
                    sequence: try reader.int("seq"), at: try reader.text("at"), actor: try reader.text("actor"),
                    action: try reader.text("action"), subject: try reader.text("subject"), details: try reader.text("details"),
                    previousHash: try reader.text("prev_hash"))
                verifier.check(fields, storedHash: try reader.text("hash"))
                if verifier.firstBroken != nil { break }
            }
            return AuditVerification(entries: verifier.checked, firstBroken: verifier.firstBroken)
        }
    }
}
