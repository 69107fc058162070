import Foundation

/// Prints values as stable, pretty JSON (sorted keys) for `--json` output.
enum JSONOutput {
    static func print(_ value: some Encodable) throws {
        Console.print(try string(value))
    }

    static func string(_ value: some Encodable) throws -> String {
        String(decoding: try encoder(pretty: true).encode(value), as: UTF8.self)
    }

    /// The documented shape (docs/json.md): snake_case keys, ISO 8601 instants; calendar days
    /// and versions encode themselves as text. Compact for JSON Lines, one value per line.
    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .custom { path in SnakeCaseKey(path.last!.stringValue) }
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

/// `employeeID` → `employee_id`, `roleIDs` → `role_ids`, `dryRun` → `dry_run`: Foundation's own
/// conversion would write `role_i_ds`.
struct SnakeCaseKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ camel: String) {
        var text = camel.replacingOccurrences(of: "IDs", with: "Ids").replacingOccurrences(of: "ID", with: "Id")
        var result = ""
        for (index, character) in text.enumerated() {
            if character.isUppercase, index > 0 { result += "_" }
            result += character.lowercased()
        }
        text = result
        stringValue = text
    }

    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { nil }
}
