import Foundation
public import KyndigCore
public import KyndigText

/// A question taken apart into concepts: each word the learner typed (or a glossary term that
/// spans several words) with every way the course may say it, weighted by how rare it is in the
/// course. "KI" is everywhere and weighs little; "paracetamol" is nowhere and weighs most, so a
/// question about it can never look covered.
struct Query {
    struct Concept: Hashable {
        /// What to look for in the FTS5 index, as text the index's tokenizer analyses the same
        /// way it analysed the course (no second stemming of stems).
        let surfaces: [String]
        /// Each alternative is a set of terms a passage must all contain to match the concept.
        let alternatives: [[String]]
        var weight: Double = 0
        var isLight = false
        /// In more than `commonShare` of the passages.
        var isCommon = false
    }

    static let commonShare = 0.25

    let language: Language
    let concepts: [Concept]

    /// The FTS5 expression: every surface form, quoted (so `"`, `*`, `NEAR` or `)` in a question
    /// are only text), joined by OR. Nil when the question has nothing to look for.
    var matchExpression: String? {
        // Words that only shape the question would match most of the course: leave them out of
        // the search (they still count, a little, in how well a passage covers the question).
        // So are words in most passages ("KI" in an AI course): bm25 gives them almost no weight,
        // and their long lists of passages would cost more than the rest of the search.
        let topical = concepts.filter { !$0.isLight }
        let rare = topical.filter { !$0.isCommon }
        let searched = rare.isEmpty ? topical : rare
        let quoted = Set(searched.flatMap(\.surfaces)).sorted().map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return quoted.isEmpty ? nil : quoted.joined(separator: " OR ")
    }

    var totalWeight: Double { concepts.reduce(0) { $0 + $1.weight } }

    /// Analyses `question` with the index's analyzer, groups glossary terms, splits Norwegian
    /// compounds the course does not use whole into parts it does, and weights every concept.
    init(_ question: String, language: Language, analyzer: Analyzer, synonyms: Synonyms, index: SearchIndex) throws {
        self.language = language
        let words = analyzer.tokens(question).filter { $0.kind == .word }.map { token in
            (term: token.term, surface: String(question[token.range(in: question)]))
        }
        var concepts: [Concept] = []
        var covered = Set<Int>()
        for match in synonyms.groups.matches(in: words.map(\.term)) {
            let typed = words[match.range].map(\.surface).joined(separator: " ")
            concepts.append(Concept(surfaces: [typed] + synonyms.surfaces(of: match.alternatives), alternatives: match.alternatives))
            covered.formUnion(match.range)
        }
        for (position, word) in words.enumerated() where !covered.contains(position) {
            concepts.append(Concept(surfaces: [word.surface], alternatives: [[word.term]]))
        }
        // Weights from the course's own statistics; compounds the course never uses whole get
        // their parts as an alternative ("risikovurderingen" → risiko + vurdering).
        let single = Set(concepts.flatMap { $0.alternatives.flatMap { $0 } })
        var frequencies = try index.documentFrequencies(single, language: language)
        var splits: [Int: [(surfaces: [String], terms: [String])]] = [:]
        for (position, concept) in concepts.enumerated()
        where concept.alternatives == [[concept.alternatives[0][0]]] && frequencies[concept.alternatives[0][0]] == 0 {
            splits[position] = Self.compoundSplits(concept.surfaces[0], analyzer: analyzer)
        }
        let parts = Set(splits.values.flatMap { $0.flatMap(\.terms) }).subtracting(frequencies.keys)
        frequencies.merge(try index.documentFrequencies(parts, language: language)) { first, _ in first }
        for (position, candidates) in splits {
            for split in candidates where split.terms.allSatisfy({ (frequencies[$0] ?? 0) > 0 }) {
                concepts[position] = Concept(
                    surfaces: concepts[position].surfaces + split.surfaces,
                    alternatives: concepts[position].alternatives + [split.terms])
                break
            }
        }
        let passages = Double(index.passageCounts[language] ?? 0)
        let light = QuestionWords.light(language, analyzer: analyzer)
        self.concepts = concepts.map { concept in
            // A concept is as common as its most common way of being said.
            let df = Double(concept.alternatives.map { $0.map { frequencies[$0] ?? 0 }.min() ?? 0 }.max() ?? 0)
            var weighted = concept
            weighted.weight = log(1 + (passages - df + 0.5) / (df + 0.5))
            weighted.isCommon = passages > 0 && df / passages > Self.commonShare
            if concept.alternatives.count == 1, concept.alternatives[0].count == 1, light.contains(concept.alternatives[0][0]) {
                weighted.weight *= QuestionWords.lightWeight
                weighted.isLight = true
            }
            return weighted
        }
    }

