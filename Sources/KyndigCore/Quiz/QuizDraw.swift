/// The questions of one attempt and the order their options are shown in.
public struct DrawnQuestion: Sendable, Hashable, Codable {
    public let questionID: String
    /// `optionOrder[i]` is the index in the pool question of the option shown as number i+1.
    public let optionOrder: [Int]

    public init(questionID: String, optionOrder: [Int]) {
        self.questionID = questionID
        self.optionOrder = optionOrder
    }
}

public enum QuizDraw {
    /// Draws `count` questions from `pool` and shuffles each one's options, deterministically
    /// from `seed`: the same seed and pool always give the same quiz (an auditor can replay it).
    /// True/false questions keep their order (true first), which learners expect.
    public static func draw(from pool: QuizPool, count: Int, seed: UInt64) -> [DrawnQuestion] {
        var random = SeededRandom(seed: seed)
        let chosen = Array(shuffled(Array(pool.questions.indices), using: &random).prefix(count))
        return chosen.map { index in
            let question = pool.questions[index]
            let order = question.kind == .trueFalse
                ? Array(question.options.indices)
                : shuffled(Array(question.options.indices), using: &random)
            return DrawnQuestion(questionID: question.id, optionOrder: order)
        }
    }

    /// Fisher–Yates from the front, each swap partner drawn uniformly by `uniform(below:)`.
    /// Written out rather than the standard library's `shuffled(using:)`, whose algorithm is not
    /// promised to stay the same; this one must, or stored seeds no longer replay. (It gives the
    /// same order as the Swift 6 standard library.)
    static func shuffled(_ items: [Int], using random: inout SeededRandom) -> [Int] {
        var items = items
        var remaining = items.count
        var index = 0
        while remaining > 1 {
            let offset = Int(random.uniform(below: UInt64(remaining)))
            remaining -= 1
            items.swapAt(index, index + offset)
            index += 1
        }
        return items
    }
}
