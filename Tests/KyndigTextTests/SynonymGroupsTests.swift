import KyndigCore
import KyndigText
import Testing

@Suite("Synonym groups")
struct SynonymGroupsTests {
    /// Groups as the glossary gives them: every form of a term in both languages.
    static let glossary: [[String]] = [
        ["KI", "kunstig intelligens", "AI", "artificial intelligence"],
        ["KI-forordningen", "forordning (EU) 2024/1689", "AI Act", "Regulation (EU) 2024/1689"],
        ["personvernkonsekvensvurdering", "DPIA", "data protection impact assessment", "DPIA"],
        ["og", "i"],
    ]

    @Test func anyMemberMapsToAllTermsOfItsGroup() {
        let nb = Analyzer(language: .nb)
        let synonyms = SynonymGroups(Self.glossary, analyzer: nb)
        let ai = [["ki"], ["kunst", "intel"], ["ai"], nb.phrase("artificial intelligence")]
        #expect(synonyms.expansions(of: ["ki"]) == ai)
        #expect(Set(synonyms.expansions(of: ["ai"])) == Set(ai))
        #expect(Set(synonyms.expansions(of: nb.phrase("Kunstig intelligens"))) == Set(ai))
        #expect(synonyms.expansions(of: ["dpia"]).contains(["personvernkonsekvensvurdering"]))
        #expect(synonyms.expansions(of: ["personvernkonsekvensvurdering"]).contains(["dpia"]))
        #expect(synonyms.expansions(of: ["sykehus"]).isEmpty)
    }

    @Test func membersAreAnalysedByTheIndexLanguage() {
        let en = Analyzer(language: .en)
        let synonyms = SynonymGroups(Self.glossary, analyzer: en)
        #expect(synonyms.expansions(of: ["ai"]).contains(["artifici", "intellig"]))
        #expect(synonyms.expansions(of: ["dpia"]).contains(["data", "protect", "impact", "assess"]))
    }

    @Test func groupsOfOnlyStopWordsAndDuplicateMembersAreDropped() {
        let synonyms = SynonymGroups(Self.glossary, analyzer: Analyzer(language: .nb))
        #expect(synonyms.groups.count == 3)
        #expect(synonyms.groups[2].count == 3)
    }

    @Test func matchesFindTheLongestMembersInAQuery() {
        let nb = Analyzer(language: .nb)
        let synonyms = SynonymGroups(Self.glossary, analyzer: nb)
        let query = nb.phrase("Hva sier KI-forordningen om kunstig intelligens?")
        #expect(query == ["sier", "ki", "forordning", "kunst", "intel"])
        let matches = synonyms.matches(in: query)
        #expect(matches.map(\.range) == [1..<3, 3..<5])
        #expect(matches[0].alternatives.contains(["ai", "act"]))
        #expect(matches[1].alternatives.first == ["kunst", "intel"])
        #expect(matches[1].alternatives.contains(["ki"]))
    }
}
