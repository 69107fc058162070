import KyndigCore
import Testing

struct AnswerParserTests {
    @Test func acceptsNumbersAndLettersInAnyMix() throws {
        #expect(try AnswerParser.parse("2", optionCount: 4, allowsSeveral: false).get() == [1])
        #expect(try AnswerParser.parse("B", optionCount: 4, allowsSeveral: false).get() == [1])
        #expect(try AnswerParser.parse(" 1, c ", optionCount: 4, allowsSeveral: true).get() == [0, 2])
        #expect(try AnswerParser.parse("1 3", optionCount: 4, allowsSeveral: true).get() == [0, 2])
    }

    @Test func explainsBadAnswers() {
        #expect(AnswerParser.parse("", optionCount: 4, allowsSeveral: false) == .failure(.empty))
        #expect(AnswerParser.parse("5", optionCount: 4, allowsSeveral: false) == .failure(.outOfRange(5)))
        #expect(AnswerParser.parse("x", optionCount: 4, allowsSeveral: false) == .failure(.notAnOption("x")))
        #expect(AnswerParser.parse("yes", optionCount: 2, allowsSeveral: false) == .failure(.notAnOption("yes")))
        #expect(AnswerParser.parse("1,2", optionCount: 4, allowsSeveral: false) == .failure(.severalForSingle))
    }
}

struct AnswerParserLabelTests {
    /// Options are shown as "1) text"; learners type the label as they see it, or as in a list.
    @Test(arguments: [
        ("a)", 0), ("B)", 1), ("(c)", 2), ("1)", 0), ("2.", 1), ("(4)", 3), ("d.", 3),
    ])
    func acceptsOptionLabelsAsShownOrListed(input: String, position: Int) throws {
        #expect(try AnswerParser.parse(input, optionCount: 4, allowsSeveral: false).get() == [position])
    }

    @Test func acceptsSeveralLabelsForMultipleChoice() throws {
        #expect(try AnswerParser.parse("1), 3)", optionCount: 4, allowsSeveral: true).get() == [0, 2])
        #expect(try AnswerParser.parse("a) c)", optionCount: 4, allowsSeveral: true).get() == [0, 2])
        #expect(try AnswerParser.parse("1. 4.", optionCount: 4, allowsSeveral: true).get() == [0, 3])
    }

    @Test func punctuationAloneOrAroundAWrongLabelIsStillExplained() {
        #expect(AnswerParser.parse(")", optionCount: 4, allowsSeveral: false) == .failure(.notAnOption(")")))
        #expect(AnswerParser.parse("x)", optionCount: 4, allowsSeveral: false) == .failure(.notAnOption("x)")))
        #expect(AnswerParser.parse("5)", optionCount: 4, allowsSeveral: false) == .failure(.outOfRange(5)))
        #expect(AnswerParser.parse("1.5", optionCount: 4, allowsSeveral: false) == .failure(.notAnOption("1.5")))
    }

    /// Numbers that do not fit, signs and long digit runs are "not an option", never a trap.
    @Test(arguments: ["-9223372036854775808", "9223372036854775807", "99999999999999999999999", "-1", "+2", "0", "00002", "1e3", "٣", "²"])
    func oddNumbersAreRefusedWithoutTrapping(_ input: String) {
        switch AnswerParser.parse(input, optionCount: 4, allowsSeveral: true) {
        case .success: Issue.record("\(input) was taken as an answer")
        case .failure: break
        }
    }

    /// Random input of every kind: the parser returns an answer within the options or a reason,
    /// and never traps (seeded, so a failure replays).
    @Test func fuzzedInputNeverTrapsAndAnswersStayWithinTheOptions() {
        var random = SeededRandom(seed: 2026)
        let pieces = ["1", "2", "3", "4", "9", "0", "-", "+", "a", "b", "c", "z", "A", ")", "(", ".", ",", ";", " ", "\t", "\n",
                      "\u{0}", "\u{1B}[2J", "æ", "ø", "å", "🙂", "\u{202E}", "99999999999999999999", "-9223372036854775808", "NaN", "e"]
        for _ in 0..<20_000 {
            let length = Int(random.uniform(below: 8))
            let input = (0..<length).map { _ in pieces[Int(random.uniform(below: UInt64(pieces.count)))] }.joined()
            let count = Int(random.uniform(below: 6)) + 1
            if case let .success(chosen) = AnswerParser.parse(input, optionCount: count, allowsSeveral: random.next() % 2 == 0) {
                #expect(!chosen.isEmpty && chosen.allSatisfy { (0..<count).contains($0) }, "\(input.debugDescription)")
            }
        }
    }
}
