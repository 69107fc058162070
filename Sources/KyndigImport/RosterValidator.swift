import Foundation
import KyndigCore

/// Checks roster rows one at a time, then the references between them (units, managers, cycles).
struct RosterValidator {
    let file: String
    let knownRoles: Set<String>
    let existing: RosterSnapshot?
    /// The file is the whole organisation: stored people missing from it will be inactive.
    let full: Bool
    /// Today, for "a start date this far ahead is a typo"; nil skips that check.
    let asOf: CalendarDate?
    private(set) var problems: [Problem] = []

    private var people: [Person] = []
    /// Each accepted person's position in `people`, by employee id, and the row they came from.
    private var personIndex: [String: Int] = [:]
    private var personRows: [Int] = []
    private var usernameRow: [String: Int] = [:]
    private var units: [String: OrgUnit] = [:]
    private var unitOrder: [String] = []
    private var unitRow: [String: Int] = [:]
    private var managerRefs: [(row: Int, manager: String, employee: String)] = []

    /// - Parameter expectedRows: room to make up front (a roster has 100,000 rows; growing the
    ///   tables as rows come rehashes them over and over).
    init(file: String, knownRoles: Set<String>, existing: RosterSnapshot?, full: Bool, asOf: CalendarDate?, expectedRows: Int = 0) {
        self.file = file
        self.knownRoles = knownRoles
        self.existing = existing
        self.full = full
        self.asOf = asOf
        people.reserveCapacity(expectedRows)
        personIndex.reserveCapacity(expectedRows)
        personRows.reserveCapacity(expectedRows)
        usernameRow.reserveCapacity(expectedRows)
    }

    /// The row of the file's person with this id.
    private func fileRow(of employeeID: String) -> Int? {
        personIndex[employeeID].map { personRows[$0] }
    }

    /// The earliest start date taken as real; earlier ones are typos or placeholders.
    static let earliestStart = CalendarDate(year: 1900, month: 1, day: 1)!

    mutating func report(_ row: Int, _ column: String, _ problem: String) {
        problems.append(Problem(file: file, line: row, field: column, problem))
    }

    /// Validates one row; the person and their unit when the row has no problem of its own.
    mutating func add(row: Int, _ values: RosterRow) -> (person: Person, unit: OrgUnit)? {
        let before = problems.count
        for column in RosterRow.Column.allCases {
            if let (scalar, position) = PlainText.firstControl(in: values[column]) {
                report(row, column.header, "contains the control character \(PlainText.name(scalar)) at character \(position). Remove it: names, ids and addresses are plain text.")
            }
        }
        for column in RosterRow.Column.allCases where !column.isOptional && values[column].isEmpty {
            report(row, column.header, "is empty. Every row needs a value here.")
        }
        let employeeID = values[.employeeID], username = values[.username], unitID = values[.unitID]
        if !employeeID.isEmpty, let first = fileRow(of: employeeID) {
            report(row, "employee_id", "'\(employeeID)' appears twice (first on row \(first)). Each person must appear once.")
        }
        if !username.isEmpty, let first = usernameRow[username] {
            report(row, "username", "'\(username)' is used twice (first on row \(first)). Usernames must be unique.")
        }
        let email = values[.email]
        if !email.isEmpty && !Self.isPlausibleEmail(email) {
            report(row, "email", "'\(PlainText.escaped(email))' is not an e-mail address (name@domain.example). Fix it or leave it empty.")
        }
        var roles: [String] = []
        let rolesText = values[.roles]
        var unknownRole = false
        // Most people have one role: their text is it (values are trimmed), with nothing to split.
        let named = rolesText.utf8.contains(UInt8(ascii: "|")) ? rolesText.split(separator: "|").map(\.trimmed) : [rolesText]
        for role in named where !role.isEmpty {
            if knownRoles.contains(role) {
                if !roles.contains(role) { roles.append(role) }
            } else {
                unknownRole = true
                let hint = Suggestion.nearest(role, in: knownRoles).map { " Did you mean '\($0)'?" } ?? ""
                report(row, "roles", "unknown role '\(PlainText.escaped(role))'.\(hint) Known roles: \(knownRoles.sorted().joined(separator: ", ")); separate several with '|'.")
            }
        }
        if roles.isEmpty && !rolesText.isEmpty && !unknownRole {
            report(row, "roles", "'\(rolesText)' names no role. Give at least one of: \(knownRoles.sorted().joined(separator: ", ")); separate several with '|'.")
        }
        let startText = values[.startDate]
        let start = CalendarDate(iso: startText)
        if start == nil && !startText.isEmpty {
            report(row, "start_date", "'\(PlainText.escaped(startText))' is not a date. Write it as YYYY-MM-DD, e.g. 2025-03-01.")
        }
        if let start, start < Self.earliestStart {
            report(row, "start_date", "\(start) is before \(Self.earliestStart), so it cannot be a real start date. Check the export.")
        }
        if let start, let asOf, start > asOf.adding(days: 366) {
            report(row, "start_date", "\(start) is more than a year after today (\(asOf)), so it is probably a placeholder or a typo. Give the real start date.")
        }
        let manager = values[.managerEmployeeID]
        if !manager.isEmpty && manager == employeeID {
            report(row, "manager_employee_id", "'\(manager)' is the person's own id. Give their manager's id or leave it empty.")
        }
        addUnit(row: row, id: unitID, name: values[.unitName], parent: values[.parentUnitID])

        guard problems.count == before, let start else { return nil }
        personIndex[employeeID] = people.count
        personRows.append(row)
        usernameRow[username] = row
        if !manager.isEmpty && manager != employeeID { managerRefs.append((row, manager, employeeID)) }
        let person = Person(
            employeeID: employeeID, name: values[.name], email: email, username: username, unitID: unitID,
            roleIDs: roles.count < 2 ? roles : roles.sorted(), startDate: start, managerEmployeeID: manager.isEmpty ? nil : manager)
        people.append(person)
        let parent = values[.parentUnitID]
        return (person, OrgUnit(id: unitID, name: values[.unitName], parentID: parent.isEmpty ? nil : parent))
    }

