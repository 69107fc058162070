import Foundation
import GRDB
import KyndigCore

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
