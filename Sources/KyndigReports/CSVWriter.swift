import Foundation

/// RFC 4180 CSV, safe to open in a spreadsheet: fields quoted when they hold the delimiter, a
/// quote or a line break; cells a spreadsheet would run as a formula (starting with `=`, `+`,
/// `-`, `@`, tab or CR) neutralised with a leading `'` (OWASP's CSV-injection advice), while real
/// numbers such as `-5` stay numbers. Rows are written to a sink as they come: memory stays flat.
public struct CSVWriter {
    public struct Dialect: Sendable, Hashable {
        public let delimiter: Character
        /// A UTF-8 byte-order mark first, so Excel reads æ, ø and å right.
        public let byteOrderMark: Bool
        /// What decimal numbers are written with: a Norwegian spreadsheet reads `0,85` as a
        /// number and `0.85` as text.
        public let decimalSeparator: Character
        /// Text of digits and dots (a module version `1.1`, `12.3`) gets a leading `'`: a
        /// Norwegian spreadsheet would otherwise read it as a date (1 January) or a number.
        public let guardsDottedDigits: Bool

        /// Commas, decimal points, CRLF, no BOM.
        public static let standard = Dialect(delimiter: ",", byteOrderMark: false, decimalSeparator: ".", guardsDottedDigits: false)
        /// Semicolons (Norwegian Excel's list separator), decimal commas, CRLF and a BOM; no
        /// `sep=` line, which would stop Excel reading the file as UTF-8.
        public static let excel = Dialect(delimiter: ";", byteOrderMark: true, decimalSeparator: ",", guardsDottedDigits: true)
    }

    public let dialect: Dialect
    let sink: (String) throws -> Void
    private var started = false
    private var lines: CSVLines

    public init(dialect: Dialect, sink: @escaping (String) throws -> Void) {
        self.dialect = dialect
        self.sink = sink
        lines = CSVLines(dialect: dialect)
    }

    /// Writes one line, with the byte-order mark before the first when the dialect has one.
    public mutating func write(_ fields: [String]) throws {
        var bytes: [UInt8] = !started && dialect.byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        started = true
        for field in fields { lines.field(field) }
        lines.endLine()
        bytes += lines.take()
        try sink(String(decoding: bytes, as: UTF8.self))
    }

    /// Rows that follow others already written (so no byte-order mark), as one text.
    public static func rows(_ rows: some Sequence<[String]>, dialect: Dialect) -> String {
        var lines = CSVLines(dialect: dialect)
        for row in rows {
            for field in row { lines.field(field) }
            lines.endLine()
        }
        return String(decoding: lines.take(), as: UTF8.self)
    }

    /// `=`, `+`, `-`, `@`, tab, CR: what a spreadsheet may read as the start of a formula.
    static func isFormulaStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    /// `1.1`, `2.0`, `1.2.3`: digits with dots between them, which Excel in a Norwegian locale
    /// turns into a date or a number. Decimal numbers in that dialect use a comma instead.
    static func isDottedDigits(_ text: String) -> Bool {
        var sawDot = false
        var previousWasDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): previousWasDigit = true
            case UInt8(ascii: "."):
                guard previousWasDigit else { return false }
                sawDot = true
                previousWasDigit = false
            default: return false
            }
        }
        return sawDot && previousWasDigit
    }

    /// `-5`, `+3.25`, `-0,5`: a signed decimal number, which is data, not a formula.
    static func isNumber(_ text: String) -> Bool {
        var digits = text.dropFirst()
        guard text.first == "-" || text.first == "+", !digits.isEmpty else { return false }
        var separatorSeen = false
        while let character = digits.first {
            digits = digits.dropFirst()
            if character.isASCII && character.isNumber { continue }
            if (character == "." || character == ",") && !separatorSeen && !digits.isEmpty { separatorSeen = true; continue }
            return false
        }
        return true
    }
}

/// CSV lines built as bytes a field at a time, for rows that come a cell at a time (a page of an
/// export, worked out side by side with the others): no field or line is made as a `String`,
/// and no byte-order mark is written (that is the writer's, before its first line).
public struct CSVLines {
    public let dialect: CSVWriter.Dialect
    /// The delimiter's byte (both dialects' delimiters are ASCII), looked up once: a `Character`
    /// is slow to ask for its bytes, and every field asks.
    private let delimiter: UInt8
    private var bytes: [UInt8] = []
    private var fieldsInLine = 0

    public init(dialect: CSVWriter.Dialect) {
        self.dialect = dialect
        delimiter = dialect.delimiter.asciiValue ?? UInt8(ascii: ",")
    }

    /// Appends the field as the line's next cell: neutralised, then quoted when it must be.
    public mutating func field(_ value: String) {
        if fieldsInLine > 0 { bytes.append(delimiter) }
        fieldsInLine += 1
        let guarded: Bool
        if let first = value.utf8.first, CSVWriter.isFormulaStart(first), !CSVWriter.isNumber(value) {
            guarded = true
        } else {
            guarded = dialect.guardsDottedDigits && CSVWriter.isDottedDigits(value)
        }
        var value = value
        let delimiter = delimiter
        value.withUTF8 { utf8 in
            // One pass over the bytes: the delimiter, a quote, a line break, or a space at either
            // end call for quotes (a guarded cell begins with its `'`, not a space).
            var needsQuotes = (!guarded && utf8.first == UInt8(ascii: " ")) || utf8.last == UInt8(ascii: " ")
            var hasQuote = false
            for byte in utf8 where byte == delimiter || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                needsQuotes = true
                if byte == UInt8(ascii: "\"") { hasQuote = true }
            }
            if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
            if guarded { bytes.append(UInt8(ascii: "'")) }
            if hasQuote {
                for byte in utf8 {
                    bytes.append(byte)
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                }
            } else {
                bytes.append(contentsOf: utf8)
            }
            if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
        }
    }

    /// Ends the line (CRLF, as RFC 4180 has it).
    public mutating func endLine() {
        bytes += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
        fieldsInLine = 0
    }

    /// The lines so far, as UTF-8; the lines start again empty.
    public mutating func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }
}