    /// One `@` between a non-empty local part and a domain with a dot inside it, no spaces.
    static func isPlausibleEmail(_ text: String) -> Bool {
        // ASCII (nearly every address) in one pass over its bytes; anything else by characters, below.
        var text = text
        let ascii: Bool? = text.withUTF8 { bytes in
            let dot = UInt8(ascii: "."), at = UInt8(ascii: "@")
            var atIndex: Int?
            for (index, byte) in bytes.enumerated() {
                if byte >= 0x80 { return nil }
                if byte == 0x20 || (0x09...0x0D).contains(byte) { return false }
                if byte == at {
                    if atIndex != nil { return false }
                    atIndex = index
                }
            }
            guard let atIndex, atIndex > 0 else { return false }
            let domain = bytes[(atIndex + 1)...]
            guard let first = domain.first, first != dot, domain.last != dot else { return false }
            var dots = 0, previous = first
            for byte in domain.dropFirst() {
                if byte == dot {
                    if previous == dot { return false }
                    dots += 1
                }
                previous = byte
            }
            return dots > 0
        }
        if let ascii { return ascii }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".") && !domain.contains("..")
    }

    /// Units come from the people rows; each mention must agree with the first.
    private mutating func addUnit(row: Int, id: String, name: String, parent: String) {
        guard !id.isEmpty, !name.isEmpty else { return }
        let parentID = parent.isEmpty ? nil : parent
        if parentID == id {
            report(row, "parent_unit_id", "unit '\(id)' is its own parent. Give the unit above it or leave it empty.")
            return
        }
        if let known = units[id] {
            if known.name != name {
                report(row, "unit_name", "unit '\(id)' is called '\(name)' here but '\(known.name)' on row \(unitRow[id]!). Use one name per unit.")
            }
            if known.parentID != parentID {
                report(row, "parent_unit_id", "unit '\(id)' has parent '\(parentID ?? "")' here but '\(known.parentID ?? "")' on row \(unitRow[id]!). Use one parent per unit.")
            }
            return
        }
        units[id] = OrgUnit(id: id, name: name, parentID: parentID)
        unitOrder.append(id)
        unitRow[id] = row
    }

    /// Checks references that need the whole file, and returns the snapshot.
    mutating func finish() -> RosterSnapshot {
        let storedUnits = Dictionary((existing?.units ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in unitOrder {
            guard let parent = units[id]?.parentID, units[parent] == nil else { continue }
            if storedUnits[parent] == nil {
                report(unitRow[id]!, "parent_unit_id", "unit '\(parent)' is not in the file\(existing == nil ? "" : " or the database"). Add a row for a person in that unit, or fix the id.")
            }
        }
        // Cycles over the file's units plus stored units the file does not redefine.
        var parents: [String: String?] = storedUnits.mapValues(\.parentID)
        for (id, unit) in units { parents[id] = unit.parentID }
        for cycle in UnitTree.cycles(parents: parents) {
            let rows = cycle.compactMap { unitRow[$0] }
            guard let row = rows.min() else { continue }
            report(row, "parent_unit_id", "units \(cycle.joined(separator: " → ")) → \(cycle[0]) form a cycle (rows \(rows.sorted().map(String.init).joined(separator: ", "))). A unit cannot be above itself; fix one parent.")
        }
        // Stored ids are gathered only when a manager is not in the file (a partial import).
        let outside = managerRefs.filter { personIndex[$0.manager] == nil }
        let storedPeople = outside.isEmpty ? [] : Set((existing?.people ?? []).map(\.employeeID))
        for reference in outside where !storedPeople.contains(reference.manager) {
            report(reference.row, "manager_employee_id", "'\(reference.manager)' is not an employee in the file\(existing == nil ? "" : " or the database"). Fix the id or leave it empty.")
        }
        checkManagerCycles()
        checkUsernamesAgainstStoredPeople()
        problems.sort()
        return RosterSnapshot(units: unitOrder.map { units[$0]! }, people: people)
    }

    /// A manager chain that comes back to where it started (E1 → E2 → E1), over the file's people
    /// and the stored people the file leaves as they are. Walks integer indices rather than a
    /// dictionary of ids: this runs on 100,000-person rosters.
    private mutating func checkManagerCycles() {
        // Node i < people.count is the file's person i; later nodes are stored people not in the file.
        var node = personIndex
        let stored = (existing?.people ?? []).filter { personIndex[$0.employeeID] == nil }
        for (offset, person) in stored.enumerated() { node[person.employeeID] = people.count + offset }
        let managerIDs = people.map(\.managerEmployeeID) + stored.map(\.managerEmployeeID)
        let managers = managerIDs.map { $0.flatMap { node[$0] } }
        let ids = people.map(\.employeeID) + stored.map(\.employeeID)
        var state = [UInt8](repeating: 0, count: managers.count)  // 1 = on the current path, 2 = done
        for start in managers.indices where state[start] == 0 {
            var path: [Int] = []
            var current: Int? = start
            while let at = current, state[at] == 0 {
                state[at] = 1
                path.append(at)
                current = managers[at]
            }
            if let at = current, state[at] == 1, let first = path.firstIndex(of: at) {
                let cycle = path[first...].map { ids[$0] }
                let rows = cycle.compactMap { fileRow(of: $0) }
                if let row = rows.min() {
                    report(row, "manager_employee_id", "managers \(cycle.joined(separator: " → ")) → \(cycle[0]) form a cycle (rows \(rows.sorted().map(String.init).joined(separator: ", "))). Nobody can be their own manager's manager; fix one manager id.")
                }
            }
            for at in path { state[at] = 2 }
        }
    }

    /// A username is how a person signs in to take a quiz: two active people with one username
    /// would have one's answers credited to the other. Stored people the file does not mention
    /// stay active (unless the file is the whole organisation), and keep their usernames.
    private mutating func checkUsernamesAgainstStoredPeople() {
        guard let existing, !full else { return }
        var holders: [String: String] = [:]
        for person in existing.people where person.active && personIndex[person.employeeID] == nil {
            holders[person.username] = person.employeeID
        }
        for (index, person) in people.enumerated() {
            guard let holder = holders[person.username] else { continue }
            report(personRows[index], "username", "'\(person.username)' already belongs to \(holder), who is active in the database; \(person.employeeID) cannot have it too. Give \(person.employeeID) another username, or include \(holder) in the file with a new one.")
        }
    }
}
