import Foundation
import KyndigCore
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Testing

/// The quiz rules of `LocalLearnerService` on an in-memory store: starting, resuming, answering,
/// finishing, and what happens when the module changes under an open attempt.
struct QuizServiceTests {
    let catalog = Build.catalog()
    let store: any KyndigStore
    let ingrid = Build.person("E1", username: "ingrid")

    init() async throws {
        store = try SQLiteStore.inMemory()
        try await store.apply(Build.plan(adding: Build.roster([ingrid])), on: Build.today, change: Build.change())
        _ = try await CatalogSync(store: store, clock: .fixed(Build.instant("2025-01-01T08:00:00Z"))).sync(catalog, actor: "t")
    }

    /// A service whose clock reads `now` and whose seeds count up from 1.
    func learner(at now: String = "2026-03-01T10:00:00Z", catalog: Catalog? = nil) -> LocalLearnerService {
        let seeds = Counter()
        return LocalLearnerService(
            person: ingrid, catalog: catalog ?? self.catalog, store: store, clock: .fixed(Build.instant(now)),
            randomness: QuizRandomness(newSeed: { seeds.next() }, newAttemptID: { "attempt-\(UUID().uuidString)" }))
    }

    /// Answers every open question of the state right (or wrong at `wrongAt`).
    func answerAll(_ state: QuizState, with service: LocalLearnerService, wrongAt: Set<Int> = []) async throws {
        for position in state.questions.indices where !state.answered.contains(position) {
            let right = try rightPosition(state, position)
            let choice = wrongAt.contains(position) ? (right + 1) % 3 : right
            _ = try await service.answer(attemptID: state.attempt.id, position: position, chosen: [choice])
        }
    }

    /// Where option "right" is shown for the question at `position`.
    func rightPosition(_ state: QuizState, _ position: Int) throws -> Int {
        try #require(state.questions[position].options.firstIndex(of: "right"))
    }

    @Test func aQuizIsDrawnFromTheStoredSeedAndPinnedToTheContentHash() async throws {
        let state = try await learner().quiz(moduleID: "basics", language: .en)
        #expect(state.started)
        #expect(state.questions.count == 3)
        #expect(state.attempt.contentHash == "hash-basics-en-1.0")
        #expect(state.attempt.questions == QuizDraw.draw(from: catalog.quiz("basics", language: .en)!, count: 3, seed: 1))
        #expect(state.needed == 2)
        // Options are presented without saying which is right.
        #expect(state.questions.allSatisfy { Set($0.options) == ["right", "wrong", "also wrong"] })
    }

    @Test func askingAgainResumesTheOpenAttemptWithItsAnswers() async throws {
        let service = learner()
        let first = try await service.quiz(moduleID: "basics", language: .en)
        _ = try await service.answer(attemptID: first.attempt.id, position: 0, chosen: [try rightPosition(first, 0)])
        // Another language asked for: the open attempt keeps its own.
        let again = try await service.quiz(moduleID: "basics", language: .nb)
        #expect(!again.started)
        #expect(again.attempt.id == first.attempt.id && again.attempt.language == .en)
        #expect(again.answered == [0])
        #expect(again.nextPosition == 1)
        #expect(try await service.openQuizzes().map(\.attempt.id) == [first.attempt.id])
    }

