/// A module's version, `MAJOR.MINOR`. A major bump means the content changed enough that earlier
/// passes may no longer count (see `Policy.invalidatePassOn`).
public struct ModuleVersion: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// `MAJOR.MINOR`, each 1 to 6 ASCII digits. Read byte by byte and inlinable: reports parse
    /// one per pass.
    @inlinable
    public init?(_ text: some StringProtocol) {
        self.init(utf8: text.utf8)
    }

    /// Parses `MAJOR.MINOR` from UTF-8 bytes, as `init(_:)` does.
    @inlinable
    public init?(utf8 bytes: some Sequence<UInt8>) {
        var parts = (major: 0, minor: 0)
        var digits = 0
        var afterDot = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !afterDot, digits > 0 else { return nil }
                afterDot = true
                digits = 0
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 6 else { return nil }
            digits += 1
            let value = Int(byte - UInt8(ascii: "0"))
            if afterDot { parts.minor = parts.minor * 10 + value } else { parts.major = parts.major * 10 + value }
        }
        guard afterDot, digits > 0 else { return nil }
        self.init(major: parts.major, minor: parts.minor)
    }

    public var description: String { "\(major).\(minor)" }

    /// Encoded as its text, `"1.2"`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let version = ModuleVersion(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not MAJOR.MINOR"))
        }
        self = version
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (lhs: ModuleVersion, rhs: ModuleVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}
