/// One problem in an input file (a course file, a roster, an AI-system register), located as
/// precisely as the format allows: the line (a spreadsheet row for CSV, where the header is row 1),
/// the column number where a parser gives one, and the field where the format names its fields.
///
/// `message` says what is wrong and what to do about it in this file; what the person should do
/// next overall ("nothing was imported, fix the rows and import again") is worded by the caller.
public struct Problem: Sendable, Hashable, Codable, Comparable, CustomStringConvertible, Error {
    /// The file as the person named it, or relative to the catalog root.
    public let file: String
    public let line: Int
    public let column: Int?
    /// The field or CSV column at fault, e.g. `roles`.
    public let field: String?
    public let message: String

    public init(file: String, line: Int, column: Int? = nil, field: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// `file:line:column: message`, or `file:line: field: message`.
    public var description: String {
        var location = "\(file):\(line)"
        if let column { location += ":\(column)" }
        if let field { location += ": \(field)" }
        return "\(location): \(message)"
    }

    public static func < (lhs: Problem, rhs: Problem) -> Bool {
        (lhs.file, lhs.line, lhs.column ?? 0, lhs.field ?? "", lhs.message)
            < (rhs.file, rhs.line, rhs.column ?? 0, rhs.field ?? "", rhs.message)
    }
}

/// An input was refused: every problem found in it. Nothing was written.
public struct Problems: Error, Sendable, Hashable, CustomStringConvertible {
    public let items: [Problem]

    public init(_ items: [Problem]) { self.items = items }

    public var description: String { items.map(\.description).joined(separator: "\n") }
}
