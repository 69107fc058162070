/// A record that a person took part in a measure (`Measure`) on a day, and who attested it:
/// evidence as a pass is, kept in the store and the audit log.
public struct Attestation: Sendable, Hashable, Codable {
    public let employeeID: String
    public let measureID: String
    /// The employee id of the person who attests it (an instructor, a leader).
    public let attestedBy: String
    public let attestedOn: CalendarDate

    public init(employeeID: String, measureID: String, attestedBy: String, attestedOn: CalendarDate) {
        self.employeeID = employeeID
        self.measureID = measureID
        self.attestedBy = attestedBy
        self.attestedOn = attestedOn
    }
}
