import KyndigCatalog
import KyndigCore
import Testing

/// Each cue `QuizLint` measures, shown to fire on a small synthetic pool and to stay quiet on a fair one.
struct QuizLintTests {
    static func trueFalse(_ id: String, _ statement: String, true answer: Bool, language: Language = .en) -> Question {
        let (yes, no) = language == .en ? ("True", "False") : ("Sant", "Usant")
        return Question(
            id: id, kind: .trueFalse, scenario: false, section: "s", text: statement,
            options: [.init(text: yes, correct: answer), .init(text: no, correct: !answer)], explanation: "Because.")
    }

    static func single(_ id: String, right: String, wrong: [String]) -> Question {
        Question(
            id: id, kind: .single, scenario: false, section: "s", text: "Which?",
            options: [.init(text: right, correct: true)] + wrong.map { .init(text: $0, correct: false) }, explanation: "Because.")
    }

    static func pool(_ questions: [Question], language: Language = .en) -> QuizPool {
        QuizPool(moduleID: "m", language: language, questions: questions)
    }

    @Test func trueFalseAnswersMustBeBalanced() {
        let skewed = QuizLint.figures(pool: Self.pool((1...4).map { Self.trueFalse("q\($0)", "Statement \($0).", true: $0 == 1) }), moduleText: "")
        #expect(skewed.trueAnswers == 1 && skewed.trueFalseQuestions == 4)
        #expect(skewed.problems() == ["1 of 4 true-false statements are true (25 %); keep it within 40 %–60 %."])
        let balanced = QuizLint.figures(pool: Self.pool((1...4).map { Self.trueFalse("q\($0)", "Statement \($0).", true: $0 <= 2) }), moduleText: "")
        #expect(balanced.problems().isEmpty)
    }

    @Test func nbAnswersAreReadFromSantAndUsant() {
        let pool = Self.pool([Self.trueFalse("a", "Påstand.", true: true, language: .nb), Self.trueFalse("b", "Påstand.", true: false, language: .nb)], language: .nb)
        #expect(QuizLint.figures(pool: pool, moduleText: "").trueAnswers == 1)
    }

    @Test func rightOptionMustNotHabituallyBeTheLongest() {
        let longest = Self.single("a", right: "The long and carefully qualified right answer", wrong: ["Short", "Brief", "Terse"])
        let tied = Self.single("b", right: "Equal", wrong: ["Same!", "x", "y"])
        let shorter = Self.single("c", right: "Short", wrong: ["A much longer wrong answer", "x", "y"])
        let figures = QuizLint.figures(pool: Self.pool([longest, longest, tied, shorter]), moduleText: "")
        #expect(figures.longestCorrect == 2 && figures.singleChoiceQuestions == 4)
        #expect(figures.problems() == ["In 2 of 4 single-choice questions the right option is the longest (50 %); keep it at most 35 %."])
        #expect(QuizLint.figures(pool: Self.pool([longest, tied, shorter]), moduleText: "").problems(.init(longestCorrectShare: 0.30)).count == 1)
        #expect(QuizLint.figures(pool: Self.pool([longest, tied, shorter, shorter]), moduleText: "").problems().isEmpty)
    }

    static let text = "## Logs {#logs}\n\nThe hospital keeps the **automatically generated logs** for at least six months where they are under its control."

    @Test func rightOptionCopiedFromTheTextIsACue() {
        let copied = Self.single(
            "copied", right: "Keep the automatically generated logs for at least six months where they are under its control",
            wrong: ["Thirty days from the day the system produced each entry, after which the whole log is then deleted", "One year"])
        let figures = QuizLint.figures(pool: Self.pool([copied]), moduleText: Self.text)
        #expect(figures.copied.map(\.questionID) == ["copied"])
        #expect(figures.problems() == ["m.en.yaml: copied: copied-from-text: \"the automatically generated logs for at least six months where\""])
    }

    @Test func copyingIsNoCueWhenAWrongOptionCopiesTooOrTheRunIsShort() {
        let both = Self.single("both", right: "The automatically generated logs for at least six months where they are under its control",
                               wrong: ["The hospital keeps the automatically generated logs for at least six months", "One year"])
        let short = Self.single("short", right: "Logs for at least six months where they apply", wrong: ["Thirty days", "One year"])
        #expect(QuizLint.figures(pool: Self.pool([both, short]), moduleText: Self.text).copied.isEmpty)
        #expect(QuizLint.figures(pool: Self.pool([short]), moduleText: Self.text, limits: .init(copiedRun: 8)).copied.map(\.questionID) == ["short"])
    }

    @Test(arguments: [
        ("Staff must always check the output.", Language.en, ["always"]),
        ("Reading the instructions is enough, in itself, for all staff.", .en, ["all", "is enough", "in itself"]),
        ("Overseers are allowed to stop the system; anyone may report.", .en, []),
        ("Det er nok å lese bruksanvisningen.", .nb, ["er nok"]),
        ("Alder er i seg selv ulovlig for alle.", .nb, ["alle", "i seg selv"]),
        ("Allergier står i journalen.", .nb, []),
    ])
    func absoluteWordsAreFoundAsWholeWords(_ statement: String, _ language: Language, _ expected: [String]) {
        #expect(Set(QuizLint.absoluteWords(in: statement, language: language)) == Set(expected))
    }

    @Test func absoluteWordsAreACueInTrueFalseStatementsOnly() {
        let statement = Self.trueFalse("tf", "A CE marking covers any purpose.", true: false)
        let option = Self.single("single", right: "Any purpose the manufacturer names", wrong: ["All of them, whatever purpose it is used for", "x"])
        let figures = QuizLint.figures(pool: Self.pool([statement, Self.trueFalse("tf2", "Fine.", true: true), option]), moduleText: "")
        #expect(figures.absoluteWords.map(\.description) == ["m.en.yaml: tf: absolute-word: 'any'"])
        #expect(figures.problems().count == 1)
    }
}
