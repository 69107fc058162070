public import Foundation
public import KyndigCore
public import KyndigStore

/// Two years of learning for the demo hospital, made through the real quiz service (so every
/// pass has its attempt, answers and audit entries), deterministic from the people's order: some
/// passes fresh, some about to expire, some expired, quizzes under way, an exemption. A manager's
/// report of the demo is then not empty, and shows every status.
public enum DemoHistory {
    public static func make(store: any KyndigStore, catalog: Catalog, now: Date) async throws {
        let day: TimeInterval = 86_400
        let systems = try await store.systems()
        var index = 0
        for try await record in store.learnerRecords(inUnit: nil) {
            index += 1
            let person = record.person
            let path = try await store.unitAncestry(of: person.unitID)
            let requirements = catalog.requirements(for: person, unitAncestry: path.map(\.id), systems: systems)
            for (number, requirement) in requirements.enumerated() {
                // Which history this requirement gets, from the person's and the module's position.
                let pattern = (index + number) % 7
                let daysAgo: Double? = switch pattern {
                case 0, 1: 40 + Double(index % 30)     // passed recently
                case 2: 700 + Double(index % 20)        // about to expire (24 months' validity)
                case 3: 760 + Double(index % 40)        // expired
                default: nil
                }
                let clock = WallClock.fixed(now.addingTimeInterval(-(daysAgo ?? 2) * day))
                // Nobody takes a quiz before they start working here.
                if catalog.policy.calendarDate(of: clock.now()) < person.startDate { continue }
                let seed = UInt64(index * 1_000 + number), attemptID = "demo-\(person.employeeID)-\(requirement.moduleID)"
                let learner = LocalLearnerService(
                    person: person, catalog: catalog, store: store, clock: clock,
                    randomness: QuizRandomness(newSeed: { seed }, newAttemptID: { attemptID }))
                if daysAgo != nil {
                    try await pass(requirement.moduleID, as: learner)
                } else if pattern == 4 && index % 2 == 0 {
                    _ = try await learner.quiz(moduleID: requirement.moduleID, language: .nb)  // a quiz under way
                }
            }
            if index == 5, let first = requirements.first {
                try await store.grant(
                    Exemption(employeeID: person.employeeID, moduleID: first.moduleID, reason: "Fullført regionalt KI-kurs 2026",
                              approver: "E1001", grantedOn: catalog.policy.calendarDate(of: now), until: nil),
                    change: Change(actor: "demo", at: now, source: "demo"))
            }
        }
    }

    /// Takes the module's quiz in bokmål and answers every question right.
    static func pass(_ moduleID: String, as learner: LocalLearnerService) async throws {
        let state = try await learner.quiz(moduleID: moduleID, language: .nb)
        guard let pool = learner.catalog.quiz(moduleID, language: state.attempt.language) else { return }
        for (position, drawn) in state.attempt.questions.enumerated() {
            guard let question = pool.questions.first(where: { $0.id == drawn.questionID }) else { return }
            let right = Set(drawn.optionOrder.indices.filter { question.options[drawn.optionOrder[$0]].correct })
            _ = try await learner.answer(attemptID: state.attempt.id, position: position, chosen: right)
        }
        _ = try await learner.finish(attemptID: state.attempt.id)
    }
}
