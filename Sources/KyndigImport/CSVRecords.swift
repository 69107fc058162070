/// A CSV file as spreadsheets and HR systems write it, read record by record from its UTF-8
/// bytes: RFC 4180 quoting (a quoted field may hold the delimiter, line breaks and doubled quotes),
/// CRLF, LF or CR line ends, an optional byte-order mark and Excel's `sep=` first line.
///
/// Strict where a lenient reading would change the data: text after a field's closing quote, and
/// a quote that is never closed, are problems of their row rather than guesses. A quote inside a
/// field that does not start with one is kept as written (`O"Brien`), as spreadsheets read it.
/// Written for the roster, where the CSV.swift package it replaces spent a fifth of a
/// 100,000-person import and silently dropped a character after a stray closing quote.
struct CSVRecords {
    /// Why a record could not be read. `row` counts records as a spreadsheet shows them
    /// (header = 1, a quoted line break does not start a new row); `field` is 0-based.
    enum Problem: Error, Equatable {
        case malformed(row: Int, field: Int, message: String)
        /// Not UTF-8: the caller words it from the whole file (`TextEncoding`).
        case notUTF8
    }

    private let bytes: [UInt8]
    /// `,` or `;` by the header line, or what a `sep=` line names.
    let delimiter: UInt8
    private var position: Int
    /// The row of the record `next(into:)` last read.
    private(set) var row = 0

    static let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let separator = Self.separatorLine(bytes, from: start) {
            delimiter = separator.delimiter
            start += separator.length
        } else {
            delimiter = Self.headerDelimiter(bytes, from: start)
        }
        position = start
    }

    /// Nothing but white space after the byte-order mark and `sep=` line.
    var isBlank: Bool {
        bytes[position...].allSatisfy { $0 == 0x20 || (0x09...0x0D).contains($0) }
    }

    /// Reads the next record into `fields` (emptied first; its storage is reused). False at the
    /// end of the file. A malformed record throws `.malformed` and is skipped, so the caller can
    /// report it and read on; a quote never closed runs to the end of the file.
    mutating func next(into fields: inout [String]) throws(Problem) -> Bool {
        fields.removeAll(keepingCapacity: true)
        guard position < bytes.count else { return false }
        row += 1
        var problem: (field: Int, message: String)?
        let (end, notUTF8) = bytes.withUnsafeBufferPointer { buffer in
            var at = position
            while true {
                let text: String?
                if at < buffer.count && buffer[at] == Self.quote {
                    let field = Self.quotedField(buffer, openingAt: at)
                    text = field.text
                    at = field.end
                    // Spaces after the closing quote are let go (the field's text is inside the
                    // quotes), unless the space is the delimiter (`sep=<tab>`).
                    while field.closed, at < buffer.count, buffer[at] == 0x20 || buffer[at] == 0x09, buffer[at] != delimiter { at += 1 }
                    if !field.closed {
                        problem = problem ?? (fields.count, "opens a quote that is never closed, so the rest of the file would be read as this one field. Close the quote, or double a quote meant as text (\"\").")
                    } else if at < buffer.count, buffer[at] != delimiter, buffer[at] != Self.lineFeed, buffer[at] != Self.carriageReturn {
                        problem = problem ?? (fields.count, "has text after its closing quote. Inside a quoted field, write a quote as two (\"\"); or quote the whole field.")
                        while at < buffer.count, buffer[at] != delimiter, buffer[at] != Self.lineFeed, buffer[at] != Self.carriageReturn { at += 1 }
                    }
                } else {
                    let start = at
                    while at < buffer.count, buffer[at] != delimiter, buffer[at] != Self.lineFeed, buffer[at] != Self.carriageReturn { at += 1 }
                    text = String(validating: UnsafeBufferPointer(rebasing: buffer[start..<at]), as: UTF8.self)
                }
                guard let text else { return (at, true) }
                fields.append(text)
                guard at < buffer.count else { return (at, false) }
                if buffer[at] == delimiter {
                    at += 1
                    continue
                }
                let crlf = buffer[at] == Self.carriageReturn && at + 1 < buffer.count && buffer[at + 1] == Self.lineFeed
                return (at + (crlf ? 2 : 1), false)
            }
        }
        position = end
        if notUTF8 { throw .notUTF8 }
        if let problem { throw .malformed(row: row, field: problem.field, message: problem.message) }
        return true
    }

    /// A quoted field from its opening quote: its text (nil when not UTF-8), where reading goes on
    /// (after the closing quote, or the end of the file), and whether the quote was closed.
    private static func quotedField(_ buffer: UnsafeBufferPointer<UInt8>, openingAt opening: Int) -> (text: String?, end: Int, closed: Bool) {
        var at = opening + 1
        var segment = at
        // Only a field with a doubled quote inside is copied; most are decoded where they lie.
        var unescaped: [UInt8]?
        while at < buffer.count {
            guard buffer[at] == quote else {
                at += 1
                continue
            }
            if at + 1 < buffer.count && buffer[at + 1] == quote {
                unescaped = (unescaped ?? []) + buffer[segment...at]
                at += 2
                segment = at
                continue
            }
            return (decode(buffer, segment..<at, after: unescaped), at + 1, true)
        }
        return (decode(buffer, segment..<at, after: unescaped), at, false)
    }

    private static func decode(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, after unescaped: [UInt8]?) -> String? {
        guard let unescaped else { return String(validating: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self) }
        return String(validating: unescaped + buffer[range], as: UTF8.self)
    }

    /// Excel's `sep=;` (or `sep=,`, `sep=<tab>`) first line: the delimiter and the line's length
    /// in bytes with its line break, or nil when the file does not start with one.
    static func separatorLine(_ bytes: [UInt8], from start: Int) -> (delimiter: UInt8, length: Int)? {
        let head = bytes[start...].prefix(7)
        guard head.count >= 5, String(decoding: head.prefix(4), as: UTF8.self).lowercased() == "sep=" else { return nil }
        let delimiter = head[start + 4]
        guard delimiter == UInt8(ascii: ",") || delimiter == UInt8(ascii: ";") || delimiter == UInt8(ascii: "\t") else { return nil }
        let rest = head.dropFirst(5)
        guard let first = rest.first else { return (delimiter, 5) }
        if first == carriageReturn { return (delimiter, rest.dropFirst().first == lineFeed ? 7 : 6) }
        return first == lineFeed ? (delimiter, 6) : nil
    }

    /// The one of `,` and `;` the header line uses more, outside quotes.
    static func headerDelimiter(_ bytes: [UInt8], from start: Int) -> UInt8 {
        var commas = 0, semicolons = 0, quoted = false
        for byte in bytes[start...] {
            if (byte == lineFeed || byte == carriageReturn) && !quoted { break }
            switch byte {
            case quote: quoted.toggle()
            case UInt8(ascii: ",") where !quoted: commas += 1
            case UInt8(ascii: ";") where !quoted: semicolons += 1
            default: break
            }
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }
}
