import Foundation
import GRDB
public import KyndigCore

extension SQLiteStore: SystemStore {
    public func systems() async throws -> [AISystem] {
        try await read { db in
            func sinceByKey(_ table: String, _ column: String) throws -> [String: [String: CalendarDate]] {
                var since: [String: [String: CalendarDate]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT system_id, \(column), since FROM \(table)") {
                    let reader = RowReader(row, table: table, keyColumn: "system_id")
                    since[try reader.text("system_id"), default: [:]][try reader.text(column)] = try reader.date("since")
                }
                return since
            }
            let since = try sinceByKey("ai_system_unit", "unit_id")
            let overseerSince = try sinceByKey("ai_system_overseer", "employee_id")
            func lists(_ table: String, _ column: String) throws -> [String: [String]] {
                var result: [String: [String]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT system_id, \(column) FROM \(table) ORDER BY \(column)") {
                    let reader = RowReader(row, table: table, keyColumn: "system_id")
                    result[try reader.text("system_id"), default: []].append(try reader.text(column))
                }
                return result
            }
            let contexts = try lists("ai_system_context", "context_id")
            let units = try lists("ai_system_unit", "unit_id")
            let roles = try lists("ai_system_role", "role_id")
            let overseers = try lists("ai_system_overseer", "employee_id")
            let measures = try lists("ai_system_measure", "measure_id")
            return try Row.fetchAll(db, sql: "SELECT id, name, vendor, purpose, risk, route, local_unit FROM ai_system ORDER BY id").map { row in
                let reader = RowReader(row, table: "ai_system", keyColumn: "id")
                let id = try reader.text("id")
                return AISystem(id: id, name: try reader.text("name"), vendor: try reader.text("vendor"), purpose: try reader.text("purpose"),
                                risk: try reader.parsed("risk", AISystem.RiskClass.init(rawValue:)),
                                route: try reader.optionalParsed("route", HighRiskRoute.init(rawValue:)),
                                contextIDs: contexts[id] ?? [], unitIDs: units[id] ?? [], roleIDs: roles[id] ?? [],
                                overseerIDs: overseers[id] ?? [], measureIDs: measures[id] ?? [], localUnitID: try reader.optionalText("local_unit"), unitSince: since[id] ?? [:], overseerSince: overseerSince[id] ?? [:])
            }
        }
    }

    public func apply(_ plan: SystemsPlan, on day: CalendarDate, change: Change) async throws {
        try await write { db in
            for id in plan.removedIDs { try db.execute(sql: "DELETE FROM ai_system WHERE id = ?", arguments: [id]) }
            for system in plan.added + plan.changed {
                try db.execute(sql: """
                    INSERT INTO ai_system (id, name, vendor, purpose, risk, route, local_unit) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, vendor = excluded.vendor, purpose = excluded.purpose,
                        risk = excluded.risk, route = excluded.route, local_unit = excluded.local_unit
                    """, arguments: [system.id, system.name, system.vendor, system.purpose, system.risk.rawValue, system.route?.rawValue,
                                     system.localUnitID])
                for table in ["ai_system_context", "ai_system_role", "ai_system_measure"] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE system_id = ?", arguments: [system.id])
                }
                for context in system.contextIDs {
                    try db.execute(sql: "INSERT INTO ai_system_context (system_id, context_id) VALUES (?, ?)", arguments: [system.id, context])
                }
                // A unit that keeps the system keeps the day it got it; a new unit gets it from `day`.
                try db.execute(sql: "DELETE FROM ai_system_unit WHERE system_id = ? AND unit_id NOT IN (\(Self.placeholders(system.unitIDs.count)))",
                               arguments: StatementArguments([system.id] + system.unitIDs))
                for unit in system.unitIDs {
                    try db.execute(sql: "INSERT INTO ai_system_unit (system_id, unit_id, since) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                   arguments: [system.id, unit, day.description])
                }
                for role in system.roleIDs {
                    try db.execute(sql: "INSERT INTO ai_system_role (system_id, role_id) VALUES (?, ?)", arguments: [system.id, role])
                }
                for measure in system.measureIDs {
                    try db.execute(sql: "INSERT INTO ai_system_measure (system_id, measure_id) VALUES (?, ?)", arguments: [system.id, measure])
                }
                // An overseer who stays keeps the day they were assigned.
                try db.execute(sql: "DELETE FROM ai_system_overseer WHERE system_id = ? AND employee_id NOT IN (\(Self.placeholders(system.overseerIDs.count)))",
                               arguments: StatementArguments([system.id] + system.overseerIDs))
                for overseer in system.overseerIDs {
                    try db.execute(sql: "INSERT INTO ai_system_overseer (system_id, employee_id, since) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                   arguments: [system.id, overseer, day.description])
                }
            }
            try Self.appendAudit(db, .systemsImport, subject: change.source, details: [
                "added": "\(plan.added.count)", "changed": "\(plan.changed.count)", "removed": "\(plan.removedIDs.count)",
            ], change: change)
        }
    }
}
