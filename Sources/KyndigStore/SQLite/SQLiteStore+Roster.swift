import Foundation
import GRDB
public import KyndigCore

extension SQLiteStore: RosterStore {
    public func rosterSnapshot() async throws -> RosterSnapshot {
        try await read { db in
            var units: [OrgUnit] = []
            var unitActive: [String: Bool] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name, parent_id, active FROM unit") {
                let unit = try Self.unit(row)
                units.append(unit)
                unitActive[unit.id] = try RowReader(row, table: "unit", keyColumn: "id").bool("active")
            }
            // Every person and role of the organisation (a re-import compares the whole file with
            // them): read through SQLite's C API, as strictly as `RowReader`; each person's roles
            // come as one run in the primary key's order, and unit and role ids are made once.
            var texts = ByteKeyedCache<String>()
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM person") ?? 0
            var roles: [String: [String]] = [:]
            roles.reserveCapacity(count)
            let roleStatement = try db.makeStatement(sql: "SELECT employee_id, role_id FROM person_role ORDER BY employee_id, role_id")
            let role = RawColumns(roleStatement, table: "person_role", keyIndex: 0, keyName: "employee_id")
            let roleRows = try Row.fetchCursor(roleStatement)
            var run = Run<String>()
            while try roleRows.next() != nil {
                try run.row(role, employeeIndex: 0, into: &roles)
                run.items.append(try role.text(1, "role_id", from: &texts))
            }
            run.finish(into: &roles)
            var people: [Person] = []
            people.reserveCapacity(count)
            let personStatement = try db.makeStatement(sql: "SELECT \(Self.personColumns) FROM person")
            let person = RawColumns(personStatement, table: "person", keyIndex: 0, keyName: "employee_id")
            let personRows = try Row.fetchCursor(personStatement)
            while try personRows.next() != nil {
                let employeeID = try person.text(0, "employee_id")
                people.append(Person(
                    employeeID: employeeID, name: try person.text(1, "name"), email: try person.text(2, "email"),
                    username: try person.text(3, "username"), unitID: try person.text(4, "unit_id", from: &texts),
                    roleIDs: roles[employeeID] ?? [], startDate: try person.date(5, "start_date"),
                    managerEmployeeID: try person.optionalText(6, "manager_employee_id"), active: try person.bool(7, "active")))
            }
            return RosterSnapshot(units: units, people: people, unitActive: unitActive)
        }
    }

    public func apply(_ parts: RosterPlanParts, on day: CalendarDate, change: Change) async throws {
        try await write { db in
            // A region's roster touches more index pages than the default 2 MB page cache holds:
            // without room, SQLite writes and rereads them mid-transaction.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            // Everyone this import touches carries its audit entry's number, for `export --since`:
            // written with each row (a second pass over 100,000 people took a third of an import).
            let writer = try RosterWriter(db, day: day, cursor: Self.nextSequence(db))

            // Into an empty person table (a first import), the table's own indexes are built
            // after the rows, in one sorted pass each, instead of kept up row by row (in SQLite
            // alone, 0.27 s against 0.41 s for 100,000 people). In the same transaction, so the
            // table is never without them; a unique index that fails rolls the import back.
            // Only for parts that never refer to a row not yet written (`inWritingOrder`, as
            // `RosterPlan.Builder` hands them out): while a reference waits for the commit's
            // check, SQLite looks up on every insert the rows that refer to the new one, which
            // without these indexes is a scan of the table.
            let empty = try Int.fetchOne(db, sql: "SELECT count(*) FROM person") == 0
            let rebuilt = empty && parts.inWritingOrder
                ? try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person' AND sql IS NOT NULL")
                    .map { (name: $0["name"] as String, sql: $0["sql"] as String) }
                : []
            for index in rebuilt { try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)") }
            // What the whole plan changed, counted part by part for its audit entry.
            var counts: [String: Int] = [:]
            while let part = try parts.next() {
                try writer.write(part, db)
                for (key, count) in [
                    ("units_added", part.addedUnits.count), ("units_changed", part.changedUnits.count),
                    ("units_deactivated", part.deactivatedUnitIDs.count), ("people_added", part.addedPeople.count),
                    ("people_changed", part.changedPeople.count), ("people_deactivated", part.deactivatedEmployeeIDs.count),
                ] { counts[key, default: 0] += count }
            }
            for index in rebuilt { try db.execute(sql: index.sql) }
            guard counts.values.contains(where: { $0 > 0 }) else { return }
            try Self.appendAudit(db, .rosterImport, subject: change.source, details: counts.mapValues(String.init), change: change)
        }
    }
}

