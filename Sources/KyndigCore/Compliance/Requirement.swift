/// Why a person must take a module, and since when that reason holds for them.
public enum RequirementReason: Sendable, Hashable, Codable, CustomStringConvertible {
    case role(String)
    case system(systemID: String, contextID: String)
    /// Assigned human oversight of a system (AI Act Art. 26(2)): its context modules, wherever
    /// the overseer works.
    case oversight(systemID: String)
    /// The hospital's own unit on a system (the register's `local_unit`), for everyone the
    /// system applies to and for its overseers.
    case localUnit(systemID: String)

    var isLocalUnit: Bool {
        if case .localUnit = self { true } else { false }
    }

    public var description: String {
        switch self {
        case let .role(id): "role \(id)"
        case let .system(systemID, contextID): "AI system \(systemID) (\(contextID))"
        case let .oversight(systemID): "overseer of \(systemID)"
        case let .localUnit(systemID): "local unit of \(systemID)"
        }
    }

    /// Encoded as `{"kind": "role", "role": "clinician"}` or
    /// `{"kind": "system", "system": "triage", "context": "high-risk"}`, `{"kind": "oversight", "system": "triage"}`,
    /// `{"kind": "local_unit", "system": "triage"}`: plain strings, no Swift cases.
    private enum CodingKeys: String, CodingKey { case kind, role, system, context }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "role": self = .role(try container.decode(String.self, forKey: .role))
        case "system":
            self = .system(systemID: try container.decode(String.self, forKey: .system), contextID: try container.decode(String.self, forKey: .context))
        case "oversight": self = .oversight(systemID: try container.decode(String.self, forKey: .system))
        case "local_unit": self = .localUnit(systemID: try container.decode(String.self, forKey: .system))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown reason kind '\(other)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .role(id):
            try container.encode("role", forKey: .kind)
            try container.encode(id, forKey: .role)
        case let .system(systemID, contextID):
            try container.encode("system", forKey: .kind)
            try container.encode(systemID, forKey: .system)
            try container.encode(contextID, forKey: .context)
        case let .oversight(systemID):
            try container.encode("oversight", forKey: .kind)
            try container.encode(systemID, forKey: .system)
        case let .localUnit(systemID):
            try container.encode("local_unit", forKey: .kind)
            try container.encode(systemID, forKey: .system)
        }
    }
}

/// A module a person must complete, the reasons, the obligations it serves, and the day the
/// first of its reasons began to hold for the person (a role given, a move into a unit, a system
/// registered for the unit). Whether it is due yet is the policy's to say (`Policy.status`).
public struct Requirement: Sendable, Hashable, Codable {
    public let moduleID: String
    public let reasons: [RequirementReason]
    public let obligationIDs: [String]
    public let arose: CalendarDate
    /// Other measures than the module's quiz that may meet it: those a reason's role or system
    /// allows (`Catalog.measureIDs(for:reason:systems:)`).
    public let measureIDs: [String]

    public init(moduleID: String, reasons: [RequirementReason], obligationIDs: [String], arose: CalendarDate, measureIDs: [String] = []) {
        self.moduleID = moduleID
        self.reasons = reasons
        self.obligationIDs = obligationIDs
        self.arose = arose
        self.measureIDs = measureIDs
    }
}

/// When each fact about a person began, as the store keeps them: the start date, the day each
/// role was given, the day they moved into their unit. Imports set them; nothing guesses.
public struct PersonHistory: Sendable, Hashable, Codable {
    public let roleSince: [String: CalendarDate]
    public let unitSince: CalendarDate

    public init(roleSince: [String: CalendarDate], unitSince: CalendarDate) {
        self.roleSince = roleSince
        self.unitSince = unitSince
    }
}

