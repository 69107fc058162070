import Foundation
import KyndigCore
import KyndigReports

/// `kyndig report --format json`, written a piece at a time: byte for byte the document
/// `JSONOutput.string(report)` makes, without holding all of its text at once (a region's
/// report lists tens of thousands of people who need attention).
enum ReportJSON {
    static func write(_ report: ComplianceReport, to out: CommandOutput) throws {
        let encoder = JSONOutput.encoder(pretty: true)
        // A value as the pretty encoder writes it, its later lines indented to sit at `indent`
        // (the empty line of an empty array or object stays empty, as the encoder leaves it).
        func text(_ value: some Encodable, indent: String) throws -> String {
            let lines = String(decoding: try encoder.encode(value), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            return lines.enumerated().map { $0 == 0 || $1.isEmpty ? String($1) : indent + $1 }.joined(separator: "\n")
        }
        // Keys in sorted order, as the encoder sorts them.
        try out.write("{\n  \"as_of\" : \(try text(report.asOf, indent: "  ")),\n  \"attention\" : [\n")
        if report.attention.isEmpty { try out.write("\n") }
        for (index, person) in report.attention.enumerated() {
            try out.write("    " + (try text(person, indent: "    ")) + (index == report.attention.count - 1 ? "\n" : ",\n"))
        }
        try out.write("  ],\n  \"attention_count\" : \(report.attentionCount),\n")
        try out.write("  \"obligations\" : \(try text(report.obligations, indent: "  ")),\n")
        try out.write("  \"units\" : \(try text(report.units, indent: "  "))\n}\n")
    }
}
