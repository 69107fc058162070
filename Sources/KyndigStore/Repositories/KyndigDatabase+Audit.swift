import Crypto
import Foundation
import GRDB
import KyndigCore

extension KyndigDatabase: AuditRepository {
    /// Appends an entry inside the caller's transaction, chained to the previous entry's hash so
    /// that editing or removing a row (even with the triggers dropped) is detectable.
    static func appendAudit(
        _ db: Database, at: Date, actor: String, action: String, subject: String, details: [String: String]
    ) throws {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        let sequence = (last?["seq"] as Int? ?? 0) + 1
        let previous = last?["hash"] as String? ?? ""
        let when = Timestamp.string(at)
        let detailText = try canonicalJSON(details)
        let hash = chainHash(sequence: sequence, at: when, actor: actor, action: action, subject: subject, details: detailText, previous: previous)
        try db.execute(
            sql: "INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [sequence, when, actor, action, subject, detailText, previous, hash])
    }

    static func canonicalJSON(_ details: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(details), as: UTF8.self)
    }

    static func chainHash(sequence: Int, at: String, actor: String, action: String, subject: String, details: String, previous: String) -> String {
        let fields = ["\(sequence)", at, actor, action, subject, details, previous]
        // Unit separators keep field boundaries unambiguous.
        let digest = SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    public func auditEntries(limit: Int) throws -> [AuditEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?", arguments: [limit]).map { row in
                let details = (try? JSONDecoder().decode([String: String].self, from: Data((row["details"] as String).utf8))) ?? [:]
                return AuditEntry(
                    sequence: row["seq"], at: Timestamp.date(row["at"]) ?? Date(timeIntervalSince1970: 0),
                    actor: row["actor"], action: row["action"], subject: row["subject"], details: details,
                    previousHash: row["prev_hash"], hash: row["hash"])
            }.reversed()
        }
    }

    public func verifyAuditChain() throws -> Int? {
        try pool.read { db in
            var previous = ""
            var expected = 1
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY seq")
            while let row = try rows.next() {
                let sequence: Int = row["seq"]
                let hash = KyndigDatabase.chainHash(
                    sequence: sequence, at: row["at"], actor: row["actor"], action: row["action"],
                    subject: row["subject"], details: row["details"], previous: row["prev_hash"])
                if sequence != expected || row["prev_hash"] != previous || row["hash"] != hash { return sequence }
                previous = hash
                expected += 1
            }
            return nil
        }
    }
}
