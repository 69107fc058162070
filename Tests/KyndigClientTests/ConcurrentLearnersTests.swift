import Foundation
import KyndigClient
import KyndigCore
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Testing

/// Many learners answering through the API at the same moment.
struct ConcurrentLearnersTests {
    @Test func twentyLearnersAnsweringAtOnceLoseNoAnswer() async throws {
        let fixture = try await LiveServerFixture(learners: 20)
        // Given twenty learners, each with a quiz started
        let learners = try await withThrowingTaskGroup(of: (RemoteLearnerService, QuizState).self) { group in
            for (_, token) in fixture.tokens {
                group.addTask {
                    let learner = try await RemoteLearnerService.connect(server: fixture.url, token: token)
                    return (learner, try await learner.quiz(moduleID: "basics", language: .en))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(learners.count == 20)
        // When all of them answer every question (right, by the stored option order) and finish, all at once
        let outcomes = try await withThrowingTaskGroup(of: (String, QuizOutcome).self) { group in
            for (learner, state) in learners {
                group.addTask {
                    for position in state.questions.indices {
                        let right = try await fixture.rightChoice(attemptID: state.attempt.id, position: position)
                        let feedback = try await learner.answer(attemptID: state.attempt.id, position: position, chosen: right)
                        #expect(feedback.recording == .recorded && feedback.correct)
                    }
                    return (learner.person.employeeID, try await learner.finish(attemptID: state.attempt.id))
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        // Then every answer is stored, each learner has one finished attempt and one pass
        #expect(outcomes.count == 20)
        for (learner, state) in learners {
            let id = learner.person.employeeID
            #expect(outcomes[id]?.result.correct == state.questions.count, "\(id)")
            #expect(try await fixture.store.answers(attemptID: state.attempt.id).count == state.questions.count, "\(id)")
            #expect(try await fixture.store.attempt(id: state.attempt.id)?.isOpen == false)
            #expect(try await fixture.store.openAttempts(employeeID: id).isEmpty)
            #expect(try await fixture.store.completions(of: id).count == 1, "\(id)")
        }
        // And the audit chain holds.
        let verify = try Kyndig.run(["verify", "--db", fixture.db])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }
}
