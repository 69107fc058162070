import KyndigCore
import KyndigText
import Testing

@Suite("Offsets")
struct OffsetTests {
    @Test func tokensPointBackIntoTheOriginalText() {
        let text = "Æ KI-forordningen: 26(2)."
        let tokens = Analyzer(language: .nb).tokens(text)
        #expect(
            tokens.map { String(text[$0.range(in: text)]) } == [
                "Æ", "KI", "forordningen", "KI-forordningen", "26", "2", "26(2)",
            ])
        #expect(tokens.map(\.utf8Range) == [0..<2, 3..<5, 6..<18, 3..<18, 20..<22, 23..<24, 20..<25])
        #expect(tokens.map(\.scalarRange) == [0..<1, 2..<4, 5..<17, 2..<17, 19..<21, 22..<23, 19..<24])
    }

    @Test func decomposedTextKeepsItsOwnOffsets() {
        let text = "Cafe\u{301} KI"
        let tokens = Analyzer(language: .en).tokens(text)
        #expect(tokens.map(\.term) == ["café", "ki"])
        #expect(tokens.map(\.utf8Range) == [0..<6, 7..<9])
        #expect(tokens.map(\.scalarRange) == [0..<5, 6..<8])
    }

    @Test func apostropheInsideAWordIsPartOfItsSpan() {
        let text = "the patient’s record"
        let tokens = Analyzer(language: .en).tokens(text)
        #expect(tokens.map { String(text[$0.range(in: text)]) } == ["patient’s", "record"])
    }
}
