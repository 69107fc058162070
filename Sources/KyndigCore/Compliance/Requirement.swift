/// Why a person must take a module.
public enum RequirementReason: Sendable, Hashable, Codable, CustomStringConvertible {
    case role(String)
    case system(systemID: String, contextID: String)

    public var description: String {
        switch self {
        case let .role(id): "role \(id)"
        case let .system(systemID, contextID): "AI system \(systemID) (\(contextID))"
        }
    }
}

/// A module a person must complete, the reasons, and the obligations it serves.
public struct Requirement: Sendable, Hashable, Codable {
    public let moduleID: String
    public let reasons: [RequirementReason]
    public let obligationIDs: [String]

    public init(moduleID: String, reasons: [RequirementReason], obligationIDs: [String]) {
        self.moduleID = moduleID
        self.reasons = reasons
        self.obligationIDs = obligationIDs
    }
}

extension Catalog {
    /// The modules `person` must take: from each of their roles, and from each AI system used in
    /// their unit or a unit above it (a system registered for a clinic covers its wards).
    /// - Parameter unitAncestry: the person's unit followed by its ancestors.
    public func requirements(for person: Person, unitAncestry: [String], systems: [AISystem]) -> [Requirement] {
        var reasons: [String: [RequirementReason]] = [:]
        var order: [String] = []
        func add(_ moduleID: String, _ reason: RequirementReason) {
            if reasons[moduleID] == nil { order.append(moduleID) }
            reasons[moduleID, default: []].append(reason)
        }
        for roleID in person.roleIDs {
            for moduleID in role(roleID)?.moduleIDs ?? [] { add(moduleID, .role(roleID)) }
        }
        let units = Set(unitAncestry)
        for system in systems.sorted(by: { $0.id < $1.id }) where !units.isDisjoint(with: system.unitIDs) {
            guard system.roleIDs.isEmpty || !Set(system.roleIDs).isDisjoint(with: person.roleIDs) else { continue }
            for contextID in system.contextIDs {
                for moduleID in context(contextID)?.moduleIDs ?? [] {
                    add(moduleID, .system(systemID: system.id, contextID: contextID))
                }
            }
        }
        return order.map { moduleID in
            let obligations = modules[moduleID]?.obligationIDs ?? []
            return Requirement(moduleID: moduleID, reasons: reasons[moduleID]!, obligationIDs: obligations)
        }
    }
}
