import Foundation

/// Where a file stops being UTF-8, and what it probably is instead, worded for the person who
/// exported it.
enum TextEncoding {
    /// The row (counted as a spreadsheet does, header = 1) and byte of the first invalid UTF-8
    /// sequence, with a message saying what the file looks like and how to save it.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> (line: Int, message: String) {
        if looksLikeUTF16(bytes) {
            return (1, "the file looks like UTF-16 (Excel's \"Unicode text\"), not UTF-8. Save it as \"CSV UTF-8\" and import again.")
        }
        let offset = invalidOffset(bytes) ?? 0
        let before = bytes[..<offset]
        var line = before.count { $0 == 0x0A } + 1
        // Excel's "sep=;" line is not a row of the spreadsheet.
        if bytes.starts(with: Array("sep=".utf8)) || bytes.starts(with: Array("SEP=".utf8)) { line -= 1 }
        let lineStart = (before.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
        let byte = String(format: "0x%02X", bytes[offset])
        return (max(line, 1), "byte \(offset - lineStart + 1) of the row (\(byte)) is not UTF-8; the file looks like Latin-1 or Windows-1252, where æ, ø and å are single bytes. Save it as \"CSV UTF-8\" and import again.")
    }

    /// A byte-order mark of UTF-16, or NUL bytes in every other position of the first line.
    static func looksLikeUTF16(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return true }
        let head = bytes.prefix(64)
        return head.count >= 8 && head.count { $0 == 0 } * 3 >= head.count
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func invalidOffset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            for next in bytes[(index + 1)..<(index + length)] where next & 0xC0 != 0x80 { return index }
            // Overlong forms, surrogates and values above U+10FFFF.
            if length == 3, lead == 0xE0, bytes[index + 1] < 0xA0 { return index }
            if length == 3, lead == 0xED, bytes[index + 1] >= 0xA0 { return index }
            if length == 4, lead == 0xF0, bytes[index + 1] < 0x90 { return index }
            if length == 4, lead == 0xF4, bytes[index + 1] >= 0x90 { return index }
            index += length
        }
        return nil
    }
}
