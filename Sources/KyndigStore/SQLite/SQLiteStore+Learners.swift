import Foundation
import GRDB
public import KyndigCore

extension SQLiteStore: LearnerStore {
    public func learnerRecord(of person: Person) async throws -> LearnerRecord {
        try lookup { db in try Self.learnerRecord(db, of: person) }
    }

    public func learnerRecord(employeeID: String) async throws -> LearnerRecord? {
        try lookup { db in
            // The person's row once, with the day they joined their unit; their roles come with
            // the days they were given, in the evidence.
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.personColumns), unit_since FROM person WHERE employee_id = ?"),
                                             arguments: [employeeID])
            else { return nil }
            let evidence = try Self.evidence(db, employeeIDs: [employeeID])
            let person = try Self.person(row, roles: [employeeID: evidence.roleIDs(of: employeeID)])
            // unit_since follows the person columns.
            return evidence.record(for: person, unitSince: try RowReader(row, table: "person", keyColumn: "employee_id").date(at: 8, "unit_since"))
        }
    }

    static func learnerRecord(_ db: Database, of person: Person) throws -> LearnerRecord {
        let evidence = try evidence(db, employeeIDs: [person.employeeID])
        let unitSince = try Row.fetchOne(db.cachedStatement(sql: "SELECT employee_id, unit_since FROM person WHERE employee_id = ?"),
                                         arguments: [person.employeeID])
            .map { try RowReader($0, table: "person", keyColumn: "employee_id").date("unit_since") } ?? person.startDate
        return evidence.record(for: person, unitSince: unitSince)
    }

    public func learnerRecords(inUnit unitID: String?, after: String?, limit: Int) async throws -> [LearnerRecord] {
        try await read { db in
            var (sql, arguments) = Self.activePeople(inUnit: unitID, columns: "\(Self.personColumns), unit_since")
            if let after {
                sql += " AND employee_id > ?"
                arguments += [after]
            }
            sql += " ORDER BY employee_id LIMIT ?"
            arguments += [limit]
            // The people's columns read in place, as the evidence is below: a report reads them all.
            let statement = try db.cachedStatement(sql: sql)
            let cursor = try Row.fetchCursor(statement, arguments: arguments)
            let columns = RawColumns(statement, table: "person", keyIndex: 0, keyName: "employee_id")
            var units = ByteKeyedCache<String>()
            var rows: [PersonRow] = []
            rows.reserveCapacity(limit)
            while try cursor.next() != nil { rows.append(try PersonRow(columns, units: &units)) }
            let ids = rows.map(\.employeeID)
            // Everyone's evidence (no unit) is read by the page's range of employee ids: one pass
            // along each index instead of a thousand look-ups (a third of the read). The range
            // also holds people who have left, whose evidence is read and not used.
            let range = unitID == nil ? ids.first.flatMap { first in ids.last.map { first...$0 } } : nil
            let evidence = try Self.evidence(db, employeeIDs: ids, within: range)
            return rows.map { row in
                // The roles come with the days they were given, in the evidence.
                let person = Person(
                    employeeID: row.employeeID, name: row.name, email: row.email, username: row.username, unitID: row.unitID,
                    roleIDs: evidence.roleIDs(of: row.employeeID), startDate: row.startDate, managerEmployeeID: row.managerEmployeeID,
                    active: row.active)
                return evidence.record(for: person, unitSince: row.unitSince)
            }
        }
    }

    /// A person's columns (`personColumns`, then unit_since), read in place.
    struct PersonRow {
        let employeeID: String
        let name: String
        let email: String
        let username: String
        let unitID: String
        let startDate: CalendarDate
        let managerEmployeeID: String?
        let active: Bool
        let unitSince: CalendarDate

        init(_ columns: RawColumns, units: inout ByteKeyedCache<String>) throws {
            employeeID = try columns.text(0, "employee_id")
            name = try columns.text(1, "name")
            email = try columns.text(2, "email")
            username = try columns.text(3, "username")
            unitID = try columns.text(4, "unit_id", from: &units)
            startDate = try columns.date(5, "start_date")
            managerEmployeeID = try columns.optionalText(6, "manager_employee_id")
            active = try columns.bool(7, "active")
            unitSince = try columns.date(8, "unit_since")
        }
    }

    public func pageBoundaries(inUnit unitID: String?, pageSize: Int) async throws -> [String] {
        try await read { db in
            // Numbered in one pass (the same SQL runs on PostgreSQL); the last of a page is a
            // whole multiple of the page size.
            let (people, arguments) = Self.activePeople(inUnit: unitID, columns: "employee_id, row_number() OVER (ORDER BY employee_id) AS position")
            return try String.fetchAll(db, sql: "SELECT employee_id FROM (\(people)) AS numbered WHERE position % ? = 0 ORDER BY employee_id",
                                       arguments: arguments + [pageSize])
        }
    }

    /// `columns` of the active people of `unitID`'s subtree (everyone when nil): a query to
    /// which more conditions can be added with AND.
    static func activePeople(inUnit unitID: String?, columns: String) -> (sql: String, arguments: StatementArguments) {
        guard let unitID else { return ("SELECT \(columns) FROM person WHERE active = 1", []) }
        // The subtree by a recursive query (the same SQL runs on PostgreSQL); a cycle cannot
        // loop, because UNION drops rows already seen.
        return ("""
            WITH RECURSIVE subtree(id) AS (
                SELECT id FROM unit WHERE id = ?
                UNION SELECT unit.id FROM unit JOIN subtree ON unit.parent_id = subtree.id
            )
            SELECT \(columns) FROM person
            WHERE active = 1 AND unit_id IN (SELECT id FROM subtree)
            """, [unitID])
    }

    /// Everything statuses are computed from, for a page of people, in five queries.
    struct Evidence {
        var completions: [String: [Completion]] = [:]
        var open: [String: Set<String>] = [:]
        /// Each person's roles by id, with the day each was given.
        var roles: [String: [(id: String, since: CalendarDate)]] = [:]
        var exemptions: [String: [Exemption]] = [:]
        var attestations: [String: [Attestation]] = [:]

        func roleIDs(of employeeID: String) -> [String] {
            (roles[employeeID] ?? []).map(\.id).sorted()
        }

        func record(for person: Person, unitSince: CalendarDate) -> LearnerRecord {
            LearnerRecord(
                person: person, history: PersonHistory(
                    roleSince: Dictionary(roles[person.employeeID] ?? [], uniquingKeysWith: { first, _ in first }), unitSince: unitSince),
                completions: completions[person.employeeID] ?? [], openAttemptModuleIDs: open[person.employeeID] ?? [],
                exemptions: exemptions[person.employeeID] ?? [], attestations: attestations[person.employeeID] ?? [])
        }
    }

    /// The evidence of the people `ids`; with `range` (which holds them all), of everyone whose
    /// employee id is in it.
    static func evidence(_ db: Database, employeeIDs ids: [String], within range: ClosedRange<String>? = nil) throws -> Evidence {
        // Prepared once per connection and list length (one person's status, a report's pages of
        // 1,000): preparing was a sixth of a status request's time.
        var evidence = Evidence()
        guard !ids.isEmpty else { return evidence }
        let people = range == nil ? "IN (\(placeholders(ids.count)))" : "BETWEEN ? AND ?"
        let arguments = range.map { StatementArguments([$0.lowerBound, $0.upperBound]) } ?? StatementArguments(ids)
        // By person, then oldest first: the covering index's own order, so SQLite sorts nothing.
        // A report reads every pass of the organisation here, so the columns are read in place
        // (`RawColumns`), module ids, versions and content hashes made once per page, and each
        // person's passes gathered as one run.
        let passStatement = try db.cachedStatement(sql: """
            SELECT id, employee_id, module_id, version, content_hash, finished_on, score FROM quiz_attempt
            WHERE outcome = 'passed' AND employee_id \(people) ORDER BY employee_id, finished_at, id
            """)
        let passes = try Row.fetchCursor(passStatement, arguments: arguments)
        let pass = RawColumns(passStatement, table: "quiz_attempt", keyIndex: 0, keyName: "id")
        var texts = ByteKeyedCache<String>()
        var versions = ByteKeyedCache<ModuleVersion>()
        var run = Run<Completion>()
        while try passes.next() != nil {
            try run.row(pass, employeeIndex: 1, into: &evidence.completions)
            run.items.append(Completion(
                moduleID: try pass.text(2, "module_id", from: &texts), version: try pass.version(3, "version", from: &versions),
                contentHash: try pass.text(4, "content_hash", from: &texts), passedOn: try pass.date(5, "finished_on"),
                score: try pass.double(6, "score")))
        }
        run.finish(into: &evidence.completions)
        let attempts = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT id, employee_id, module_id FROM quiz_attempt WHERE finished_at IS NULL AND employee_id \(people)
            """), arguments: arguments)
        while let row = try attempts.next() {
            let reader = RowReader(row, table: "quiz_attempt", keyColumn: "id")
            evidence.open[try reader.text(at: 1, "employee_id"), default: []].insert(try reader.text(at: 2, "module_id"))
        }
        // By person in the primary key's order, so each person's roles come as one run.
        let roleStatement = try db.cachedStatement(sql: """
            SELECT employee_id, role_id, since FROM person_role WHERE employee_id \(people) ORDER BY employee_id, role_id
            """)
        let roles = try Row.fetchCursor(roleStatement, arguments: arguments)
        let role = RawColumns(roleStatement, table: "person_role", keyIndex: 0, keyName: "employee_id")
        var roleRun = Run<(id: String, since: CalendarDate)>()
        while try roles.next() != nil {
            try roleRun.row(role, employeeIndex: 0, into: &evidence.roles)
            roleRun.items.append((try role.text(1, "role_id", from: &texts), try role.date(2, "since")))
        }
        roleRun.finish(into: &evidence.roles)
        let exemptions = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT * FROM exemption WHERE revoked_on IS NULL AND employee_id \(people) ORDER BY granted_on, id
            """), arguments: arguments)
        while let row = try exemptions.next() {
            let exemption = try Self.exemption(row)
            evidence.exemptions[exemption.employeeID, default: []].append(exemption)
        }
        let attested = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT * FROM attestation WHERE employee_id \(people) ORDER BY employee_id, attested_on, id
            """), arguments: arguments)
        while let row = try attested.next() {
            let attestation = try Self.attestation(row)
            evidence.attestations[attestation.employeeID, default: []].append(attestation)
        }
        return evidence
    }

    /// One person's rows of a query ordered by person: gathered while the employee id stays the
    /// same (compared as bytes, so no string is made per row) and filed under it when it changes.
    struct Run<Item> {
        var employee: [UInt8] = []
        var employeeID: String?
        var items: [Item] = []

        /// Starts a new run when the current row is another person's.
        mutating func row(_ columns: RawColumns, employeeIndex: Int32, into runs: inout [String: [Item]]) throws {
            let bytes = try columns.bytes(employeeIndex, "employee_id")
            guard employeeID == nil || !bytesEqual(employee, bytes) else { return }
            finish(into: &runs)
            employee = Array(bytes)
            employeeID = try columns.text(employeeIndex, "employee_id")
        }

        mutating func finish(into runs: inout [String: [Item]]) {
            if let employeeID, !items.isEmpty { runs[employeeID, default: []].append(contentsOf: items) }
            items.removeAll(keepingCapacity: true)
        }
    }
}

extension SQLiteStore: AttestationStore {
    public func attest(_ attestation: Attestation, change: Change) async throws {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO attestation (employee_id, measure_id, attested_by, attested_on, recorded_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [attestation.employeeID, attestation.measureID, attestation.attestedBy, attestation.attestedOn.description,
                                 Timestamp.string(change.at)])
            try Self.appendAudit(db, .measureAttest, subject: attestation.employeeID, details: [
                "measure": attestation.measureID, "attested_by": attestation.attestedBy, "attested_on": attestation.attestedOn.description,
            ], change: change)
        }
    }

    public func attestations(employeeID: String) async throws -> [Attestation] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM attestation WHERE employee_id = ? ORDER BY attested_on, id", arguments: [employeeID])
                .map(Self.attestation)
        }
    }

    static func attestation(_ row: Row) throws -> Attestation {
        let reader = RowReader(row, table: "attestation", keyColumn: "id")
        return Attestation(employeeID: try reader.text("employee_id"), measureID: try reader.text("measure_id"),
                           attestedBy: try reader.text("attested_by"), attestedOn: try reader.date("attested_on"))
    }
}

extension SQLiteStore: ExemptionStore {
    public func grant(_ exemption: Exemption, change: Change) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE exemption SET revoked_on = ? WHERE employee_id = ? AND module_id = ? AND revoked_on IS NULL",
                           arguments: [exemption.grantedOn.description, exemption.employeeID, exemption.moduleID])
            try db.execute(sql: """
                INSERT INTO exemption (employee_id, module_id, reason, approver, granted_on, until) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [exemption.employeeID, exemption.moduleID, exemption.reason, exemption.approver,
                                 exemption.grantedOn.description, exemption.until?.description])
            try Self.appendAudit(db, .exemptionGrant, subject: exemption.employeeID, details: [
                "module": exemption.moduleID, "approver": exemption.approver, "granted_on": exemption.grantedOn.description,
                "until": exemption.until?.description ?? "", "reason": exemption.reason,
            ], change: change)
        }
    }

    public func revokeExemption(employeeID: String, moduleID: String, on day: CalendarDate, change: Change) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "UPDATE exemption SET revoked_on = ? WHERE employee_id = ? AND module_id = ? AND revoked_on IS NULL",
                           arguments: [day.description, employeeID, moduleID])
            guard db.changesCount > 0 else { return false }
            try Self.appendAudit(db, .exemptionRevoke, subject: employeeID, details: ["module": moduleID, "revoked_on": day.description],
                                 change: change)
            return true
        }
    }

    public func exemptions(employeeID: String) async throws -> [Exemption] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM exemption WHERE employee_id = ? AND revoked_on IS NULL ORDER BY granted_on, id",
                             arguments: [employeeID]).map(Self.exemption)
        }
    }

    static func exemption(_ row: Row) throws -> Exemption {
        let reader = RowReader(row, table: "exemption", keyColumn: "id")
        return Exemption(
            employeeID: try reader.text("employee_id"), moduleID: try reader.text("module_id"), reason: try reader.text("reason"),
            approver: try reader.text("approver"), grantedOn: try reader.date("granted_on"),
            until: try reader.optionalParsed("until") { CalendarDate(iso: $0) })
    }
}
