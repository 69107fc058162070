/// What importing an AI-system register changes: a pure diff of the stored register and the
/// file, so a dry run and the real import report the very same numbers. The file is the whole
/// register: a system missing from it is removed.
public struct SystemsPlan: Sendable, Equatable {
    public private(set) var added: [AISystem] = []
    public private(set) var changed: [AISystem] = []
    public private(set) var removedIDs: [String] = []

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removedIDs.isEmpty }

    public init(current: [AISystem], incoming: [AISystem]) {
        let stored = Dictionary(current.map { ($0.id, $0.normalised) }, uniquingKeysWith: { first, _ in first })
        for system in incoming.map(\.normalised) {
            if let existing = stored[system.id] {
                if existing != system { changed.append(system) }
            } else {
                added.append(system)
            }
        }
        removedIDs = Set(stored.keys).subtracting(incoming.map(\.id)).sorted()
    }
}

extension AISystem {
    /// Lists sorted, so that order in a file is not a change; the store's dates left out (a file
    /// has none, and the store keeps them for links that stay).
    var normalised: AISystem {
        var copy = self
        copy.contextIDs.sort()
        copy.unitIDs.sort()
        copy.roleIDs.sort()
        copy.measureIDs.sort()
        copy.overseerIDs.sort()
        copy.unitSince = [:]
        copy.overseerSince = [:]
        return copy
    }
}
