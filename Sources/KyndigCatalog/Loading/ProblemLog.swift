import KyndigCore

/// Collects problems while loading, so the validator reports every problem, not just the first.
final class ProblemLog {
    private(set) var items: [Problem] = []

    func add(_ file: String, _ line: Int, _ column: Int? = nil, _ message: String) {
        items.append(Problem(file: file, line: line, column: column, message))
    }

    func add(_ problem: Problem) {
        items.append(problem)
    }
}
