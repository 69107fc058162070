import Foundation
import GRDB
import KyndigCore

extension KyndigDatabase: CatalogRepository {
    public func sync(_ records: [ModuleVersionRecord], actor: String, at: Date) throws -> [ModuleVersionRecord] {
        try pool.write { db in
            var added: [ModuleVersionRecord] = []
            let exists = try db.makeStatement(sql: "SELECT 1 FROM module_version WHERE module_id = ? AND lang = ? AND content_hash = ?")
            for record in records
            where try Int.fetchOne(exists, arguments: [record.moduleID, record.language.rawValue, record.contentHash]) == nil {
                try db.execute(sql: """
                    INSERT INTO module_version (module_id, lang, version, content_hash, title, module_text, quiz_text, synced_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [record.moduleID, record.language.rawValue, record.version.description, record.contentHash,
                                     record.title, record.moduleText, record.quizText, Timestamp.string(at)])
                added.append(record)
            }
            if !added.isEmpty {
                try Self.appendAudit(db, at: at, actor: actor, action: "catalog.sync", subject: "catalog", details: [
                    "versions_added": "\(added.count)",
                    "modules": Set(added.map(\.moduleID)).sorted().joined(separator: ","),
                ])
            }
            return added
        }
    }

    public func storedVersions() throws -> [(moduleID: String, language: Language, version: ModuleVersion, contentHash: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT module_id, lang, version, content_hash FROM module_version ORDER BY module_id, lang, version").compactMap { row in
                guard let language = Language(rawValue: row["lang"]), let version = ModuleVersion(row["version"] as String) else { return nil }
                return (row["module_id"], language, version, row["content_hash"])
            }
        }
    }
}

extension CatalogRepository {
    /// Stores the module versions of `catalog` not stored yet (with the texts their hashes cover).
    /// Cheap when nothing changed: one read, no file access.
    public func sync(catalog: Catalog, actor: String, at: Date) throws -> [ModuleVersionRecord] {
        let stored = Set(try storedVersions().map { "\($0.moduleID)/\($0.language.rawValue)/\($0.contentHash)" })
        let missing = catalog.moduleIDs.flatMap { id in
            catalog.modules[id]!.languages.compactMap { catalog.modules[id]!.texts[$0] }
                .filter { !stored.contains("\(id)/\($0.language.rawValue)/\($0.contentHash)") }
                .map { text in
                    ModuleVersionRecord(
                        moduleID: id, language: text.language, version: catalog.modules[id]!.version, contentHash: text.contentHash,
                        title: text.title, moduleText: text.hashedTexts.module, quizText: text.hashedTexts.quiz)
                }
        }
        return missing.isEmpty ? [] : try sync(missing, actor: actor, at: at)
    }
}
