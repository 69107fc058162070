import Foundation
import GRDB
import KyndigCore

extension SQLiteStore: CatalogStore {
    /// Read from the index `module_version_facts` alone (v14): never the versions' texts.
    static let storedVersionsSQL = "SELECT module_id, lang, version, content_hash, synced_at FROM module_version ORDER BY module_id, lang, version"

    public func storedVersions() async throws -> [StoredModuleVersion] {
        try await read { db in
            try Row.fetchAll(db, sql: Self.storedVersionsSQL).map { row in
                let reader = RowReader(row, table: "module_version", key: "\((try? row.decode(String.self, forColumn: "module_id")) ?? "?")/\((try? row.decode(String.self, forColumn: "content_hash")) ?? "?")")
                return StoredModuleVersion(
                    moduleID: try reader.text("module_id"), language: try reader.language(), version: try reader.version(),
                    contentHash: try reader.text("content_hash"), storedAt: try reader.instant("synced_at"))
            }
        }
    }

    public func store(_ versions: [ModuleVersionRecord], change: Change) async throws -> [ModuleVersionRecord] {
        try await write { db in
            var added: [ModuleVersionRecord] = []
            let exists = try db.makeStatement(sql: "SELECT 1 FROM module_version WHERE module_id = ? AND lang = ? AND content_hash = ?")
            for record in versions
            where try Int.fetchOne(exists, arguments: [record.moduleID, record.language.rawValue, record.contentHash]) == nil {
                try db.execute(sql: """
                    INSERT INTO module_version (module_id, lang, version, content_hash, title, module_text, quiz_text, synced_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [record.moduleID, record.language.rawValue, record.version.description, record.contentHash,
                                     record.title, record.moduleText, record.quizText, Timestamp.string(change.at)])
                added.append(record)
            }
            if !added.isEmpty {
                try Self.appendAudit(db, .catalogSync, subject: change.source, details: [
                    "versions_added": "\(added.count)",
                    "modules": Set(added.map(\.moduleID)).sorted().joined(separator: ","),
                ], change: change)
            }
            return added
        }
    }
}
