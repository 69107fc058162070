import KyndigCore
import KyndigText
import Testing

@Suite("Robustness")
struct RobustnessTests {
    @Test(arguments: ["", " ", "\n\t\r  \n", "\u{00A0}\u{2003}\u{3000}", "—–…«»!?", "😀🇳🇴"])
    func emptyOrWhitespaceInputGivesNoTerms(_ text: String) {
        #expect(Analyzer(language: .nb).tokens(text).isEmpty)
        #expect(Analyzer(language: .en).terms(text).isEmpty)
    }

    @Test func mixedScriptsAreWordsOfTheirOwn() {
        let terms = Analyzer(language: .nb).terms("KI и ИИ 人工智能 مرحبا 😀test ΣΟΦΊΑ")
        #expect(terms == ["ki", "и", "ии", "人工智能", "مرحبا", "test", "σοφία"])
    }

    @Test func invalidUTF8BytesAreSeparators() {
        var bytes = Array("fo".utf8) + [0xFF] + Array("bar".utf8) + [0xC3]
        bytes += Array("x".utf8) + [0xED, 0xA0, 0x80] + Array("y".utf8) + [0xC0, 0xAF] + Array("z".utf8)
        bytes += [0xE2, 0x82]
        let tokens = Analyzer(language: .nb).tokens(utf8: bytes)
        #expect(tokens.map(\.term) == ["fo", "bar", "x", "y", "z"])
        #expect(tokens.map(\.utf8Range) == [0..<2, 3..<6, 7..<8, 11..<12, 14..<15])
    }

    @Test func termsLongerThanTheLimitAreSkipped() {
        let analyzer = Analyzer(language: .en)
        #expect(analyzer.terms(String(repeating: "x", count: Analyzer.maximumTermLength)).count == 1)
        #expect(analyzer.terms(String(repeating: "x", count: Analyzer.maximumTermLength + 1)).isEmpty)
        #expect(analyzer.terms("short " + String(repeating: "ø", count: 200) + " word") == ["short", "word"])
    }

    /// Inputs of about 1 MB without a space, built only when a test runs.
    enum MegabyteInput: String, CaseIterable, Sendable {
        case oneLetter, hyphenated, bokmaalLetters, combiningAccents, dottedNumbers, apostrophes
        case parentheses, punctuation, cyrillic

        var text: String {
            switch self {
            case .oneLetter: String(repeating: "a", count: 1 << 20)
            case .hyphenated: String(repeating: "ab-", count: (1 << 20) / 3)
            case .bokmaalLetters: String(repeating: "ø", count: 1 << 19)
            case .combiningAccents: String(repeating: "e\u{301}", count: (1 << 20) / 3)
            case .dottedNumbers: String(repeating: "1.", count: 1 << 19)
            case .apostrophes: String(repeating: "x'", count: 1 << 19)
            case .parentheses: String(repeating: "a(b)", count: 1 << 18)
            case .punctuation: String(repeating: "-", count: 1 << 20)
            case .cyrillic: String(repeating: "Ж", count: 1 << 19)
            }
        }
    }

    @Test(.timeLimit(.minutes(1)), arguments: MegabyteInput.allCases)
    func megabyteWithoutSpacesNeitherHangsNorCrashes(_ input: MegabyteInput) {
        let text = input.text
        let tokens = Analyzer(language: .nb).tokens(text)
        #expect(tokens.allSatisfy { $0.term.utf8.count <= Analyzer.maximumTermLength })
        #expect(tokens.allSatisfy { $0.utf8Range.upperBound <= text.utf8.count })
    }

    @Test(.timeLimit(.minutes(1)))
    func megabyteOfRandomBytesNeitherHangsNorCrashes() {
        var generator = SplitMix64(seed: 6)
        let bytes = (0..<(1 << 20)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let tokens = Analyzer(language: .en).tokens(utf8: bytes)
        #expect(!tokens.isEmpty)
        #expect(tokens.allSatisfy { $0.utf8Range.upperBound <= bytes.count })
    }
}

/// A small deterministic generator for test data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
