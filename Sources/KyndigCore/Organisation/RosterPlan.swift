/// The organisation as the roster describes it: units and people.
public struct RosterSnapshot: Sendable, Equatable {
    public var units: [OrgUnit]
    public var unitActive: [String: Bool]
    public var people: [Person]

    public init(units: [OrgUnit], people: [Person], unitActive: [String: Bool] = [:]) {
        self.units = units
        self.people = people
        self.unitActive = unitActive
    }
}

/// What an import changes. Computed by `RosterPlan.init(current:incoming:full:)`, a pure diff,
/// so a dry run and the real run report the very same numbers.
public struct RosterPlan: Sendable, Equatable {
    public var addedUnits: [OrgUnit] = []
    public var changedUnits: [OrgUnit] = []
    /// Units absent from a `--full` file: marked inactive, never deleted.
    public var deactivatedUnitIDs: [String] = []
    public var addedPeople: [Person] = []
    /// People whose fields, roles or active flag differ (a returning person is reactivated here).
    public var changedPeople: [Person] = []
    /// People absent from a `--full` file: marked inactive, never deleted (their history is evidence).
    public var deactivatedEmployeeIDs: [String] = []

    public var isEmpty: Bool { changeCount == 0 }

    public var changeCount: Int {
        addedUnits.count + changedUnits.count + deactivatedUnitIDs.count
            + addedPeople.count + changedPeople.count + deactivatedEmployeeIDs.count
    }

    /// Compares the stored organisation with an incoming roster.
    /// - Parameter full: the file is the whole organisation; anyone (and any unit) missing from it
    ///   is deactivated. Without it, the file is a partial update and absence means nothing.
    public init(current: RosterSnapshot, incoming: RosterSnapshot, full: Bool) {
        let currentUnits = Dictionary(current.units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for unit in incoming.units {
            if let existing = currentUnits[unit.id] {
                if existing != unit || current.unitActive[unit.id] == false { changedUnits.append(unit) }
            } else {
                addedUnits.append(unit)
            }
        }
        // Index positions rather than copies of people: this runs on 100,000-person rosters.
        var currentIndex: [String: Int] = [:]
        currentIndex.reserveCapacity(current.people.count)
        for (index, person) in current.people.enumerated() where currentIndex[person.employeeID] == nil {
            currentIndex[person.employeeID] = index
        }
        for var person in incoming.people {
            person.active = true
            person.roleIDs.sort()
            if var existing = currentIndex[person.employeeID].map({ current.people[$0] }) {
                existing.roleIDs.sort()
                if existing != person { changedPeople.append(person) }
            } else {
                addedPeople.append(person)
            }
        }
        guard full else { return }
        let incomingPeople = Set(incoming.people.map(\.employeeID))
        deactivatedEmployeeIDs = current.people
            .filter { $0.active && !incomingPeople.contains($0.employeeID) }
            .map(\.employeeID).sorted()
        // A unit stays active when the file names it or it sits above a unit the file names
        // (a division may have no staff of its own).
        var parents: [String: String?] = Dictionary(current.units.map { ($0.id, $0.parentID) }, uniquingKeysWith: { a, _ in a })
        for unit in incoming.units { parents[unit.id] = unit.parentID }
        let incomingUnits = Set(incoming.units.flatMap { UnitTree.ancestry(of: $0.id, parents: parents) })
        deactivatedUnitIDs = current.units
            .filter { current.unitActive[$0.id] != false && !incomingUnits.contains($0.id) }
            .map(\.id).sorted()
    }

    public init() {}
}
