import KyndigCore
import KyndigText
import Testing

@Suite("Stemming")
struct StemmingTests {
    @Test func singleWordsAreFoldedAndStemmedWhole() {
        let nb = Analyzer(language: .nb)
        let en = Analyzer(language: .en)
        #expect(nb.stem("Forordningen") == "forordning")
        #expect(nb.stem("forordningene") == "forordning")
        #expect(en.stem("validation") == "valid")
        #expect(en.stem("Validated") == "valid")
        #expect(en.stem("Aaron's") == "aaron")
        #expect(en.stem("O’Neill") == en.stem("o'neill"))
        #expect(nb.stem("ÆRLIGHET") == nb.stem("ærlighet"))
    }

    @Test func stemKeepsStopWordsAndEmptyLines() {
        #expect(Analyzer(language: .nb).stem("og") == "og")
        #expect(Analyzer(language: .en).stem("") == "")
    }

    @Test(arguments: ["forordningene", "sykehusene", "pasientene", "personvernkonsekvensvurderingen"])
    func stemOfAWordIsItsTerm(_ word: String) {
        let analyzer = Analyzer(language: .nb)
        #expect(analyzer.terms(word) == [analyzer.stem(word)])
    }

    @Test func veryLongWordsAreStemmedToo() {
        let word = String(repeating: "ab", count: 5_000) + "ene"
        #expect(Analyzer(language: .nb).stem(word) == String(repeating: "ab", count: 5_000))
    }

    @Test func eachAnalyzerHasItsOwnStemmer() async {
        // Analyzers are not Sendable: each task makes its own.
        let stems = await withTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    Analyzer(language: .nb).terms(String(repeating: "forordningen ", count: 1000)).last ?? ""
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(stems == Array(repeating: "forordning", count: 8))
    }
}
