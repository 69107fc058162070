/// Text that came from outside (a roster, a register, older records) before it reaches a
/// terminal, a report or a database. Control characters (C0, DEL, C1) can clear a screen or
/// retitle a window when printed; bidirectional controls (U+202E and friends) make a name read
/// differently from what it is. Neither belongs in a name, an id or an e-mail address.
public enum PlainText {
    /// The first scalar that is not allowed in imported text, and its position (1-based, in
    /// characters as a person counts them), or nil when the text is plain.
    public static func firstControl(in text: String) -> (scalar: Unicode.Scalar, position: Int)? {
        // Fast path for a roster's hundreds of thousands of fields: printable ASCII, and no byte
        // that can begin one of these scalars in UTF-8 (C2 for C1 controls, D8 for U+061C, E2 for
        // the others), means there is none.
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) || ($0 >= 0x80 && $0 != 0xC2 && $0 != 0xD8 && $0 != 0xE2) }) { return nil }
        var position = 0
        for character in text {
            position += 1
            if let scalar = character.unicodeScalars.first(where: isControl) { return (scalar, position) }
        }
        return nil
    }

    /// C0 controls (tab, CR and LF included), DEL, C1 controls, and the bidirectional formatting
    /// characters (embeddings, overrides, isolates, marks).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The text with every such scalar shown as `\u{1B}`: safe to print, and still tells what was there.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `U+001B`, as a message names a character.
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
