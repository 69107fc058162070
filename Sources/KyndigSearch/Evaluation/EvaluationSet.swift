import Foundation
public import KyndigCore
import Yams

/// Questions with known answers (and questions the course must decline), to measure search:
/// `eval/search-questions.yaml`. Tune to the whole set, never to one question: the questions
/// learners ask are not in it.
public struct EvaluationSet: Sendable, Decodable {
    public struct InScope: Sendable, Decodable {
        public let id: String
        public let lang: Language
        public let question: String
        /// `module#anchor` of each section that answers it.
        public let answers: [String]
    }

    public struct OutOfScope: Sendable, Decodable {
        public let id: String
        public let lang: Language
        public let question: String
        public let kind: String
    }

    public let inScope: [InScope]
    public let outOfScope: [OutOfScope]

    enum CodingKeys: String, CodingKey {
        case inScope = "in_scope", outOfScope = "out_of_scope"
    }

    public static func load(path: String) throws -> EvaluationSet {
        try YAMLDecoder().decode(EvaluationSet.self, from: String(contentsOfFile: path, encoding: .utf8))
    }
}

/// What a ranker returns for one question: the sections it ranks, best first, and whether it
/// declines to answer.
public struct Ranking: Sendable {
    public let sections: [String]
    public let abstained: Bool

    public init(sections: [String], abstained: Bool) {
        self.sections = sections
        self.abstained = abstained
    }
}

/// hit@1, hit@3 and MRR over the answerable questions; precision and recall of abstention over all.
public struct EvaluationReport: Sendable, Codable {
    public let answerable: Int
    public let outOfScope: Int
    public let hitAt1: Double
    public let hitAt3: Double
    public let mrr: Double
    /// Answerable questions answered (not declined) from a right section.
    public let answeredRight: Double
    public let abstentionPrecision: Double
    public let abstentionRecall: Double
    /// Ids of the questions the ranker got wrong, for reading (not for tuning one by one).
    public let misses: [String]
    public let wrongAnswers: [String]
    public let falseAbstentions: [String]

    public static func measure(_ set: EvaluationSet, rank: (String, Language) throws -> Ranking) rethrows -> EvaluationReport {
        var hit1 = 0, hit3 = 0, reciprocal = 0.0, answeredRight = 0
        var misses: [String] = [], falseAbstentions: [String] = [], wrongAnswers: [String] = []
        var abstainedInScope = 0
        for question in set.inScope {
            let ranking = try rank(question.question, question.lang)
            let position = ranking.sections.firstIndex { question.answers.contains($0) }
            if position == 0 { hit1 += 1 }
            if let position, position < 3 { hit3 += 1 } else { misses.append(question.id) }
            if let position { reciprocal += 1 / Double(position + 1) }
            if ranking.abstained {
                abstainedInScope += 1
                falseAbstentions.append(question.id)
            } else if position == 0 {
                answeredRight += 1
            } else {
                wrongAnswers.append(question.id)
            }
        }
        var abstainedOut = 0
        for question in set.outOfScope where try rank(question.question, question.lang).abstained {
            abstainedOut += 1
        }
        let answerable = Double(max(set.inScope.count, 1))
        let abstained = abstainedOut + abstainedInScope
        return EvaluationReport(
            answerable: set.inScope.count, outOfScope: set.outOfScope.count,
            hitAt1: Double(hit1) / answerable, hitAt3: Double(hit3) / answerable, mrr: reciprocal / answerable,
            answeredRight: Double(answeredRight) / answerable,
            abstentionPrecision: abstained == 0 ? 1 : Double(abstainedOut) / Double(abstained),
            abstentionRecall: set.outOfScope.isEmpty ? 1 : Double(abstainedOut) / Double(set.outOfScope.count),
            misses: misses, wrongAnswers: wrongAnswers, falseAbstentions: falseAbstentions)
    }
}
