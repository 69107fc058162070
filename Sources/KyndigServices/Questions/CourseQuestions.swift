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
        /// The topic word its questions share most, as typed most often.
        public let term: String
        public let count: Int
        public let questions: [UnansweredQuestion]
    }

    public let groups: [Group]

    public init(_ questions: [UnansweredQuestion]) {
        var analyzers: [Language: (analyzer: Analyzer, light: Set<String>)] = [:]
        var surfaces: [String: [String: Int]] = [:]
        // The topic words of a question: not the words that only shape it ("can", "få").
        func terms(_ question: UnansweredQuestion) -> [String] {
            let made = analyzers[question.language] ?? {
                let analyzer = Analyzer(language: question.language)
                return (analyzer, QuestionWords.light(question.language, analyzer: analyzer))
            }()
            analyzers[question.language] = made
            var terms = Set<String>()
            for token in made.analyzer.tokens(question.question) where token.kind == .word && !made.light.contains(token.term) {
                terms.insert(token.term)
                surfaces[token.term, default: [:]][question.question[token.range(in: question.question)].lowercased(), default: 0] += 1
            }
            return Array(terms)
        }
        let termsByQuestion = questions.map(terms)
        var frequency: [String: Int] = [:]
        for terms in termsByQuestion { for term in terms { frequency[term, default: 0] += 1 } }
        var grouped: [String: [UnansweredQuestion]] = [:]
        for (question, terms) in zip(questions, termsByQuestion) {
            let key = terms.max { (frequency[$0]!, $1) < (frequency[$1]!, $0) } ?? "—"
            grouped[key, default: []].append(question)
        }
        // A group is named by the word as people typed it most often ("ferie", not the stem "feri").
        func label(_ term: String) -> String {
            surfaces[term]?.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? term
        }
        groups = grouped.map { Group(term: label($0.key), count: $0.value.count, questions: $0.value) }
            .sorted { ($0.count, $1.term) > ($1.count, $0.term) }
    }
}
