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

extension KyndigDatabase: SystemRepository {
    public func replaceSystems(_ systems: [AISystem], source: String, actor: String, at: Date) throws -> (added: Int, changed: Int, removed: Int) {
        let current = Dictionary(uniqueKeysWithValues: try self.systems().map { ($0.id, $0) })
        func normalised(_ system: AISystem) -> AISystem {
            var copy = system
            copy.contextIDs.sort(); copy.unitIDs.sort(); copy.roleIDs.sort()
            return copy
        }
        let incoming = systems.map(normalised)
        let added = incoming.filter { current[$0.id] == nil }
        let changed = incoming.filter { current[$0.id] != nil && current[$0.id].map(normalised) != $0 }
        let removed = Set(current.keys).subtracting(incoming.map(\.id)).sorted()
        if added.isEmpty && changed.isEmpty && removed.isEmpty { return (0, 0, 0) }
        try pool.write { db in
            for id in removed { try db.execute(sql: "DELETE FROM ai_system WHERE id = ?", arguments: [id]) }
            for system in added + changed {
                try db.execute(sql: """
                    INSERT INTO ai_system (id, name, vendor, purpose) VALUES (?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, vendor = excluded.vendor, purpose = excluded.purpose
                    """, arguments: [system.id, system.name, system.vendor, system.purpose])
                for table in ["ai_system_context", "ai_system_unit", "ai_system_role"] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE system_id = ?", arguments: [system.id])
                }
                for context in system.contextIDs {
                    try db.execute(sql: "INSERT INTO ai_system_context (system_id, context_id) VALUES (?, ?)", arguments: [system.id, context])
                }
                for unit in system.unitIDs {
                    try db.execute(sql: "INSERT INTO ai_system_unit (system_id, unit_id) VALUES (?, ?)", arguments: [system.id, unit])
                }
                for role in system.roleIDs {
                    try db.execute(sql: "INSERT INTO ai_system_role (system_id, role_id) VALUES (?, ?)", arguments: [system.id, role])
                }
            }
            try Self.appendAudit(db, at: at, actor: actor, action: "systems.import", subject: source, details: [
                "added": "\(added.count)", "changed": "\(changed.count)", "removed": "\(removed.count)",
            ])
        }
        return (added.count, changed.count, removed.count)
    }
}

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

extension CatalogRepository {
    /// Stores the module versions of `catalog` not stored yet (with the texts their hashes cover).
    /// Cheap when nothing changed: one read, no file access.
    public func sync(catalog: Catalog, actor: String, at: Date) throws -> [ModuleVersionRecord] {
        let stored = Set(try storedVersions().map { "\($0.moduleID)/\($0.language.rawValue)/\($0.contentHash)" })
        let missing = catalog.moduleIDs.flatMap { id in
            catalog.modules[id]!.values.sorted { $0.language < $1.language }
                .filter { !stored.contains("\(id)/\($0.language.rawValue)/\($0.contentHash)") }
                .map { module in
                    ModuleVersionRecord(
                        moduleID: id, language: module.language, version: module.version, contentHash: module.contentHash,
                        title: module.title, moduleText: module.hashedTexts.module, quizText: module.hashedTexts.quiz)
                }
        }
        return missing.isEmpty ? [] : try sync(missing, actor: actor, at: at)
    }
}
