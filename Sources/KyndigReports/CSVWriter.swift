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

    public init(dialect: Dialect, sink: @escaping (String) throws -> Void) {
        self.dialect = dialect
        self.sink = sink
    }

    public mutating func write(_ fields: [String]) throws {
        // One line built in place: a million-row export writes every field through here.
        var line = ""
        line.reserveCapacity(fields.reduce(4) { $0 + $1.utf8.count + 1 })
        if !started && dialect.byteOrderMark { line = "\u{FEFF}" }
        started = true
        for (index, field) in fields.enumerated() {
            if index > 0 { line.append(dialect.delimiter) }
            appendCell(field, to: &line)
        }
        line += "\r\n"
        try sink(line)
    }

    /// The field as a cell: neutralised, then quoted when it must be.
    private func appendCell(_ value: String, to line: inout String) {
        let guarded: Bool
        if let first = value.utf8.first, Self.formulaStarts.contains(first), !Self.isNumber(value) {
            guarded = true
        } else {
            guarded = dialect.guardsDottedDigits && Self.isDottedDigits(value)
        }
        // One pass over the bytes: the delimiter, a quote, a line break, or a space at either
        // end call for quotes (a guarded cell begins with its `'`, not a space).
        let delimiter = dialect.delimiter.asciiValue ?? UInt8(ascii: ",")
        var needsQuotes = (!guarded && value.utf8.first == UInt8(ascii: " ")) || value.utf8.last == UInt8(ascii: " ")
        var hasQuote = false
        for byte in value.utf8 where byte == delimiter || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            needsQuotes = true
            if byte == UInt8(ascii: "\"") { hasQuote = true }
        }
        if needsQuotes { line += "\"" }
        if guarded { line += "'" }
        line += hasQuote ? value.replacingOccurrences(of: "\"", with: "\"\"") : value
        if needsQuotes { line += "\"" }
    }

    /// `=`, `+`, `-`, `@`, tab, CR: what a spreadsheet may read as the start of a formula.
    static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

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
