import Foundation
import KyndigCore

/// Splits a heading's text into its title and its `{#anchor}` suffix.
public enum HeadingAnchor {
    /// `"Automation bias {#automation-bias}"` → ("Automation bias", "automation-bias");
    /// nil anchor when the heading has no well-formed suffix.
    public static func split(_ text: String) -> (title: String, anchor: String?) {
        let trimmed = text.trimmed
        guard trimmed.hasSuffix("}"), let open = trimmed.range(of: "{#", options: .backwards) else {
            return (trimmed, nil)
        }
        let anchor = String(trimmed[open.upperBound..<trimmed.index(before: trimmed.endIndex)])
        let title = trimmed[..<open.lowerBound].trimmed
        return (title, anchor)
    }
}
