import Foundation
public import KyndigCore
public import KyndigSearch
public import KyndigStore
import KyndigText

/// A learner's question answered from the course only (quoted, cited), or honestly declined; a
/// declined question is kept for the content authors, without who asked it.
///
/// Not `Sendable`: the answer engine owns a Snowball stemmer. Make one per task.
public final class CourseQuestions {
    let engine: AnswerEngine
    let log: (any QuestionLogStore)?
    let clock: WallClock

    /// - Parameter log: where declined questions go (nil: nowhere, e.g. without a database).
    public init(index: SearchIndex, log: (any QuestionLogStore)?, clock: WallClock) {
        engine = AnswerEngine(index: index)
        self.log = log
        self.clock = clock
    }

    /// - Parameter preferredModules: the learner's required modules, which win ties.
    public func ask(_ question: String, language: Language, preferredModules: Set<String> = []) async throws -> Answer {
        let answer = try engine.answer(question, language: language, preferredModules: preferredModules)
        if answer.abstained, !question.trimmed.isEmpty, let log {
            try await log.logUnanswered(UnansweredQuestion(askedAt: clock.now(), language: language, question: question.trimmed))
        }
        return answer
    }
}

/// Declined questions grouped by the term they share most, biggest group first: what the course
/// is most often asked and does not cover.
public struct UnansweredGroups: Sendable, Hashable, Codable {
    public struct Group: Sendable, Hashable, Codable {
        /// The most frequent term of its questions (as analysed, e.g. the stem `passord`).
        public let term: String
        public let count: Int
        public let questions: [UnansweredQuestion]
    }

    public let groups: [Group]

    public init(_ questions: [UnansweredQuestion]) {
        var analyzers: [Language: (analyzer: Analyzer, light: Set<String>)] = [:]
        // The topic words of a question: not the words that only shape it ("can", "få").
        func terms(_ question: UnansweredQuestion) -> [String] {
            let made = analyzers[question.language] ?? {
                let analyzer = Analyzer(language: question.language)
                return (analyzer, QuestionWords.light(question.language, analyzer: analyzer))
            }()
            analyzers[question.language] = made
            return Array(Set(made.analyzer.phrase(question.question)).subtracting(made.light))
        }
        let termsByQuestion = questions.map(terms)
        var frequency: [String: Int] = [:]
        for terms in termsByQuestion { for term in terms { frequency[term, default: 0] += 1 } }
        var grouped: [String: [UnansweredQuestion]] = [:]
        for (question, terms) in zip(questions, termsByQuestion) {
            let key = terms.max { (frequency[$0]!, $1) < (frequency[$1]!, $0) } ?? "—"
            grouped[key, default: []].append(question)
        }
        groups = grouped.map { Group(term: $0.key, count: $0.value.count, questions: $0.value) }
            .sorted { ($0.count, $1.term) > ($1.count, $0.term) }
    }
}
