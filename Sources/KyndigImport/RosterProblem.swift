/// One bad roster row, reported as `FILE:ROW: column: problem`. Rows count like a spreadsheet:
/// the header is row 1, the first person row 2.
public struct RosterProblem: Sendable, Hashable, CustomStringConvertible, Error {
    public let file: String
    public let row: Int
    public let column: String
    public let problem: String

    public init(file: String, row: Int, column: String, problem: String) {
        self.file = file
        self.row = row
        self.column = column
        self.problem = problem
    }

    public var description: String { "\(file):\(row): \(column): \(problem)" }
}

/// The roster could not be imported; nothing was written. Lists every problem found.
public struct RosterErrors: Error, CustomStringConvertible, Sendable {
    public let problems: [RosterProblem]

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
            + "\n\(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was imported. Fix the rows and import again."
    }
}
