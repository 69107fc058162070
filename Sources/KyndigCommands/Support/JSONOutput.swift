import Foundation

/// Prints values as stable, pretty JSON (sorted keys) for `--json` output.
enum JSONOutput {
    static func print(_ value: some Encodable) throws {
        Console.print(try string(value))
    }

    static func string(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