/// The statements of a roster import, prepared once and run for every part of its plan.
private struct RosterWriter {
    let day: String
    let cursor: Int
    let upsertUnit, deactivateUnit, insertPerson, insertRole, returning, releaseUsername, updatePerson, deactivatePerson: BoundStatement
    let linkManager, linkParent: BoundStatement

    init(_ db: Database, day: CalendarDate, cursor: Int) throws {
        self.day = day.description
        self.cursor = cursor
        upsertUnit = try BoundStatement(db, sql: """
            INSERT INTO unit (id, name, parent_id, active) VALUES (?, ?, ?, 1)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, active = 1
            """)
        deactivateUnit = try BoundStatement(db, sql: "UPDATE unit SET active = 0 WHERE id = ?")
        insertPerson = try BoundStatement(db, sql: """
            INSERT INTO person (employee_id, name, email, username, unit_id, start_date, manager_employee_id, active, unit_since, changed_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
            """)
        insertRole = try BoundStatement(db, sql: "INSERT INTO person_role (employee_id, role_id, since) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        returning = try BoundStatement(db, sql: """
            UPDATE person_role SET since = ? WHERE employee_id = ? AND (SELECT active FROM person WHERE employee_id = ?) = 0
            """)
        // A placeholder no roster can hold (control characters are refused), unique per person.
        releaseUsername = try BoundStatement(db, sql: "UPDATE person SET username = char(1) || employee_id WHERE employee_id = ? AND username <> ?")
        updatePerson = try BoundStatement(db, sql: """
            UPDATE person SET name = ?, email = ?, username = ?, start_date = ?, manager_employee_id = ?,
                unit_since = CASE WHEN unit_id <> ? OR active = 0 THEN ? ELSE unit_since END, unit_id = ?, active = 1, changed_seq = ?
            WHERE employee_id = ?
            """)
        deactivatePerson = try BoundStatement(db, sql: "UPDATE person SET active = 0, changed_seq = ? WHERE employee_id = ?")
        linkManager = try BoundStatement(db, sql: "UPDATE person SET manager_employee_id = ? WHERE employee_id = ?")
        linkParent = try BoundStatement(db, sql: "UPDATE unit SET parent_id = ? WHERE id = ?")
    }

    /// Writes a part in the order `RosterPlan.Builder` hands it out for: leavers first (a new or
    /// changed person may take the username a leaver had), then units, changed people (one may
    /// give up a username a new person takes), new people, then the part's links (references
    /// to rows written by now). Changed people who take another username let go of their old one
    /// first, so that two may swap usernames in one import.
    func write(_ part: RosterPlan, _ db: Database) throws {
        for id in part.deactivatedEmployeeIDs { try deactivatePerson.run { $0.integer(cursor); $0.text(id) } }
        for unit in part.addedUnits + part.changedUnits {
            try upsertUnit.run { $0.text(unit.id); $0.text(unit.name); $0.text(unit.parentID) }
        }
        for id in part.deactivatedUnitIDs { try deactivateUnit.run { $0.text(id) } }
        for person in part.changedPeople { try releaseUsername.run { $0.text(person.employeeID); $0.text(person.username) } }
        // Changed people: a new role, a move or a return dates from `day`; what stays keeps its date.
        for person in part.changedPeople {
            let roles = SQLiteStore.distinctSorted(person.roleIDs)
            try returning.run { $0.text(day); $0.text(person.employeeID); $0.text(person.employeeID) }
            try updatePerson.run {
                $0.text(person.name); $0.text(person.email); $0.text(person.username); $0.text(person.startDate.description)
                $0.text(person.managerEmployeeID); $0.text(person.unitID); $0.text(day); $0.text(person.unitID)
                $0.integer(cursor); $0.text(person.employeeID)
            }
            try db.execute(sql: "DELETE FROM person_role WHERE employee_id = ? AND role_id NOT IN (\(SQLiteStore.placeholders(roles.count)))",
                           arguments: StatementArguments([person.employeeID] + roles))
            for role in roles { try insertRole.run { $0.text(person.employeeID); $0.text(role); $0.text(day) } }
        }
        // New people: their roles and their unit count from their start date. In the order
        // handed out: a manager new in the same part comes before their reports.
        for person in part.addedPeople {
            let start = person.startDate.description
            try insertPerson.run {
                $0.text(person.employeeID); $0.text(person.name); $0.text(person.email); $0.text(person.username)
                $0.text(person.unitID); $0.text(start); $0.text(person.managerEmployeeID); $0.text(start); $0.integer(cursor)
            }
            for role in SQLiteStore.distinctSorted(person.roleIDs) {
                try insertRole.run { $0.text(person.employeeID); $0.text(role); $0.text(start) }
            }
        }
        for link in part.managerLinks { try linkManager.run { $0.text(link.target); $0.text(link.id) } }
        for link in part.parentLinks { try linkParent.run { $0.text(link.target); $0.text(link.id) } }
    }
}

extension SQLiteStore: PeopleStore {
    public func person(employeeID: String) async throws -> Person? {
        try lookup { db in try Self.fetchPerson(db, where: "employee_id = ?", employeeID) }
    }

    public func person(username: String) async throws -> Person? {
        try lookup { db in try Self.fetchPerson(db, where: "username = ? AND active = 1", username) }
    }

    public func people(username: String) async throws -> [Person] {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT \(Self.personColumns) FROM person WHERE username = ? ORDER BY active DESC, employee_id", arguments: [username])
            let ids = try rows.map { try RowReader($0, table: "person", keyColumn: "employee_id").text("employee_id") }
            let roles = try Self.roles(db, forEmployeeIDs: ids)
            return try rows.map { try Self.person($0, roles: roles) }
        }
    }

    public func units() async throws -> [OrgUnit] {
        try await read { db in try Row.fetchAll(db, sql: "SELECT id, name, parent_id FROM unit WHERE active = 1 ORDER BY id").map(Self.unit) }
    }

    public func unitAncestry(of unitID: String) async throws -> [OrgUnit] {
        try lookup { db in
            var chain: [OrgUnit] = []
            var seen = Set<String>()
            var next: String? = unitID
            while let id = next, seen.insert(id).inserted,
                  let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, name, parent_id FROM unit WHERE id = ?"), arguments: [id]) {
                let unit = try Self.unit(row)
                chain.append(unit)
                next = unit.parentID
            }
            return chain
        }
    }
}

// MARK: - Decoding people and units

extension SQLiteStore {
    static let personColumns = "employee_id, name, email, username, unit_id, start_date, manager_employee_id, active"

    static func fetchPerson(_ db: Database, where condition: String, _ value: String) throws -> Person? {
        // `condition` is one of a few fixed texts, so the cache of prepared statements stays small.
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(personColumns) FROM person WHERE \(condition) ORDER BY employee_id LIMIT 1"),
                                         arguments: [value])
        else { return nil }
        let employeeID = try RowReader(row, table: "person", keyColumn: "employee_id").text("employee_id")
        return try person(row, roles: roles(db, forEmployeeIDs: [employeeID]))
    }

    /// Role ids by employee id, of the given people.
    static func roles(_ db: Database, forEmployeeIDs ids: [String]) throws -> [String: [String]] {
        var roles: [String: [String]] = [:]
        guard !ids.isEmpty else { return [:] }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT employee_id, role_id FROM person_role WHERE employee_id IN (\(placeholders(ids.count)))"),
                                       arguments: StatementArguments(ids))
        while let row = try rows.next() {
            let reader = RowReader(row, table: "person_role", keyColumn: "employee_id")
            roles[try reader.text(at: 0, "employee_id"), default: []].append(try reader.text(at: 1, "role_id"))
        }
        return roles
    }

    /// A person from a row of `personColumns` in that order: read by position, which is much
    /// faster than by name on 100,000 rows.
    static func person(_ row: Row, roles: [String: [String]]) throws -> Person {
        let reader = RowReader(row, table: "person", keyColumn: "employee_id")
        let employeeID = try reader.text(at: 0, "employee_id")
        return Person(
            employeeID: employeeID, name: try reader.text(at: 1, "name"), email: try reader.text(at: 2, "email"),
            username: try reader.text(at: 3, "username"), unitID: try reader.text(at: 4, "unit_id"),
            roleIDs: (roles[employeeID] ?? []).sorted(), startDate: try reader.date(at: 5, "start_date"),
            managerEmployeeID: try reader.optionalText(at: 6, "manager_employee_id"), active: try reader.bool(at: 7, "active"))
    }

    static func unit(_ row: Row) throws -> OrgUnit {
        let reader = RowReader(row, table: "unit", keyColumn: "id")
        return OrgUnit(id: try reader.text("id"), name: try reader.text("name"), parentID: try reader.optionalText("parent_id"))
    }

    /// Role ids once each, in order; most people have one, which needs no set.
    static func distinctSorted(_ roles: [String]) -> [String] {
        roles.count < 2 ? roles : Set(roles).sorted()
    }

    /// `?, ?, ?` for an IN list.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
