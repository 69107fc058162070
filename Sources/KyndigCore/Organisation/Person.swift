/// An employee as the HR roster describes them. Never deleted: an inactive person keeps their history.
public struct Person: Sendable, Hashable, Codable, Identifiable {
    public var id: String { employeeID }
    public var employeeID: String
    public var name: String
    public var email: String
    public var username: String
    public var unitID: String
    public var roleIDs: [String]
    public var startDate: CalendarDate
    public var managerEmployeeID: String?
    public var active: Bool

    public init(
        employeeID: String, name: String, email: String, username: String, unitID: String,
        roleIDs: [String], startDate: CalendarDate, managerEmployeeID: String?, active: Bool = true
    ) {
        self.employeeID = employeeID
        self.name = name
        self.email = email
        self.username = username
        self.unitID = unitID
        self.roleIDs = roleIDs
        self.startDate = startDate
        self.managerEmployeeID = managerEmployeeID
        self.active = active
    }
}

/// A unit of the hospital (clinic, department, section, ward); units form a tree.
public struct OrgUnit: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var parentID: String?

    public init(id: String, name: String, parentID: String?) {
        self.id = id
        self.name = name
        self.parentID = parentID
    }
}

/// An AI system in the hospital's register, the units that use it and the contexts it falls in.
public struct AISystem: Sendable, Hashable, Codable, Identifiable {
    /// The AI Act's risk classes as a register records them.
    public enum RiskClass: String, Sendable, Hashable, Codable, CaseIterable {
        case high, limited, minimal, gpai
    }

    public var id: String
    public var name: String
    public var vendor: String
    /// The intended purpose, as the provider states it.
    public var purpose: String
    public var risk: RiskClass
    /// For a high-risk system, why it is high-risk (Art. 6(1) Annex I product or Art. 6(2)
    /// Annex III use), which decides from when the deployer duties apply to it.
    public var route: HighRiskRoute?
    public var contextIDs: [String]
    public var unitIDs: [String]
    /// When set, only people with one of these roles in the units need the context modules
    /// (e.g. clinicians oversee a triage system; the ward clerk does not).
    public var roleIDs: [String]
    /// Employee ids of the people assigned human oversight of the system (AI Act Art. 26(2)).
    public var overseerIDs: [String]
    /// The measures (`Measure`) that may meet the requirements this system brings, such as a
    /// hands-on sign-off on the system itself.
    public var measureIDs: [String]
    /// The hospital's own short unit on this system (a module of kind `local-unit`), required for
    /// everyone the system applies to and for its overseers; nil when it has none yet.
    public var localUnitID: String?
    /// The day the system was registered for each unit (kept by the store; empty in a file).
    public var unitSince: [String: CalendarDate]
    /// The day each overseer was assigned (kept by the store; empty in a file).
    public var overseerSince: [String: CalendarDate]

    public init(
        id: String, name: String, vendor: String, purpose: String, risk: RiskClass = .minimal, route: HighRiskRoute? = nil, contextIDs: [String],
        unitIDs: [String], roleIDs: [String], overseerIDs: [String] = [], measureIDs: [String] = [], localUnitID: String? = nil,
        unitSince: [String: CalendarDate] = [:], overseerSince: [String: CalendarDate] = [:]
    ) {
        self.id = id
        self.name = name
        self.vendor = vendor
        self.purpose = purpose
        self.risk = risk
        self.route = route
        self.overseerIDs = overseerIDs
        self.measureIDs = measureIDs
        self.localUnitID = localUnitID
        self.contextIDs = contextIDs
        self.unitIDs = unitIDs
        self.roleIDs = roleIDs
        self.unitSince = unitSince
        self.overseerSince = overseerSince
    }
}
