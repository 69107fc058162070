public import KyndigCore
public import KyndigStore

/// Finds the person a command or the tutor acts for.
public enum PersonLookup {
    /// The active person with `who` as username, else the person (active or not) with `who` as
    /// employee id, else the inactive person who last had `who` as username. Callers decide what
    /// an inactive person may do (see their status: yes; take a quiz: no).
    public static func person(_ who: String, in store: any PeopleStore) async throws -> Person? {
        if let person = try await store.person(username: who) { return person }
        if let person = try await store.person(employeeID: who) { return person }
        return try await store.people(username: who).first
    }
}
