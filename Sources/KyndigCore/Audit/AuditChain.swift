import Crypto
public import Foundation

/// The rules of the append-only, hash-chained audit log, as pure code: every backend stores the
/// same fields, and `kyndig verify` recomputes the same hashes whichever backend wrote them.
///
/// Each entry's hash covers its own fields and the previous entry's hash, so editing or removing
/// any entry (even with the database's triggers dropped) breaks the chain from there on.
public enum AuditChain {
    /// The fields an entry is hashed over, as they are stored.
    public struct Fields: Sendable, Hashable {
        public let sequence: Int
        /// The instant as stored: ISO 8601 UTC with milliseconds.
        public let at: String
        public let actor: String
        public let action: String
        public let subject: String
        /// `details` as canonical JSON (sorted keys).
        public let details: String
        public let previousHash: String

        public init(sequence: Int, at: String, actor: String, action: String, subject: String, details: String, previousHash: String) {
            self.sequence = sequence
            self.at = at
            self.actor = actor
            self.action = action
            self.subject = subject
            self.details = details
            self.previousHash = previousHash
        }
    }

    /// The entry that follows `previous` (nil for the first entry), with its hash.
    public static func next(
        after previous: (sequence: Int, hash: String)?, at: Date, actor: String, action: AuditAction, subject: String,
        details: [String: String]
    ) -> (fields: Fields, hash: String) {
        let fields = Fields(
            sequence: (previous?.sequence ?? 0) + 1, at: timestamp(at), actor: actor, action: action.rawValue,
            subject: subject, details: canonicalJSON(details), previousHash: previous?.hash ?? "")
        return (fields, hash(fields))
    }

    /// SHA-256 (hex) over the fields, separated by the ASCII unit separator so that no field
    /// boundary is ambiguous.
    public static func hash(_ fields: Fields) -> String {
        let joined = ["\(fields.sequence)", fields.at, fields.actor, fields.action, fields.subject, fields.details, fields.previousHash]
            .joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(joined.utf8)).map { hexDigits[Int($0 >> 4)] + hexDigits[Int($0 & 0x0F)] }.joined()
    }

    /// Checks entries in sequence order as they come; call `finish()` at the end.
    public struct Verifier: Sendable {
        private var previousHash = ""
        private var expected = 1
        /// The sequence number of the first entry that does not follow from the ones before.
        public private(set) var firstBroken: Int?
        public private(set) var checked = 0

        public init() {}

        public mutating func check(_ fields: Fields, storedHash: String) {
            guard firstBroken == nil else { return }
            checked += 1
            if fields.sequence != expected || fields.previousHash != previousHash || hash(fields) != storedHash {
                firstBroken = fields.sequence
                return
            }
            previousHash = storedHash
            expected += 1
        }
    }

    /// Instants are stored as ISO 8601 UTC text with milliseconds: sortable, portable, readable.
    public static func timestamp(_ date: Date) -> String { Timestamp.string(date) }

    static func canonicalJSON(_ details: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a [String: String] cannot fail.
        return String(decoding: try! encoder.encode(details), as: UTF8.self)
    }

    private static let hexDigits = (0..<16).map { String($0, radix: 16) }
}

/// What an audit entry records. The raw values are what is stored and hashed: never change one.
public enum AuditAction: String, Sendable, Hashable, Codable, CaseIterable {
    case rosterImport = "roster.import"
    case systemsImport = "systems.import"
    case catalogSync = "catalog.sync"
    case quizStart = "quiz.start"
    case quizPass = "quiz.pass"
    case quizFail = "quiz.fail"
    /// An open attempt closed because the module changed under it: neither a pass nor a fail.
    case quizAbandon = "quiz.abandon"
    case exemptionGrant = "exemption.grant"
    case exemptionRevoke = "exemption.revoke"
    /// Attempts brought in as they were recorded elsewhere (`AttemptStore.importAttempts`).
    case historyImport = "history.import"
    /// An API token created (`kyndig token create`): its id, name, scope and expiry, never its secret.
    case tokenCreate = "token.create"
    /// An API token revoked (`kyndig token revoke`).
    case tokenRevoke = "token.revoke"
    /// Another measure than the course attested for a person (`kyndig attest`).
    case measureAttest = "measure.attest"
}
