public import KyndigCore
public import KyndigStore

/// Grants and revokes exemptions from a module (recognised prior learning, a role that never
/// uses the system). Every grant and revocation goes to the audit log with who approved it.
public struct Exemptions: Sendable {
    let store: any ExemptionStore & PeopleStore
    let clock: WallClock

    public init(store: any ExemptionStore & PeopleStore, clock: WallClock) {
        self.store = store
        self.clock = clock
    }

    /// A request the rules refuse, as data.
    public enum Problem: Error, Sendable, Hashable {
        case unknownPerson(String)
        case unknownModule(String, suggestion: String?)
        case emptyReason
        case emptyApprover
        case untilInThePast(CalendarDate)
        case nothingToRevoke(employeeID: String, moduleID: String)
    }

    /// - Parameters:
    ///   - who: employee id or username.
    ///   - until: the last day it holds (nil: until revoked).
    public func grant(
        _ who: String, moduleID: String, reason: String, approver: String, until: CalendarDate?, catalog: Catalog, actor: String
    ) async throws -> Exemption {
        let person = try await person(who)
        guard catalog.module(moduleID) != nil else {
            throw Problem.unknownModule(moduleID, suggestion: Suggestion.nearest(moduleID, in: catalog.moduleIDs))
        }
        guard !reason.trimmed.isEmpty else { throw Problem.emptyReason }
        guard !approver.trimmed.isEmpty else { throw Problem.emptyApprover }
        let now = clock.now()
        let today = catalog.policy.calendarDate(of: now)
        if let until, until < today { throw Problem.untilInThePast(until) }
        let exemption = Exemption(
            employeeID: person.employeeID, moduleID: moduleID, reason: reason.trimmed, approver: approver.trimmed, grantedOn: today,
            until: until)
        try await store.grant(exemption, change: Change(actor: actor, at: now, source: "exempt"))
        return exemption
    }

    public func revoke(_ who: String, moduleID: String, catalog: Catalog, actor: String) async throws {
        let person = try await person(who)
        let now = clock.now()
        guard try await store.revokeExemption(
            employeeID: person.employeeID, moduleID: moduleID, on: catalog.policy.calendarDate(of: now),
            change: Change(actor: actor, at: now, source: "exempt --revoke"))
        else { throw Problem.nothingToRevoke(employeeID: person.employeeID, moduleID: moduleID) }
    }

    private func person(_ who: String) async throws -> Person {
        guard let person = try await PersonLookup.person(who, in: store) else { throw Problem.unknownPerson(who) }
        return person
    }
}
