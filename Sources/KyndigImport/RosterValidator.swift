import Foundation
import KyndigCore

/// Checks roster rows one at a time, then the references between them (units, managers, cycles).
struct RosterValidator {
    let file: String
    let knownRoles: Set<String>
    let existing: RosterSnapshot?
    private(set) var problems: [Problem] = []

    private var people: [Person] = []
    private var personRow: [String: Int] = [:]
    private var usernameRow: [String: Int] = [:]
    private var units: [String: OrgUnit] = [:]
    private var unitOrder: [String] = []
    private var unitRow: [String: Int] = [:]
    private var managerRefs: [(row: Int, manager: String, employee: String)] = []

    init(file: String, knownRoles: Set<String>, existing: RosterSnapshot?) {
        self.file = file
        self.knownRoles = knownRoles
        self.existing = existing
    }

    mutating func report(_ row: Int, _ column: String, _ problem: String) {
        problems.append(Problem(file: file, line: row, field: column, problem))
    }

    /// Validates one row; `field` returns the trimmed value of a named column.
    mutating func add(row: Int, field: (String) -> String) {
        let before = problems.count
        for column in RosterReader.columns where !RosterReader.optional.contains(column) && field(column).isEmpty {
            report(row, column, "is empty. Every row needs a value here.")
        }
        let employeeID = field("employee_id"), username = field("username"), unitID = field("unit_id")
        if !employeeID.isEmpty, let first = personRow[employeeID] {
            report(row, "employee_id", "'\(employeeID)' appears twice (first on row \(first)). Each person must appear once.")
        }
        if !username.isEmpty, let first = usernameRow[username] {
            report(row, "username", "'\(username)' is used twice (first on row \(first)). Usernames must be unique.")
        }
        let email = field("email")
        if !email.isEmpty && !email.contains("@") {
            report(row, "email", "'\(email)' is not an e-mail address. Fix it or leave it empty.")
        }
        var roles: [String] = []
        for role in field("roles").split(separator: "|").map(\.trimmed) where !role.isEmpty {
            if knownRoles.contains(role) {
                if !roles.contains(role) { roles.append(role) }
            } else {
                let hint = Suggestion.nearest(role, in: knownRoles).map { " Did you mean '\($0)'?" } ?? ""
                report(row, "roles", "unknown role '\(role)'.\(hint) Known roles: \(knownRoles.sorted().joined(separator: ", ")); separate several with '|'.")
            }
        }
        let startText = field("start_date")
        let start = CalendarDate(iso: startText)
        if start == nil && !startText.isEmpty {
            report(row, "start_date", "'\(startText)' is not a date. Write it as YYYY-MM-DD, e.g. 2025-03-01.")
        }
        let manager = field("manager_employee_id")
        if !manager.isEmpty && manager == employeeID {
            report(row, "manager_employee_id", "'\(manager)' is the person's own id. Give their manager's id or leave it empty.")
        }
        addUnit(row: row, id: unitID, name: field("unit_name"), parent: field("parent_unit_id"))

        guard problems.count == before, let start else { return }
        personRow[employeeID] = row
        usernameRow[username] = row
        if !manager.isEmpty && manager != employeeID { managerRefs.append((row, manager, employeeID)) }
        people.append(Person(
            employeeID: employeeID, name: field("name"), email: email, username: username, unitID: unitID,
            roleIDs: roles.sorted(), startDate: start, managerEmployeeID: manager.isEmpty ? nil : manager))
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
        let storedPeople = Set((existing?.people ?? []).map(\.employeeID))
        for reference in managerRefs where personRow[reference.manager] == nil && !storedPeople.contains(reference.manager) {
            report(reference.row, "manager_employee_id", "'\(reference.manager)' is not an employee in the file\(existing == nil ? "" : " or the database"). Fix the id or leave it empty.")
        }
        problems.sort()
        return RosterSnapshot(units: unitOrder.map { units[$0]! }, people: people)
    }
}
