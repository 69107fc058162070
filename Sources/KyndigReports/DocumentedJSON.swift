public import Foundation

/// The JSON shape documented in docs/json.md, shared by every `--json` output and the HTTP API:
/// snake_case keys, ISO 8601 instants, sorted keys; calendar days and versions encode themselves
/// as text. Pretty for documents, compact for JSON Lines (one value per line).
public enum DocumentedJSON {
    public static func encoder(pretty: Bool) -> JSONEncoder {
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
        var text = camel.replacingOccurrences(of: "IDs", with: "Ids").replacingOccurrences(of: "ID", with: "Id")
        var result = ""
        for (index, character) in text.enumerated() {
            if character.isUppercase, index > 0 { result += "_" }
            result += character.lowercased()
        }
        text = result
        stringValue = text
    }

    public init?(stringValue: String) { self.init(stringValue) }
    public init?(intValue: Int) { nil }
}
