import Foundation

/// Instants are stored as ISO-8601 UTC text with milliseconds: sortable, portable, readable.
enum Timestamp {
    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)

    static func string(_ date: Date) -> String { style.format(date) }

    static func date(_ text: String) -> Date? { try? style.parse(text) }
}