    @Test func theFirstAnswerStandsAndFinishingTwiceChangesNothing() async throws {
        let service = learner()
        let state = try await service.quiz(moduleID: "basics", language: .en)
        let right = try rightPosition(state, 0)
        let feedback = try await service.answer(attemptID: state.attempt.id, position: 0, chosen: [right])
        #expect(feedback.recording == .recorded && feedback.correct && feedback.rightPositions == [right])
        let second = try await service.answer(attemptID: state.attempt.id, position: 0, chosen: [(right + 1) % 3])
        #expect(second.recording == .alreadyAnswered)
        try await answerAll(try await service.quiz(attemptID: state.attempt.id), with: service, wrongAt: [2])
        let outcome = try await service.finish(attemptID: state.attempt.id)
        #expect(outcome.result.correct == 2 && outcome.result.passed)
        #expect(outcome.sectionsToReread.count == 1)
        #expect(try await service.finish(attemptID: state.attempt.id) == outcome)
        #expect(try await store.auditEntries(limit: 20).filter { $0.action == .quizPass }.count == 1)
        await #expect(throws: QuizProblem.attemptClosed(state.attempt.id)) {
            _ = try await service.answer(attemptID: state.attempt.id, position: 1, chosen: [0])
        }
    }

    @Test func unansweredQuestionsKeepAnAttemptOpen() async throws {
        let service = learner()
        let state = try await service.quiz(moduleID: "basics", language: .en)
        _ = try await service.answer(attemptID: state.attempt.id, position: 1, chosen: [0])
        await #expect(throws: QuizProblem.unanswered(positions: [0, 2])) { _ = try await service.finish(attemptID: state.attempt.id) }
        #expect(try await store.attempt(id: state.attempt.id)?.isOpen == true)
    }

    @Test(arguments: [
        (position: 7, chosen: Set([0]), problem: QuizProblem.positionOutOfRange(7)),
        (position: 0, chosen: Set([0, 1]), problem: QuizProblem.invalidChoice(position: 0)),
        (position: 0, chosen: Set([3]), problem: QuizProblem.invalidChoice(position: 0)),
        (position: 0, chosen: Set<Int>(), problem: QuizProblem.invalidChoice(position: 0)),
    ])
    func answersThatDoNotFitTheQuestionAreRefused(position: Int, chosen: Set<Int>, problem: QuizProblem) async throws {
        let service = learner()
        let state = try await service.quiz(moduleID: "basics", language: .en)
        await #expect(throws: problem) { _ = try await service.answer(attemptID: state.attempt.id, position: position, chosen: chosen) }
        #expect(try await store.answers(attemptID: state.attempt.id).isEmpty)
    }

    @Test func someoneElsesAttemptIsNotYours() async throws {
        let other = Build.person("E9", username: "other")
        try await store.apply(RosterPlan(current: try await store.rosterSnapshot(), incoming: Build.roster([ingrid, other]), full: false),
                              on: Build.today, change: Build.change())
        let state = try await learner().quiz(moduleID: "basics", language: .en)
        let intruder = LocalLearnerService(person: other, catalog: catalog, store: store, clock: .fixed(Date()))
        await #expect(throws: QuizProblem.notYourAttempt(state.attempt.id)) {
            _ = try await intruder.answer(attemptID: state.attempt.id, position: 0, chosen: [0])
        }
    }

    /// Evidence integrity: answers given to one version of a module are never scored against another.
    @Test func aChangedModuleAbandonsTheOpenAttemptAndStartsAFreshOne() async throws {
        let old = learner()
        let state = try await old.quiz(moduleID: "basics", language: .en)
        _ = try await old.answer(attemptID: state.attempt.id, position: 0, chosen: [try rightPosition(state, 0)])
        // The module is edited (same questions, same option counts, new content hash).
        let edited = Build.catalog(modules: [Build.module("basics", hashSuffix: "-edited"), Build.module("oversight", roles: [], contexts: ["high-risk"])])
        _ = try await CatalogSync(store: store, clock: .fixed(Date())).sync(edited, actor: "t")
        let new = learner(at: "2026-03-02T10:00:00Z", catalog: edited)
        #expect(try await new.openQuizzes().isEmpty)
        let fresh = try await new.quiz(moduleID: "basics", language: .en)
        #expect(fresh.started && fresh.attempt.id != state.attempt.id)
        #expect(fresh.attempt.contentHash == "hash-basics-en-1.0-edited")
        let replaced = try #require(fresh.replaced)
        #expect(replaced.id == state.attempt.id)
        #expect(replaced.finished?.outcome == .abandoned && replaced.finished?.result == nil)
        // The old answers stay as evidence; the abandonment is audited; nobody passed or failed.
        #expect(try await store.answers(attemptID: state.attempt.id).count == 1)
        let actions = try await store.auditEntries(limit: 20).map(\.action)
        #expect(actions.contains(.quizAbandon) && !actions.contains(.quizFail) && !actions.contains(.quizPass))
        #expect(try await store.completions(of: "E1").isEmpty)
    }

    @Test func anAnswerToAChangedModuleIsRefusedAndTheAttemptAbandoned() async throws {
        let state = try await learner().quiz(moduleID: "basics", language: .en)
        let edited = Build.catalog(modules: [Build.module("basics", hashSuffix: "-edited")])
        let service = learner(catalog: edited)
        await #expect(throws: QuizProblem.moduleChanged(state.attempt.id)) {
            _ = try await service.answer(attemptID: state.attempt.id, position: 0, chosen: [0])
        }
        #expect(try await store.attempt(id: state.attempt.id)?.finished?.outcome == .abandoned)
        #expect(try await store.answers(attemptID: state.attempt.id).isEmpty)
    }

    /// A pass at 00:30 in Oslo (23:30 UTC the day before) is dated by the Oslo calendar day.
    @Test func aPassJustAfterMidnightInOsloIsDatedThatDay() async throws {
        let service = learner(at: "2026-03-01T23:30:00Z")
        let state = try await service.quiz(moduleID: "basics", language: .en)
        try await answerAll(state, with: service)
        let outcome = try await service.finish(attemptID: state.attempt.id)
        #expect(outcome.attempt.finished?.on == Build.date("2026-03-02"))
        #expect(try await store.completions(of: "E1").map(\.passedOn) == [Build.date("2026-03-02")])
        // Summer time: 22:30 UTC on 30 June is 00:30 on 1 July in Oslo.
        let summer = learner(at: "2026-06-30T22:30:00Z")
        let second = try await summer.quiz(moduleID: "oversight", language: .nb)
        try await answerAll(second, with: summer)
        #expect(try await summer.finish(attemptID: second.attempt.id).attempt.finished?.on == Build.date("2026-07-01"))
    }

    @Test func theOverviewIsAsOfTheOrganisationsCalendarDay() async throws {
        // 23:30 UTC on the due day's eve is already the due day in Oslo... and the day after it
        // is past due. The person started 2025-03-01; grace 30 days: due 2025-03-31.
        let onDueDay = try await learner(at: "2025-03-30T22:30:00Z").overview()
        #expect(onDueDay.statuses.first?.state == .notStarted)
        let dayAfter = try await learner(at: "2025-03-31T22:30:00Z").overview()
        #expect(dayAfter.statuses.first?.state == .overdue)
    }
}

/// Seeds 1, 2, 3 … for scripted quiz draws.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: UInt64 = 0

    func next() -> UInt64 { lock.withLock { value += 1; return value } }
}
