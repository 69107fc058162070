/// Checks on the shape of the unit tree (and of any other parent map, such as managers).
public enum UnitTree {
    /// Returns the ids on a parent cycle (an id that is its own ancestor), each cycle reported
    /// once, in a stable order.
    public static func cycles(parents: [String: String?]) -> [[String]] {
        var state: [String: Int] = [:]  // 1 = on the current path, 2 = done
        var found: [[String]] = []
        for start in parents.keys.sorted() where state[start] == nil {
            var path: [String] = []
            var current: String? = start
            while let id = current, state[id] == nil {
                state[id] = 1
                path.append(id)
                current = parents[id] ?? nil
            }
            if let id = current, state[id] == 1, let index = path.firstIndex(of: id) {
                found.append(Array(path[index...]))
            }
            for id in path { state[id] = 2 }
        }
        return found
    }

    /// The unit and all its ancestors, nearest first; stops safely on a cycle.
    public static func ancestry(of unitID: String, parents: [String: String?]) -> [String] {
        var chain: [String] = []
        var seen = Set<String>()
        var current: String? = unitID
        while let id = current, seen.insert(id).inserted {
            chain.append(id)
            current = parents[id] ?? nil
        }
        return chain
    }
}
