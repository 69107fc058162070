public import KyndigCore
public import KyndigStore

/// The Art. 26(2) check over the register: every high-risk system, its overseers, and whether
/// each has met the oversight training, as of a day.
public struct OversightCheck: Sendable {
    let store: any KyndigStore
    let clock: WallClock

    public init(store: any KyndigStore, clock: WallClock) {
        self.store = store
        self.clock = clock
    }

    public func run(_ catalog: Catalog) async throws -> [OversightStatus] {
        let systems = try await store.systems()
        let facts = ModuleFacts.all(catalog, stored: try await store.storedVersions())
        let asOf = catalog.policy.calendarDate(of: clock.now())
        var result: [OversightStatus] = []
        for system in systems where system.risk == .high {
            var overseers: [OversightStatus.Overseer] = []
            for id in system.overseerIDs {
                guard let person = try await store.person(employeeID: id) else { continue }
                let record = try await store.learnerRecord(of: person)
                let overview = LearnerOverview(
                    person: person, unitPath: try await store.unitAncestry(of: person.unitID), systems: systems, history: record.history,
                    modules: facts, completions: record.completions, attestations: record.attestations, exemptions: record.exemptions,
                    openAttemptModuleIDs: record.openAttemptModuleIDs, catalog: catalog, asOf: asOf)
                overseers.append(OversightStatus.Overseer(
                    employeeID: id, name: person.name, active: person.active, statuses: OversightStatus.statuses(of: overview, for: system)))
            }
            result.append(OversightStatus(system: system, catalog: catalog, asOf: asOf, overseers: overseers))
        }
        return result
    }
}
