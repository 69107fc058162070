public import KyndigCore
public import KyndigStore

/// Finds the person a command or the tutor acts for.
public enum PersonLookup {
    /// The active person with `who` as username, else the person (active or not) with `who` as
    /// employee id.
    public static func person(_ who: String, in store: any PeopleStore) async throws -> Person? {
        if let person = try await store.person(username: who) { return person }
        return try await store.person(employeeID: who)
    }
}
