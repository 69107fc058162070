/// A module a person need not take: prior learning recognised, or a role that never touches
/// the systems. Granted by someone, for a reason, possibly until a day; shown as such everywhere.
public struct Exemption: Sendable, Hashable, Codable {
    public let employeeID: String
    public let moduleID: String
    public let reason: String
    public let approver: String
    public let grantedOn: CalendarDate
    /// The last day it holds; nil: until revoked.
    public let until: CalendarDate?

    public init(employeeID: String, moduleID: String, reason: String, approver: String, grantedOn: CalendarDate, until: CalendarDate?) {
        self.employeeID = employeeID
        self.moduleID = moduleID
        self.reason = reason
        self.approver = approver
        self.grantedOn = grantedOn
        self.until = until
    }

    public func holds(on day: CalendarDate) -> Bool {
        grantedOn <= day && (until.map { day <= $0 } ?? true)
    }
}
