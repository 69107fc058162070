import Foundation
import KyndigReports

/// Prints values as stable, pretty JSON (sorted keys) for `--json` output.
enum JSONOutput {
    static func print(_ value: some Encodable) throws {
        Console.print(try string(value))
    }

    static func string(_ value: some Encodable) throws -> String {
        String(decoding: try encoder(pretty: true).encode(value), as: UTF8.self)
    }

    /// The documented shape (docs/json.md), shared with the HTTP API: `DocumentedJSON`.
    static func encoder(pretty: Bool) -> DocumentedJSONEncoder { DocumentedJSON.encoder(pretty: pretty) }
}
