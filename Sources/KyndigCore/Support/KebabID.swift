/// Ids people type and files reference (modules, roles, AI systems, anchors): lower-case letters
/// and digits in hyphen-separated words, `[a-z0-9]+(-[a-z0-9]+)*`.
public enum KebabID {
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.first != "-", text.last != "-", !text.contains("--") else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// A kebab-case id made from free text, to suggest in a message ("Stroke CT" → "stroke-ct").
    public static func suggestion(for text: String) -> String {
        let words = text.lowercased().split { !(("a"..."z").contains($0) || ("0"..."9").contains($0)) }
        return words.isEmpty ? "my-id" : words.joined(separator: "-")
    }
}
