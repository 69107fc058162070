import Foundation
import GRDB
import KyndigCore

extension KyndigDatabase: AttemptRepository {
    public func openOrStartAttempt(employeeID: String, moduleID: String, at: Date, makeNew: () -> AttemptRecord) throws -> (AttemptRecord, created: Bool) {
        try pool.write { db in
            if let open = try Self.attempts(db, where: "employee_id = ? AND module_id = ? AND finished_at IS NULL", [employeeID, moduleID]).first {
                return (open, false)
            }
            let new = makeNew()
            let questions = String(decoding: try JSONEncoder().encode(new.questions), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO quiz_attempt (id, employee_id, module_id, lang, version, content_hash, seed, questions, pass_mark, started_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [new.id, employeeID, moduleID, new.language.rawValue, new.version.description, new.contentHash,
                                 Int64(bitPattern: new.seed), questions, new.passMark, Timestamp.string(at)])
            try Self.appendAudit(db, at: at, actor: employeeID, action: "quiz.start", subject: employeeID, details: [
                "attempt": new.id, "module": moduleID, "lang": new.language.rawValue, "version": new.version.description,
                "hash": new.contentHash, "seed": "\(new.seed)",
            ])
            return (new, true)
        }
    }

    public func openAttempts(employeeID: String) throws -> [AttemptRecord] {
        try pool.read { db in try Self.attempts(db, where: "employee_id = ? AND finished_at IS NULL", [employeeID]) }
    }

    public func attempt(id: String) throws -> AttemptRecord? {
        try pool.read { db in try Self.attempts(db, where: "id = ?", [id]).first }
    }

    static func attempts(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [AttemptRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM quiz_attempt WHERE \(condition) ORDER BY started_at", arguments: arguments).map { row in
            let questions = try JSONDecoder().decode([DrawnQuestion].self, from: Data((row["questions"] as String).utf8))
            let passMark: Double = row["pass_mark"]
            let score: Double? = row["score"]
            return AttemptRecord(
                id: row["id"], employeeID: row["employee_id"], moduleID: row["module_id"],
                language: Language(rawValue: row["lang"]) ?? .nb, version: ModuleVersion(row["version"] as String) ?? ModuleVersion(major: 0, minor: 0),
                contentHash: row["content_hash"], seed: UInt64(bitPattern: row["seed"]), questions: questions, passMark: passMark,
                startedAt: Timestamp.date(row["started_at"]) ?? Date(timeIntervalSince1970: 0),
                finishedAt: (row["finished_at"] as String?).flatMap(Timestamp.date),
                result: score.map { QuizResult(correct: Int(($0 * Double(questions.count)).rounded()), total: questions.count, passMark: passMark) })
        }
    }

    public func answers(attemptID: String) throws -> [AnswerRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM quiz_answer WHERE attempt_id = ? ORDER BY position", arguments: [attemptID]).map { row in
                let chosen = (row["chosen"] as String).split(separator: ",").compactMap { Int($0) }
                return AnswerRecord(position: row["position"], questionID: row["question_id"], chosen: Set(chosen), correct: row["correct"])
            }
        }
    }

    public func recordAnswer(attemptID: String, _ answer: AnswerRecord, at: Date) throws -> Bool {
        try pool.write { db in
            // A finished attempt takes no more answers; a second answer at a position is ignored.
            guard try Bool.fetchOne(db, sql: "SELECT finished_at IS NULL FROM quiz_attempt WHERE id = ?", arguments: [attemptID]) == true else { return false }
            try db.execute(sql: """
                INSERT INTO quiz_answer (attempt_id, position, question_id, chosen, correct, answered_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (attempt_id, position) DO NOTHING
                """, arguments: [attemptID, answer.position, answer.questionID, answer.chosen.sorted().map(String.init).joined(separator: ","),
                                 answer.correct, Timestamp.string(at)])
            return db.changesCount == 1
        }
    }

    public func finishAttempt(attemptID: String, at: Date, actor: String) throws -> QuizResult {
        try pool.write { db in
            guard let attempt = try Self.attempts(db, where: "id = ?", [attemptID]).first else {
                throw StoreError.unknownAttempt(attemptID)
            }
            if let result = attempt.result { return result }  // finished before: harmless repeat
            let correct = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quiz_answer WHERE attempt_id = ? AND correct = 1", arguments: [attemptID]) ?? 0
            let result = QuizResult(correct: correct, total: attempt.questions.count, passMark: attempt.passMark)
            try db.execute(sql: "UPDATE quiz_attempt SET finished_at = ?, score = ?, passed = ? WHERE id = ? AND finished_at IS NULL",
                           arguments: [Timestamp.string(at), result.score, result.passed, attemptID])
            try Self.appendAudit(db, at: at, actor: actor, action: result.passed ? "quiz.pass" : "quiz.fail", subject: attempt.employeeID, details: [
                "attempt": attemptID, "module": attempt.moduleID, "lang": attempt.language.rawValue,
                "version": attempt.version.description, "hash": attempt.contentHash,
                "score": "\(correct)/\(attempt.questions.count)", "pass_mark": "\(attempt.passMark)",
            ])
            return result
        }
    }
}
