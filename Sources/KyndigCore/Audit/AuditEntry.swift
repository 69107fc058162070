public import Foundation

/// One line of the append-only audit log. Details hold counts and ids, never personal data
/// beyond the employee id the entry is about.
public struct AuditEntry: Sendable, Hashable, Codable {
    public let sequence: Int
    public let at: Date
    public let actor: String
    public let action: AuditAction
    public let subject: String
    public let details: [String: String]
    public let previousHash: String
    public let hash: String

    public init(sequence: Int, at: Date, actor: String, action: AuditAction, subject: String, details: [String: String], previousHash: String, hash: String) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.details = details
        self.previousHash = previousHash
        self.hash = hash
    }
}
