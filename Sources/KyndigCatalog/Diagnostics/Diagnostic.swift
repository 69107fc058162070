/// One problem in the course content, located by file, line and column, with the fix.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible, Comparable, Codable {
    /// Path relative to the catalog root, e.g. `quizzes/ai-basics.nb.yaml`.
    public let file: String
    public let line: Int
    public let column: Int?
    /// What is wrong, then what to do about it.
    public let message: String

    public init(file: String, line: Int, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        if let column { "\(file):\(line):\(column): \(message)" } else { "\(file):\(line): \(message)" }
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.line, lhs.column ?? 0, lhs.message) < (rhs.file, rhs.line, rhs.column ?? 0, rhs.message)
    }
}

/// Collects diagnostics while loading, so the validator reports every problem, not just the first.
final class DiagnosticLog {
    private(set) var items: [Diagnostic] = []

    func add(_ file: String, _ line: Int, _ column: Int? = nil, _ message: String) {
        items.append(Diagnostic(file: file, line: line, column: column, message))
    }
}

/// Thrown by `CatalogLoader.load` when the content has problems; lists all of them.
public struct CatalogErrors: Error, CustomStringConvertible, Sendable {
    public let diagnostics: [Diagnostic]

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
            + "\n\(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s") found in the catalog."
    }
}
