import Crypto
import Foundation

/// The text of an API token, `kyndig_<id>_<secret>`: a public id (what `kyndig token list` and
/// the audit log show, and what a lookup uses) and a secret that is only ever stored as its
/// SHA-256 hash. Looking a token up by its id and then comparing hashes in constant time means
/// neither the database index nor the comparison leaks how much of a guessed secret was right.
public struct TokenCredential: Sendable, Hashable {
    public let id: String
    public let secret: String

    static let prefix = "kyndig_"

    /// - Parameters: `id` of 12 and `secret` of 64 lower-case hex digits (see `TokenCredential.random`).
    public init(id: String, secret: String) {
        self.id = id
        self.secret = secret
    }

    /// A new credential from 6 + 32 random bytes (the caller's generator: the system's in production).
    public static func random(using generator: inout some RandomNumberGenerator) -> TokenCredential {
        func hex(_ count: Int) -> String {
            Self.hex((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        return TokenCredential(id: hex(6), secret: hex(32))
    }

    /// Parses the text a client sends; nil when it is not a Kyndig token at all.
    public init?(text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let parts = text.dropFirst(Self.prefix.count).split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 12, parts[1].count == 64,
              parts.allSatisfy({ $0.utf8.allSatisfy(Self.isHexDigit) })
        else { return nil }
        self.init(id: String(parts[0]), secret: String(parts[1]))
    }

    /// What the caller is shown once and sends as `Authorization: Bearer …`.
    public var text: String { "\(Self.prefix)\(id)_\(secret)" }

    /// SHA-256 of the secret, hex: the only form the secret is stored in.
    public var secretHash: String { Self.hash(secret) }

    public static func hash(_ secret: String) -> String {
        hex(SHA256.hash(data: Data(secret.utf8)))
    }

    /// Bytes as lowercase hex, written in one buffer: every API request hashes its token.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits: StaticString = "0123456789abcdef"
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits.utf8Start[Int(byte >> 4)])
            text.append(digits.utf8Start[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether the secret's hash equals `storedHash`, in time that does not depend on where they differ.
    public func matches(storedHash: String) -> Bool {
        Self.constantTimeEquals(Array(secretHash.utf8), Array(storedHash.utf8))
    }

    /// Compares every byte whatever the first difference; lengths are not secret (a hash has 64).
    public static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
