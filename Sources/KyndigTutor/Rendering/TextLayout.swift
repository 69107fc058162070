/// Width and wrapping of text as a terminal shows it: ANSI escape sequences take no columns,
/// East Asian wide characters and emoji take two.
enum TextLayout {
    /// Display columns of `text` (one line).
    static func width(_ text: String) -> Int {
        pieces(text).reduce(0) { $0 + $1.columns }
    }

    /// Wraps one paragraph greedily at `width` columns: the first line starts with `first`, the
    /// following ones with `rest` (a hanging indent). Runs of spaces between words are kept;
    /// a word longer than a whole line is cut, so no line is ever wider than `width`.
    static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        var lines: [String] = []
        var line = first
        var used = self.width(first)
        var lineHasWords = false
        let restWidth = self.width(rest)
        for (gap, word) in words(text) {
            let gapWidth = lineHasWords ? gap.count : 0
            var wordWidth = self.width(word)
            if lineHasWords && used + gapWidth + wordWidth > width {
                lines.append(line)
                (line, used, lineHasWords) = (rest, restWidth, false)
            }
            if lineHasWords {
                line += gap
                used += gap.count
            }
            // Only a word wider than a whole line is cut; it starts on a line of its own.
            var remaining = word
            while used + wordWidth > width && wordWidth > 0 && width - used > 0 {
                let (head, tail) = cut(remaining, columns: width - used)
                lines.append(line + head)
                (line, used) = (rest, restWidth)
                remaining = tail
                wordWidth = self.width(tail)
            }
            line += remaining
            used += wordWidth
            lineHasWords = true
        }
        lines.append(line)
        return lines
    }

    /// One printed line made to fit: unchanged when it fits, else wrapped with a hanging indent
    /// under its own text, past its leading spaces and a list marker ("  • ", "  2) ", "│ ").
    static func fit(_ line: String, width: Int) -> [String] {
        guard self.width(line) > width else { return [line] }
        let indent = String(repeating: " ", count: min(hangingIndent(of: line), width / 2))
        let lead = String(line.prefix { $0 == " " }.prefix(width / 2))
        return wrap(String(line.dropFirst(lead.count)), width: width, first: lead, rest: indent)
    }

    // MARK: - Pieces

    /// A character or an escape sequence, and the columns it takes.
    private struct Piece {
        let text: String
        let columns: Int
    }

    private static func pieces(_ text: String) -> [Piece] {
        var result: [Piece] = []
        var escape: String?
        for character in text {
            if var sequence = escape {
                // ESC [ parameters final-byte: the sequence ends at a byte in @…~.
                sequence.append(character)
                let scalar = character.unicodeScalars.first!.value
                if sequence.count > 2 || character != "[", (0x40...0x7E).contains(scalar) {
                    result.append(Piece(text: sequence, columns: 0))
                    escape = nil
                } else {
                    escape = sequence
                }
            } else if character == "\u{1B}" {
                escape = "\u{1B}"
            } else {
                result.append(Piece(text: String(character), columns: columns(of: character)))
            }
        }
        if let escape { result.append(Piece(text: escape, columns: 0)) }
        return result
    }

    private static func columns(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if scalar.properties.generalCategory == .control { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// The words of `text`, each with the spaces before it.
    private static func words(_ text: String) -> [(gap: String, word: String)] {
        var result: [(String, String)] = []
        var gap = ""
        var word = ""
        for character in text {
            if character == " " {
                if !word.isEmpty { result.append((gap, word)); gap = ""; word = "" }
                gap.append(character)
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { result.append((gap, word)) }
        return result
    }

    /// Splits `word` after at most `columns` columns (at least one character), never inside an
    /// escape sequence.
    private static func cut(_ word: String, columns: Int) -> (head: String, tail: String) {
        var head = ""
        var used = 0
        var rest = pieces(word)[...]
        while let piece = rest.first, used + piece.columns <= columns || head.isEmpty {
            head += piece.text
            used += piece.columns
            rest = rest.dropFirst()
        }
        return (head, rest.map(\.text).joined())
    }

    /// Columns of leading spaces plus a list marker, where continuation lines should start.
    private static func hangingIndent(of line: String) -> Int {
        let plain = pieces(line).filter { $0.columns > 0 || $0.text.first != "\u{1B}" }.map(\.text).joined()
        let spaces = plain.prefix { $0 == " " }.count
        let body = plain.dropFirst(spaces)
        for marker in ["• ", "* ", "- ", "· ", "│ ", "| ", "✔ ", "+ ", "… ", "~ ", "! "] where body.hasPrefix(marker) {
            return spaces + marker.count
        }
        // "2) " or "12. "
        let digits = body.prefix { $0.isASCII && $0.isNumber }
        let after = body.dropFirst(digits.count)
        if !digits.isEmpty, after.hasPrefix(") ") || after.hasPrefix(". ") {
            return spaces + digits.count + 2
        }
        return spaces
    }
}
