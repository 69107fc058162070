public import KyndigCore
public import KyndigStore

/// Records other measures than the course (a hands-on sign-off, a workshop) for a person, as
/// evidence that goes to the audit log with who attested it. Whether a measure meets a given
/// requirement is the roles' and the register's to say (`Requirement.measureIDs`).
public struct Attestations: Sendable {
    let store: any AttestationStore & PeopleStore
    let clock: WallClock

    public init(store: any AttestationStore & PeopleStore, clock: WallClock) {
        self.store = store
        self.clock = clock
    }

    /// A request the rules refuse, as data.
    public enum Problem: Error, Sendable, Hashable {
        case unknownPerson(String)
        case inactivePerson(String)
        case unknownMeasure(String, known: [String])
        case unknownAttester(String)
        case attestingOneself(String)
        case inTheFuture(CalendarDate)
        case beforeStart(CalendarDate, start: CalendarDate)
    }

    /// - Parameters:
    ///   - who: employee id or username of the person who took part.
    ///   - attester: employee id or username of the person who attests it (not the same person).
    ///   - day: the day of the measure (not in the future, not before the person started).
    public func attest(
        _ who: String, measureID: String, attester: String, on day: CalendarDate, catalog: Catalog, actor: String
    ) async throws -> Attestation {
        guard let person = try await PersonLookup.person(who, in: store) else { throw Problem.unknownPerson(who) }
        guard person.active else { throw Problem.inactivePerson(person.employeeID) }
        guard catalog.measure(measureID) != nil else { throw Problem.unknownMeasure(measureID, known: catalog.measures.map(\.id)) }
        guard let witness = try await PersonLookup.person(attester, in: store) else { throw Problem.unknownAttester(attester) }
        guard witness.employeeID != person.employeeID else { throw Problem.attestingOneself(person.employeeID) }
        let now = clock.now()
        guard day <= catalog.policy.calendarDate(of: now) else { throw Problem.inTheFuture(day) }
        guard day >= person.startDate else { throw Problem.beforeStart(day, start: person.startDate) }
        let attestation = Attestation(employeeID: person.employeeID, measureID: measureID, attestedBy: witness.employeeID, attestedOn: day)
        try await store.attest(attestation, change: Change(actor: actor, at: now, source: "attest"))
        return attestation
    }
}
