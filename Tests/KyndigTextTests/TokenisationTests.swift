import KyndigCore
import KyndigText
import Testing

@Suite("Tokenisation")
struct TokenisationTests {
    @Test func hyphenatedCompoundIsSplitAndKeptWhole() {
        let tokens = Analyzer(language: .nb).tokens("KI-forordningen")
        #expect(tokens.map(\.term) == ["ki", "forordning", "ki-forordning"])
        #expect(tokens.map(\.kind) == [.word, .word, .compound])
    }

    static let bokmaalCases: [(String, [String])] = [
        ("Sårbarhet og personvern på sykehus", ["sårbar", "personvern", "sykehus"]),
        ("Artikkel 26(2)", ["artikkel", "26", "2", "26(2)"]),
        ("forordning (EU) 2024/1689", ["forordning", "eu", "2024", "1689", "2024/1689"]),
        ("risiko- og sårbarhetsanalyse", ["risiko", "sårbarhetsanalys"]),
        ("ROS-analyse", ["ros", "analys", "ros-analys"]),
        ("3,5 prosent kl. 10:30", ["3", "5", "3,5", "prosent", "kl", "10", "30", "10:30"]),
        ("Artikkel 26(2", ["artikkel", "26", "2"]),
        ("bl.a. e-post", ["bl", "a", "bl.a", "e", "post", "e-post"]),
        ("ＫＩ ﬁnans", ["ki", "finan"]),
        ("Cafe\u{301} Müller", ["café", "müller"]),
        ("sårbar\u{AD}hets\u{AD}analyse", ["sårbarhetsanalys"]),
        ("ÆRLIG ØKONOMI ÅPENHET", ["ærl", "økonomi", "åpen"]),
        ("og i på å", []),
        ("a--b a - b", ["a", "b", "a", "b"]),
    ]

    @Test(arguments: bokmaalCases)
    func bokmaalText(_ text: String, terms: [String]) {
        #expect(Analyzer(language: .nb).terms(text) == terms)
    }

    static let englishCases: [(String, [String])] = [
        ("The systems were validated.", ["system", "valid"]),
        ("the patient's record", ["patient", "record"]),
        ("Don’t and it's are stop words", ["stop", "word"]),
        ("state-of-the-art", ["state", "art", "state-of-the-art"]),
        ("high-risk AI systems", ["high", "risk", "high-risk", "ai", "system"]),
        (
            "Regulation (EU) 2024/1689, Article 26(2)",
            ["regul", "eu", "2024", "1689", "2024/1689", "articl", "26", "2", "26(2)"]
        ),
        ("naïve Café Müller", ["naïv", "café", "müller"]),
    ]

    @Test(arguments: englishCases)
    func englishText(_ text: String, terms: [String]) {
        #expect(Analyzer(language: .en).terms(text) == terms)
    }

    @Test func stopWordListsAreSnowballs() {
        #expect(StopWords.norwegian.count == 172)
        #expect(StopWords.english.count == 174)
        #expect(Analyzer(language: .nb).isStopWord("Og"))
        #expect(Analyzer(language: .en).isStopWord("Don’t"))
        #expect(!Analyzer(language: .nb).isStopWord("KI"))
        #expect(!Analyzer(language: .en).isStopWord("us"))  // commented out in Snowball's list
    }

    @Test func phraseLeavesOutCompounds() {
        #expect(Analyzer(language: .nb).phrase("Hva krever KI-forordningen?") == ["krev", "ki", "forordning"])
    }
}
