extension Question {
    /// Whether the shown positions chosen are exactly the correct options.
    public func isCorrect(chosenPositions: Set<Int>, optionOrder: [Int]) -> Bool {
        Set(chosenPositions.map { optionOrder[$0] }) == correctIndices
    }
}

/// The result of a finished attempt.
public struct QuizResult: Sendable, Hashable, Codable {
    public let correct: Int
    public let total: Int
    public let passMark: Double
    public var score: Double { total == 0 ? 0 : Double(correct) / Double(total) }
    public var passed: Bool { total > 0 && correct >= needed }
    public var needed: Int { Int((passMark * Double(total) - 1e-9).rounded(.up)) }

    public init(correct: Int, total: Int, passMark: Double) {
        self.correct = correct
        self.total = total
        self.passMark = passMark
    }
}
