public import Foundation

/// Instants as stored: ISO 8601 UTC text with milliseconds (`2026-03-01T23:30:00.000Z`).
public enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)

    public static func string(_ date: Date) -> String { style.format(date) }

    /// The instant, or nil when the text is not a stored timestamp.
    public static func date(_ text: String) -> Date? { try? style.parse(text) }
}
