import Foundation
import KyndigCore
import KyndigStore
import KyndigTestSupport
import Testing

struct AttemptTests {
    let pool = QuizPool(moduleID: "m", language: .en, questions: (1...5).map { n in
        Question(id: "q\(n)", kind: .single, scenario: false, section: "s", text: "Q\(n)",
                 options: [.init(text: "right", correct: true), .init(text: "wrong", correct: false), .init(text: "also wrong", correct: false)],
                 explanation: "e")
    })

    func store(in directory: TemporaryDirectory) throws -> KyndigDatabase {
        let store = try KyndigDatabase(path: directory.path("attempts.sqlite"))
        try store.apply(RosterPlan(current: RosterSnapshot(units: [], people: []), incoming: MigrationTests.roster, full: false),
                        source: "r", actor: "t", at: Date())
        _ = try store.sync([ModuleVersionRecord(moduleID: "m", language: .en, version: ModuleVersion("1.0")!, contentHash: "h",
                                                title: "M", moduleText: "t", quizText: "q")], actor: "t", at: Date())
        return store
    }

    func newAttempt(seed: UInt64 = 7) -> AttemptRecord {
        AttemptRecord(id: "a-\(seed)", employeeID: "1", moduleID: "m", language: .en, version: ModuleVersion("1.0")!, contentHash: "h",
                      seed: seed, questions: QuizDraw.draw(from: pool, count: 3, seed: seed), passMark: 0.6,
                      startedAt: Date(), finishedAt: nil, result: nil)
    }

    @Test func drawsAreReproducibleFromTheSeed() {
        #expect(QuizDraw.draw(from: pool, count: 3, seed: 42) == QuizDraw.draw(from: pool, count: 3, seed: 42))
        #expect(Set(QuizDraw.draw(from: pool, count: 5, seed: 42).map(\.questionID)) == Set(pool.questions.map(\.id)))
        let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]
        #expect(Set(seeds.map { QuizDraw.draw(from: pool, count: 3, seed: $0).map(\.questionID) }).count > 1)
    }

    @Test func aSecondStartReturnsTheOpenAttempt() throws {
        let directory = try TemporaryDirectory()
        let store = try store(in: directory)
        let (first, created) = try store.openOrStartAttempt(employeeID: "1", moduleID: "m", at: Date()) { newAttempt(seed: 7) }
        #expect(created)
        let (second, createdAgain) = try store.openOrStartAttempt(employeeID: "1", moduleID: "m", at: Date()) { newAttempt(seed: 8) }
        #expect(!createdAgain)
        #expect(second.id == first.id && second.seed == 7 && second.questions == first.questions)
    }

    @Test func answeringOrFinishingTwiceChangesNothing() throws {
        let directory = try TemporaryDirectory()
        let store = try store(in: directory)
        let (attempt, _) = try store.openOrStartAttempt(employeeID: "1", moduleID: "m", at: Date()) { newAttempt() }
        let right = AnswerRecord(position: 0, questionID: attempt.questions[0].questionID, chosen: [0], correct: true)
        #expect(try store.recordAnswer(attemptID: attempt.id, right, at: Date()))
        // A retry, or a second terminal answering differently: the first answer stands.
        let other = AnswerRecord(position: 0, questionID: right.questionID, chosen: [1], correct: false)
        #expect(try !store.recordAnswer(attemptID: attempt.id, other, at: Date()))
        #expect(try store.answers(attemptID: attempt.id) == [right])
        for position in 1..<3 {
            _ = try store.recordAnswer(attemptID: attempt.id, AnswerRecord(position: position, questionID: attempt.questions[position].questionID,
                                                                           chosen: [0], correct: position == 1), at: Date())
        }
        let result = try store.finishAttempt(attemptID: attempt.id, at: Date(), actor: "1")
        #expect(result.correct == 2 && result.total == 3 && result.passed)
        #expect(try store.finishAttempt(attemptID: attempt.id, at: Date(), actor: "1") == result)
        #expect(try store.auditEntries(limit: 20).filter { $0.action == "quiz.pass" }.count == 1)
        // A finished attempt takes no more answers.
        #expect(try !store.recordAnswer(attemptID: attempt.id, AnswerRecord(position: 3, questionID: "q1", chosen: [0], correct: true), at: Date()))
        #expect(try store.completions(employeeID: "1").map(\.moduleID) == ["m"])
        #expect(try store.openAttempts(employeeID: "1").isEmpty)
    }
}

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