extension Catalog {
    /// The modules `person` must take: from each of their roles, and from each AI system used in
    /// their unit or a unit above it (a system registered for a clinic covers its wards). An
    /// inactive person has none: their records stay, their duties end.
    /// - Parameters:
    ///   - unitAncestry: the person's unit followed by its ancestors.
    ///   - history: when the person's roles and unit began (nil: all on the start date).
    public func requirements(
        for person: Person, unitAncestry: [String], systems: [AISystem], history: PersonHistory? = nil
    ) -> [Requirement] {
        guard person.active else { return [] }
        var reasons: [String: [RequirementReason]] = [:]
        var arose: [String: CalendarDate] = [:]
        var order: [String] = []
        func add(_ moduleID: String, _ reason: RequirementReason, on day: CalendarDate) {
            if reasons[moduleID] == nil { order.append(moduleID) }
            // A person in the system's unit who also oversees it has one local-unit reason, from the earlier day.
            if !(reason.isLocalUnit && reasons[moduleID]?.contains(reason) == true) { reasons[moduleID, default: []].append(reason) }
            arose[moduleID] = min(arose[moduleID] ?? day, day)
        }
        for roleID in person.roleIDs {
            let since = max(person.startDate, history?.roleSince[roleID] ?? person.startDate)
            for moduleID in role(roleID)?.moduleIDs ?? [] { add(moduleID, .role(roleID), on: since) }
        }
        let units = Set(unitAncestry)
        // The store hands the register out in id order; sort only when it is not, since a
        // report calls this once per person.
        let sorted = systems.indices.dropFirst().allSatisfy { systems[$0 - 1].id <= systems[$0].id }
        let ordered = sorted ? systems : systems.sorted { $0.id < $1.id }
        for index in ordered.indices where !units.isDisjoint(with: ordered[index].unitIDs) {
            let system = ordered[index]
            guard system.roleIDs.isEmpty || !Set(system.roleIDs).isDisjoint(with: person.roleIDs) else { continue }
            // The system applies to the person from the later of: they started, they moved into
            // the unit, the system was registered for (one of) their units.
            let linked = units.intersection(system.unitIDs).compactMap { system.unitSince[$0] }.min() ?? person.startDate
            let since = [person.startDate, history?.unitSince ?? person.startDate, linked].max()!
            for contextID in system.contextIDs {
                for moduleID in context(contextID)?.moduleIDs ?? [] {
                    add(moduleID, .system(systemID: system.id, contextID: contextID), on: since)
                }
            }
            if let moduleID = localUnit(of: system) { add(moduleID, .localUnit(systemID: system.id), on: since) }
        }
        // An overseer must be competent for the system they oversee, whichever unit they work in.
        for index in ordered.indices where ordered[index].overseerIDs.contains(person.employeeID) {
            let system = ordered[index]
            let since = max(person.startDate, system.overseerSince[person.employeeID] ?? person.startDate)
            for contextID in system.contextIDs {
                for moduleID in context(contextID)?.moduleIDs ?? [] { add(moduleID, .oversight(systemID: system.id), on: since) }
            }
            if let moduleID = localUnit(of: system) { add(moduleID, .localUnit(systemID: system.id), on: since) }
        }
        return order.map { moduleID in
            Requirement(moduleID: moduleID, reasons: reasons[moduleID]!, obligationIDs: modules[moduleID]?.obligationIDs ?? [],
                        arose: arose[moduleID]!, measureIDs: measureIDs(for: moduleID, reasons: reasons[moduleID]!, systems: ordered))
        }
    }

    /// The system's local unit, when the catalog has it as one (a register imported against an
    /// older catalog may name a module this one no longer has, as it may name a context).
    func localUnit(of system: AISystem) -> String? {
        guard let id = system.localUnitID, modules[id]?.kind == .localUnit else { return nil }
        return id
    }

    /// The measures any of `reasons` allows for `moduleID`, each once, in the order allowed.
    func measureIDs(for moduleID: String, reasons: [RequirementReason], systems: [AISystem]) -> [String] {
        guard !measures.isEmpty else { return [] }
        var seen = Set<String>()
        return reasons.flatMap { measureIDs(for: moduleID, reason: $0, systems: systems) }.filter { seen.insert($0).inserted }
    }
}
