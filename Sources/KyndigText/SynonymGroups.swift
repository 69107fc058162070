/// Synonym groups after analysis, for query expansion.
///
/// Built from the glossary's groups (`curricula/glossary.yaml`: every form of a term in both
/// languages), each member analysed into a phrase of terms by the analyzer of the index being
/// queried, so that expansions are in the same terms as that index:
///
/// ```swift
/// let analyzer = Analyzer(language: .nb)
/// let synonyms = SynonymGroups([["KI", "kunstig intelligens", "AI", "artificial intelligence"]], analyzer: analyzer)
/// synonyms.expansions(of: ["ki"])   // [["ki"], ["kunst", "intel"], ["ai"], ["artificial", "intelligenc"]]
/// synonyms.matches(in: analyzer.phrase("Hva krever kunstig intelligens?"))
/// ```
///
/// A phrase is the sequence of word terms (compounds left out, stop words removed): what a
/// phrase query over the FTS5 table matches. Members whose phrase is empty (only stop words)
/// are dropped; a member in several groups expands to all of them.
public struct SynonymGroups: Hashable, Sendable {
    /// Where a member phrase occurs in a phrase, and what it can be replaced by.
    public struct Match: Hashable, Sendable {
        /// The positions of the member in the searched phrase.
        public var range: Range<Int>
        /// Every phrase of the member's group(s), the member itself first.
        public var alternatives: [[String]]
    }

    /// The analysed groups: each a list of distinct phrases, in glossary order.
    public let groups: [[[String]]]
    private let groupsByPhrase: [[String]: [Int]]
    private let longestPhrase: Int

    /// Analyses every member of every group with `analyzer`.
    public init(_ groups: [[String]], analyzer: Analyzer) {
        var analysed: [[[String]]] = []
        var groupsByPhrase: [[String]: [Int]] = [:]
        var longestPhrase = 0
        for members in groups {
            var phrases: [[String]] = []
            for member in members {
                let phrase = analyzer.phrase(member)
                guard !phrase.isEmpty, !phrases.contains(phrase) else { continue }
                phrases.append(phrase)
            }
            guard !phrases.isEmpty else { continue }
            let index = analysed.count
            analysed.append(phrases)
            for phrase in phrases {
                groupsByPhrase[phrase, default: []].append(index)
                longestPhrase = max(longestPhrase, phrase.count)
            }
        }
        self.groups = analysed
        self.groupsByPhrase = groupsByPhrase
        self.longestPhrase = longestPhrase
    }

    /// All phrases of the group(s) an analysed member belongs to, the member first; empty when
    /// it is no member.
    public func expansions(of phrase: [String]) -> [[String]] {
        guard let indices = groupsByPhrase[phrase] else { return [] }
        var result = [phrase]
        for index in indices {
            for alternative in groups[index] where !result.contains(alternative) {
                result.append(alternative)
            }
        }
        return result
    }

    /// The members found in an analysed phrase (a query), left to right, longest first, not
    /// overlapping.
    public func matches(in phrase: [String]) -> [Match] {
        var matches: [Match] = []
        var start = 0
        while start < phrase.count {
            var found = false
            var length = min(longestPhrase, phrase.count - start)
            while length > 0 {
                let candidate = Array(phrase[start..<start + length])
                let alternatives = expansions(of: candidate)
                if !alternatives.isEmpty {
                    matches.append(Match(range: start..<start + length, alternatives: alternatives))
                    start += length
                    found = true
                    break
                }
                length -= 1
            }
            if !found { start += 1 }
        }
        return matches
    }
}
