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
}
