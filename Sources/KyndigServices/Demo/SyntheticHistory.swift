import Foundation
import KyndigCore
import KyndigStore

/// Quiz history for one requirement after another, from a seeded generator: what a person did
/// about a module between the course's publication and today. The mix is chosen so that every
/// status occurs: no attempt (not started or overdue), a quiz under way, passes that are fresh,
/// about to expire or expired, failed tries before a pass, renewals, and now and then an exemption.
struct SyntheticHistory {
    let catalog: Catalog
    let firstDay: CalendarDate
    let today: CalendarDate
    var random: SeededRandom

    enum Outcome {
        case attempts([AttemptRecord])
        case exempt(Exemption)
    }

    mutating func next(for person: Person, moduleID: String) -> Outcome {
        let policy = catalog.policy
        let earliest = max(firstDay, person.startDate).dayNumber
        let latest = today.dayNumber - 1
        guard earliest < latest else { return .attempts([]) }
        let validity = policy.validityMonths * 30
        let roll = Int.random(in: 0..<1_000, using: &random)
        if roll < 5 {
            let granted = CalendarDate(dayNumber: Int.random(in: earliest...latest, using: &random))
            return .exempt(Exemption(employeeID: person.employeeID, moduleID: moduleID, reason: "Godkjent tilsvarende opplæring",
                                     approver: "HR", grantedOn: granted, until: roll < 2 ? nil : granted.adding(months: 12)))
        }
        var made: [AttemptRecord] = []
        var passDay: Int?
        switch roll {
        case ..<120: break  // never started
        case ..<180:  // a quiz under way, perhaps after a failed try
            let started = max(earliest, latest - Int.random(in: 0..<20, using: &random))
            made += failures(before: started, earliest: earliest, person: person, moduleID: moduleID)
            made.append(attempt(person, moduleID, day: started, outcome: nil))
        case ..<230:  // passed once, long ago: expired
            passDay = latest - validity - Int.random(in: 10..<120, using: &random)
        case ..<330:  // passed about two years ago: expiring soon
            passDay = latest - validity + Int.random(in: 1...max(policy.expiringSoonDays, 1), using: &random)
        default:  // passed within the validity period
            passDay = Int.random(in: max(earliest, latest - validity + policy.expiringSoonDays + 1)...latest, using: &random)
        }
        if let day = passDay, day >= earliest {
            // A renewal history: the pass before this one, a validity period earlier.
            if day - validity >= earliest && Int.random(in: 0..<10, using: &random) < 6 {
                made += failures(before: day - validity, earliest: earliest, person: person, moduleID: moduleID)
                made.append(attempt(person, moduleID, day: day - validity, outcome: .passed))
            }
            made += failures(before: day, earliest: earliest, person: person, moduleID: moduleID)
            made.append(attempt(person, moduleID, day: day, outcome: .passed))
        }
        return .attempts(made)
    }

    /// Zero to three failed tries in the days before `day`.
    mutating func failures(before day: Int, earliest: Int, person: Person, moduleID: String) -> [AttemptRecord] {
        let count = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3].randomElement(using: &random)!
        return (0..<count).compactMap { number in
            let failed = day - (count - number) * Int.random(in: 1...4, using: &random)
            return failed >= earliest ? attempt(person, moduleID, day: failed, outcome: .failed) : nil
        }
    }

    /// One attempt on `day` during working hours: drawn as the tutor draws it, with a result that
    /// matches its outcome (nil: still open).
    mutating func attempt(_ person: Person, _ moduleID: String, day: Int, outcome: AttemptOutcome?) -> AttemptRecord {
        let policy = catalog.policy
        let language: Language = Int.random(in: 0..<7, using: &random) == 0 ? .en : .nb
        let module = catalog.module(moduleID)
        let text = module?.texts[language] ?? module?.texts.values.first
        let pool = catalog.quiz(moduleID, language: text?.language ?? language)
        let seed = random.next()
        let questions = pool.map { QuizDraw.draw(from: $0, count: module?.quizSize(policy: policy, poolSize: $0.questions.count) ?? min(policy.questionsPerQuiz, $0.questions.count), seed: seed) } ?? []
        let midnight = Double(day) * 86_400
        let local = midnight + Double(8 * 3_600 + Int.random(in: 0..<(8 * 3_600), using: &random))
        let started = Date(timeIntervalSince1970: local - Double(policy.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: midnight))))
        var finished: AttemptRecord.Finished?
        if let outcome {
            let needed = QuizResult(correct: 0, total: questions.count, passMark: policy.passMark).needed
            let correct = outcome == .passed ? Int.random(in: needed...questions.count, using: &random)
                : Int.random(in: 0..<max(needed, 1), using: &random)
            finished = AttemptRecord.Finished(at: started.addingTimeInterval(Double(Int.random(in: 300..<1_500, using: &random))),
                                              on: CalendarDate(dayNumber: day), outcome: outcome,
                                              result: QuizResult(correct: correct, total: questions.count, passMark: policy.passMark))
        }
        return AttemptRecord(
            id: "syn-\(person.employeeID)-\(moduleID)-\(String(seed, radix: 16))", employeeID: person.employeeID, moduleID: moduleID,
            language: text?.language ?? language, version: module?.version ?? ModuleVersion(major: 1, minor: 0),
            contentHash: text?.contentHash ?? "", seed: seed, questions: questions, passMark: policy.passMark, startedAt: started,
            finished: finished)
    }
}
