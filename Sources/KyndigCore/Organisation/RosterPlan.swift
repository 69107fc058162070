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
    /// In a part handed out by `Builder` only: references set once the rows they point at are
    /// written (a person's manager, a unit's parent), for people and units handed out before
    /// them with the reference left empty. Not changes of their own: the plan already has them.
    public var managerLinks: [Link] = []
    public var parentLinks: [Link] = []

    /// `id`'s reference (manager or parent) is `target`.
    public struct Link: Sendable, Equatable {
        public let id: String
        public let target: String

        public init(id: String, target: String) {
            self.id = id
            self.target = target
        }
    }

    public var isEmpty: Bool { changeCount == 0 }

    public var changeCount: Int {
        addedUnits.count + changedUnits.count + deactivatedUnitIDs.count
            + addedPeople.count + changedPeople.count + deactivatedEmployeeIDs.count
    }

    /// Compares the stored organisation with an incoming roster.
    /// - Parameter full: the file is the whole organisation; anyone (and any unit) missing from it
    ///   is deactivated. Without it, the file is a partial update and absence means nothing.
    public init(current: RosterSnapshot, incoming: RosterSnapshot, full: Bool) {
        var builder = Builder(current: current)
        for unit in incoming.units { builder.add(unit) }
        for person in incoming.people { builder.add(person) }
        _ = builder.finish(incoming: incoming, full: full)
        self = builder.plan
    }

    /// Appends another part's changes to this plan's.
    public mutating func merge(_ other: RosterPlan) {
        addedUnits += other.addedUnits
        changedUnits += other.changedUnits
        deactivatedUnitIDs += other.deactivatedUnitIDs
        addedPeople += other.addedPeople
        changedPeople += other.changedPeople
        deactivatedEmployeeIDs += other.deactivatedEmployeeIDs
        managerLinks += other.managerLinks
        parentLinks += other.parentLinks
    }

    public init() {}
}
