import Foundation

/// Prints values as stable, pretty JSON (sorted keys) for `--json` output.
enum JSONOutput {
    static func print(_ value: some Encodable) throws {
        Console.print(try string(value))
    }

    static func string(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // The documented shape (docs/json.md): snake_case keys, ISO 8601 instants; calendar days
        // and versions encode themselves as text.
        encoder.keyEncodingStrategy = .custom { path in SnakeCaseKey(path.last!.stringValue) }
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
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