    /// Two-part splits of a long word, longest first part first, with the linking `s` or `e` of
    /// Norwegian compounds dropped from the first part ("risikovurderingen", "leverandøravtalen").
    static func compoundSplits(_ word: String, analyzer: Analyzer) -> [(surfaces: [String], terms: [String])] {
        let letters = Array(word.lowercased())
        guard letters.count >= 8, letters.allSatisfy(\.isLetter) else { return [] }
        var result: [(surfaces: [String], terms: [String])] = []
        for cut in stride(from: letters.count - 3, through: 3, by: -1) {
            let right = String(letters[cut...])
            var lefts = [String(letters[..<cut])]
            if cut > 4, letters[cut - 1] == "s" || letters[cut - 1] == "e" { lefts.append(String(letters[..<(cut - 1)])) }
            for left in lefts where !analyzer.isStopWord(left) && !analyzer.isStopWord(right) {
                result.append(([left, right], [analyzer.stem(left), analyzer.stem(right)]))
            }
        }
        return result
    }

    /// Which concepts a set of terms contains.
    func matched(in terms: Set<Substring>) -> [Bool] {
        concepts.map { concept in concept.alternatives.contains { $0.allSatisfy { terms.contains(Substring($0)) } } }
    }

    /// The share of the question's weight that `matched` covers.
    func coverage(_ matched: [Bool]) -> Double {
        let total = totalWeight
        guard total > 0 else { return 0 }
        return zip(concepts, matched).reduce(0) { $0 + ($1.1 ? $1.0.weight : 0) } / total
    }
}

/// The glossary's synonym groups, analysed for one language's index, and the written forms
/// behind each analysed phrase (what goes into an FTS5 query).
struct Synonyms {
    let groups: SynonymGroups
    private let written: [[String]: [String]]

    init(_ raw: [[String]], analyzer: Analyzer) {
        groups = SynonymGroups(raw, analyzer: analyzer)
        var written: [[String]: [String]] = [:]
        for form in raw.joined() {
            let phrase = analyzer.phrase(form)
            if !phrase.isEmpty { written[phrase, default: []].append(form) }
        }
        self.written = written
    }

    func surfaces(of phrases: [[String]]) -> [String] {
        phrases.flatMap { written[$0] ?? [] }
    }
}

/// Words that shape a question rather than say what it is about ("how *can* I *find out*",
/// "what does it *actually mean*"). Snowball's stop words leave them in; a question's topic does
/// not hang on them, so they count for a quarter.
public enum QuestionWords {
    static let lightWeight = 0.25

    static let nb = [
        "må", "bør", "skal", "kan", "gjøre", "gjør", "få", "får", "bruke", "bruker", "finne", "finner", "egentlig",
        "betyr", "bety", "trenger", "trengs", "vite", "skjer", "skje", "lurer", "gå", "går", "gi", "ta", "tar", "si",
        "sier", "lov", "lage", "mener", "mene", "greit", "riktig", "viktig", "egentlig", "nå", "noen", "noe",
    ]
    static let en = [
        "can", "must", "should", "get", "use", "need", "find", "mean", "means", "actually", "really", "know", "happen",
        "happens", "make", "want", "tell", "give", "take", "go", "let", "like", "just", "allowed", "okay", "ok", "right",
        "important", "now", "someone", "something", "say", "says",
    ]

    /// The stems of those words, as the analyzer makes them.
    public static func light(_ language: Language, analyzer: Analyzer) -> Set<String> {
        Set((language == .nb ? nb : en).map { analyzer.stem($0) })
    }
}
