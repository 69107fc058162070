public import KyndigCore
import KyndigText

/// A question's answer: sentences quoted from the course with the sections they come from, or
/// an honest "the course does not cover this" with the nearest topics it does cover. The keys
/// are the documented `kyndig ask --json` shape.
public struct Answer: Sendable, Hashable, Codable {
    public struct Citation: Sendable, Hashable, Codable {
        public let module: String
        public let section: String
        public let title: String
        public let version: String
    }

    public struct ScoredPassage: Sendable, Hashable, Codable {
        public let module: String
        public let section: String
        public let heading: String
        public let text: String
        public let score: Double
    }

    public let question: String
    public let lang: Language
    public let abstained: Bool
    /// The quoted sentences, or (abstaining) the message that the course does not cover it.
    public let answer: String
    /// 0 … 1: how much of the question the best passage covers.
    public let confidence: Double
    public let citations: [Citation]
    /// Best first; at least three when the index has them, also when abstaining.
    public let passages: [ScoredPassage]
}

/// Finds, ranks and quotes. Extractive by construction: every sentence of an answer is a
/// sentence of a cited passage, exactly as written.
public final class AnswerEngine {
    let index: SearchIndex
    private var analyzers: [Language: (analyzer: Analyzer, synonyms: Synonyms)] = [:]

    /// Passages shown with every answer, when the index has them.
    static let minimumShown = 3
    /// Passages considered after the bm25 search.
    static let candidateLimit = 20
    /// Below this share of the question's weight, the course does not answer it.
    static let minimumCoverage = 0.45
    /// How much the bm25 rank counts against the coverage of the question.
    static let bm25Share = 0.35
    /// Passages whose sentences are read to find the one place that answers.
    static let focusLimit = 10
    /// How much that place counts against the whole passage's score.
    static let focusShare = 0.4
    /// How much of the question the section's own heading names: a section titled with the
    /// question's topic is about it, a section that only mentions it is not.
    static let headingShare = 0.2

    public init(index: SearchIndex) {
        self.index = index
    }

    private func analysis(_ language: Language) -> (analyzer: Analyzer, synonyms: Synonyms) {
        if let cached = analyzers[language] { return cached }
        let analyzer = Analyzer(language: language)
        let made = (analyzer, Synonyms(index.synonymGroups, analyzer: analyzer))
        analyzers[language] = made
        return made
    }

    /// - Parameter preferredModules: modules the learner must take; they win ties.
    public func answer(_ question: String, language: Language, preferredModules: Set<String> = []) throws -> Answer {
        let (analyzer, synonyms) = analysis(language)
        let query = try Query(question, language: language, analyzer: analyzer, synonyms: synonyms, index: index)
        var ranked: [(passage: Passage, coverage: Double, score: Double)] = []
        var quotable: [String: [Set<Substring>]] = [:]
        if let expression = query.matchExpression {
            let candidates = try index.candidates(expression, language: language, limit: Self.candidateLimit)
            let best = candidates.map(\.bm25).max() ?? 1
            let scored = candidates.map { candidate in
                let coverage = query.coverage(query.matched(in: candidate.terms))
                let relevance = best > 0 ? candidate.bm25 / best : 0
                return (candidate.rowID, coverage, (1 - Self.bm25Share) * coverage + Self.bm25Share * relevance)
            }
            .sorted { $0.2 > $1.2 }
            // The best few again, by how much of the question one place in them answers: a
            // heading and two neighbouring sentences. Words scattered over a passage are not an answer.
            let top = Array(scored.prefix(Self.focusLimit))
            let analysed = try index.analysed(top.map(\.0))
            ranked = top.compactMap { rowID, _, score in
                guard let item = analysed[rowID] else { return nil }
                quotable[item.passage.id] = item.sentenceTerms
                let focus = Self.focus(item, query: query)
                let heading = query.coverage(query.matched(in: item.headingTerms))
                let bonus = preferredModules.contains(item.passage.moduleID) ? 1e-6 : 0
                return (item.passage, focus, Self.focusShare * focus + Self.headingShare * heading + (1 - Self.focusShare - Self.headingShare) * score + bonus)
            }
            .sorted { $0.2 > $1.2 }
        }
        // Always at least three passages to show (nearest topics, comparison of rankers), also
        // when almost nothing matched: then the course's first sections, scored 0.
        if ranked.count < Self.minimumShown {
            let shownIDs = Set(ranked.map(\.passage.id))
            let more = try index.first(Self.minimumShown + ranked.count, language: language).filter { !shownIDs.contains($0.id) }
            ranked += more.prefix(Self.minimumShown - ranked.count).map { ($0, 0, 0) }
        }
        let shown = ranked.prefix(5).map { item in
            Answer.ScoredPassage(
                module: item.passage.moduleID, section: item.passage.anchor, heading: item.passage.heading,
                text: item.passage.text, score: (item.score * 1000).rounded() / 1000)
        }
        guard let top = ranked.first, top.coverage >= Self.minimumCoverage, top.score > 0 else {
            return Answer(
                question: question, lang: language, abstained: true,
                answer: Self.notCovered(language, nearest: ranked.prefix(3).map(\.passage)),
                confidence: ((ranked.first?.coverage ?? 0) * 100).rounded() / 100, citations: [], passages: Array(shown))
        }
        let quote = Self.quote(top.passage, sentenceTerms: quotable[top.passage.id] ?? [], query: query)
        return Answer(
            question: question, lang: language, abstained: false, answer: quote, confidence: (top.coverage * 100).rounded() / 100,
            citations: [Answer.Citation(module: top.passage.moduleID, section: top.passage.anchor, title: top.passage.heading,
                                        version: top.passage.version.description)],
            passages: Array(shown))
    }

