public import Foundation

/// The JSON shape documented in docs/json.md, shared by every `--json` output and the HTTP API:
/// snake_case keys, ISO 8601 instants, sorted keys; calendar days and versions encode themselves
/// as text. Pretty for documents, compact for JSON Lines (one value per line).
public enum DocumentedJSON {
    public static func encoder(pretty: Bool) -> DocumentedJSONEncoder {
        DocumentedJSONEncoder(pretty: pretty)
    }

    /// Foundation's encoder set up for the same shape: what `DocumentedJSONEncoder` is held to in
    /// the tests, byte for byte.
    public static func foundationEncoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .custom { path in SnakeCaseKey(path.last!.stringValue) }
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// Reads request bodies of the API (whose types name their snake_case keys): ISO 8601 instants.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// `employeeID` → `employee_id`, `roleIDs` → `role_ids`, `dryRun` → `dry_run`: Foundation's own
/// conversion would write `role_i_ds`.
public struct SnakeCaseKey: CodingKey {
    public let stringValue: String
    public var intValue: Int? { nil }

    public init(_ camel: String) {
        stringValue = Self.snakeCased(camel)
    }

    /// The conversion, on the bytes of an ASCII key (every key Kyndig's types have): keys are
    /// converted for every value of every document, so this is on the API's hot path.
    static func snakeCased(_ camel: String) -> String {
        switch camel.utf8.withContiguousStorageIfAvailable({ snakeCased(ascii: $0) }) {
        case .some(.some(.some(let converted))): return converted
        case .some(.some(.none)): return camel
        default: return slowSnakeCased(camel)  // not ASCII, or not stored as contiguous UTF-8
        }
    }

    /// The conversion of an ASCII key's bytes: nil for other text, .some(nil) when it has no capitals.
    private static func snakeCased(ascii bytes: UnsafeBufferPointer<UInt8>) -> String?? {
        var capitals = 0
        for byte in bytes {
            if byte >= 0x80 { return nil }
            if byte >= 0x41 && byte <= 0x5A { capitals += 1 }
        }
        guard capitals > 0 else { return .some(nil) }
        return String(unsafeUninitializedCapacity: bytes.count + capitals) { result in
            var count = 0
            for index in bytes.indices {
                var byte = bytes[index]
                // "IDs" reads as "Ids" and "ID" as "Id": one word, not two capitals.
                if byte == 0x44, index > 0, bytes[index - 1] == 0x49, count > 0, result[count - 1] == 0x69 {
                    byte = 0x64
                }
                if byte >= 0x41 && byte <= 0x5A {
                    if count > 0 { result[count] = 0x5F; count += 1 }
                    result[count] = byte + 0x20
                } else {
                    result[count] = byte
                }
                count += 1
            }
            return count
        }
    }

    /// The same conversion for any text, character by character.
    static func slowSnakeCased(_ camel: String) -> String {
        let text = camel.replacingOccurrences(of: "IDs", with: "Ids").replacingOccurrences(of: "ID", with: "Id")
        var result = ""
        for (index, character) in text.enumerated() {
            if character.isUppercase, index > 0 { result += "_" }
            result += character.lowercased()
        }
        return result
    }

    public init?(stringValue: String) { self.init(stringValue) }
    public init?(intValue: Int) { nil }
}