    /// The largest share of the question that the passage's headings and two neighbouring
    /// sentences cover together.
    static func focus(_ item: SearchIndex.Analysed, query: Query) -> Double {
        let sentences = item.sentenceTerms
        guard !sentences.isEmpty else { return query.coverage(query.matched(in: item.headingTerms)) }
        return sentences.indices.map { index in
            let window = item.headingTerms.union(sentences[index]).union(index + 1 < sentences.count ? sentences[index + 1] : [])
            return query.coverage(query.matched(in: window))
        }.max() ?? 0
    }

    /// One to three sentences of the passage: the one that covers most of the question, then any
    /// that add what it leaves out, in the order the passage has them.
    static func quote(_ passage: Passage, sentenceTerms: [Set<Substring>], query: Query) -> String {
        // A sentence that only introduces a list ("AI tools can:") says nothing on its own.
        let sentences = passage.sentences.indices.map { index -> [Bool] in
            if passage.sentence(index).hasSuffix(":") || index >= sentenceTerms.count { return query.concepts.map { _ in false } }
            return query.matched(in: sentenceTerms[index])
        }
        func weight(_ matched: [Bool]) -> Double { zip(query.concepts, matched).reduce(0) { $0 + ($1.1 ? $1.0.weight : 0) } }
        guard let first = sentences.indices.max(by: { (weight(sentences[$0]), -$0) < (weight(sentences[$1]), -$1) }),
              weight(sentences[first]) > 0
        else {
            // The question matched the headings: the section's opening says what it is about.
            return passage.sentences.indices.prefix(2).map(passage.sentence).joined(separator: " ")
        }
        var chosen = [first]
        var covered = sentences[first]
        let firstWeight = weight(sentences[first])
        while chosen.count < 3 {
            let remaining = sentences.indices.filter { !chosen.contains($0) }
            let gain = { (index: Int) -> Double in
                weight(zip(sentences[index], covered).map { $0 && !$1 })
            }
            // Prefer what adds to the answer; else a neighbour that is nearly as relevant.
            if let next = remaining.filter({ gain($0) > 0 }).max(by: { (gain($0), -abs($0 - first)) < (gain($1), -abs($1 - first)) }) {
                chosen.append(next)
                covered = zip(covered, sentences[next]).map { $0 || $1 }
            } else if let neighbour = remaining.filter({ abs($0 - first) == 1 && weight(sentences[$0]) >= 0.75 * firstWeight }).first {
                chosen.append(neighbour)
            } else {
                break
            }
        }
        return chosen.sorted().map(passage.sentence).joined(separator: " ")
    }

    static func notCovered(_ language: Language, nearest: [Passage]) -> String {
        let topics = nearest.map { "\($0.moduleTitle) › \($0.heading) (\($0.moduleID) §\($0.anchor))" }
        switch language {
        case .nb:
            return "Kursmateriellet dekker ikke dette, så jeg kan ikke svare på det her."
                + (topics.isEmpty ? "" : " Nærmeste temaer kurset tar opp: " + topics.joined(separator: "; ") + ".")
        case .en:
            return "The course material does not cover this, so I cannot answer it here."
                + (topics.isEmpty ? "" : " The nearest topics the course does cover: " + topics.joined(separator: "; ") + ".")
        }
    }
}

extension AnswerEngine {
    /// The ranking of sections for a question, for evaluation.
    public func rank(_ question: String, language: Language) throws -> Ranking {
        let answer = try answer(question, language: language)
        return Ranking(sections: answer.passages.map { "\($0.module)#\($0.section)" }, abstained: answer.abstained)
    }
}
