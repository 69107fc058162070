public import Foundation
import GRDB
public import KyndigCore

extension SQLiteStore: AttemptStore {
    public func startAttempt(_ new: AttemptRecord) async throws -> AttemptStart {
        try await write { db in
            if let open = try Self.attempts(db, where: "employee_id = ? AND module_id = ? AND finished_at IS NULL", [new.employeeID, new.moduleID]).first {
                return AttemptStart(attempt: open, created: false)
            }
            let questions = String(decoding: try JSONEncoder().encode(new.questions), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO quiz_attempt (id, employee_id, module_id, lang, version, content_hash, seed, questions, pass_mark, started_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [new.id, new.employeeID, new.moduleID, new.language.rawValue, new.version.description, new.contentHash,
                                 Int64(bitPattern: new.seed), questions, new.passMark, Timestamp.string(new.startedAt)])
            try Self.appendAudit(db, .quizStart, subject: new.employeeID, details: [
                "attempt": new.id, "module": new.moduleID, "lang": new.language.rawValue, "version": new.version.description,
                "hash": new.contentHash, "seed": "\(new.seed)",
            ], change: Change(actor: new.employeeID, at: new.startedAt, source: "quiz"))
            return AttemptStart(attempt: new, created: true)
        }
    }

    public func attempt(id: String) async throws -> AttemptRecord? {
        try lookup { db in try Self.attempts(db, where: "id = ?", [id]).first }
    }

    public func openAttempts(employeeID: String) async throws -> [AttemptRecord] {
        try lookup { db in try Self.attempts(db, where: "employee_id = ? AND finished_at IS NULL", [employeeID]) }
    }

    public func answers(attemptID: String) async throws -> [AnswerRecord] {
        try lookup { db in
            try Row.fetchAll(db, sql: "SELECT * FROM quiz_answer WHERE attempt_id = ? ORDER BY position", arguments: [attemptID]).map { row in
                let reader = RowReader(row, table: "quiz_answer", key: "attempt_id=\(attemptID)/position=\((try? row.decode(Int.self, forColumn: "position")) ?? -1)")
                let chosen = try reader.parsed("chosen") { text -> Set<Int>? in
                    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
                    return parts.contains(nil) ? nil : Set(parts.compactMap { $0 })
                }
                return AnswerRecord(position: try reader.int("position"), questionID: try reader.text("question_id"), chosen: chosen,
                                    correct: try reader.bool("correct"))
            }
        }
    }

    public func recordAnswer(_ answer: AnswerRecord, attemptID: String, at: Date) async throws -> AnswerRecording {
        try await write { db in
            // A closed attempt takes no more answers; a second answer at a position is ignored.
            guard try Bool.fetchOne(db, sql: "SELECT finished_at IS NULL FROM quiz_attempt WHERE id = ?", arguments: [attemptID]) == true else {
                return .attemptClosed
            }
            try db.execute(sql: """
                INSERT INTO quiz_answer (attempt_id, position, question_id, chosen, correct, answered_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (attempt_id, position) DO NOTHING
                """, arguments: [attemptID, answer.position, answer.questionID, answer.chosen.sorted().map(String.init).joined(separator: ","),
                                 answer.correct, Timestamp.string(at)])
            return db.changesCount == 1 ? .recorded : .alreadyAnswered
        }
    }

    public func finishAttempt(id: String, on day: CalendarDate, change: Change) async throws -> AttemptRecord {
        try await write { db in
            let attempt = try Self.requireAttempt(db, id: id)
            if attempt.finished != nil { return attempt }  // closed before: a harmless repeat
            let correct = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quiz_answer WHERE attempt_id = ? AND correct = 1", arguments: [id]) ?? 0
            let result = QuizResult(correct: correct, total: attempt.questions.count, passMark: attempt.passMark)
            let outcome: AttemptOutcome = result.passed ? .passed : .failed
            try Self.close(db, id: id, outcome: outcome, result: result, on: day, at: change.at)
            try Self.appendAudit(db, result.passed ? .quizPass : .quizFail, subject: attempt.employeeID, details: [
                "attempt": id, "module": attempt.moduleID, "lang": attempt.language.rawValue,
                "version": attempt.version.description, "hash": attempt.contentHash,
                "score": "\(correct)/\(attempt.questions.count)", "pass_mark": "\(attempt.passMark)", "on": day.description,
            ], change: change)
            return try Self.requireAttempt(db, id: id)
        }
    }

    public func abandonAttempt(id: String, on day: CalendarDate, change: Change) async throws -> AttemptRecord {
        try await write { db in
            let attempt = try Self.requireAttempt(db, id: id)
            if attempt.finished != nil { return attempt }
            let answered = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quiz_answer WHERE attempt_id = ?", arguments: [id]) ?? 0
            try Self.close(db, id: id, outcome: .abandoned, result: nil, on: day, at: change.at)
            try Self.appendAudit(db, .quizAbandon, subject: attempt.employeeID, details: [
                "attempt": id, "module": attempt.moduleID, "lang": attempt.language.rawValue,
                "version": attempt.version.description, "hash": attempt.contentHash,
                "answered": "\(answered)/\(attempt.questions.count)", "reason": change.source,
            ], change: change)
            return try Self.requireAttempt(db, id: id)
        }
    }
}

extension SQLiteStore {
    public func importAttempts(_ attempts: [AttemptRecord], change: Change) async throws {
        guard !attempts.isEmpty else { return }
        let encoder = JSONEncoder()
        try await write { db in
            let cursor = try Self.nextSequence(db)
            let insert = try db.makeStatement(sql: """
                INSERT INTO quiz_attempt (id, employee_id, module_id, lang, version, content_hash, seed, questions, pass_mark, started_at,
                                          finished_at, finished_on, outcome, correct, score, passed, changed_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var passes = 0
            for attempt in attempts {
                let finished = attempt.finished
                if let finished, (finished.result?.passed ?? false) != (finished.outcome == .passed) || (finished.result == nil) != (finished.outcome == .abandoned) {
                    throw StoreError.damagedRow(table: "quiz_attempt", key: "id=\(attempt.id)", column: "outcome")
                }
                if finished?.outcome == .passed { passes += 1 }
                let result = finished?.result
                try insert.execute(arguments: [
                    attempt.id, attempt.employeeID, attempt.moduleID, attempt.language.rawValue, attempt.version.description,
                    attempt.contentHash, Int64(bitPattern: attempt.seed), String(decoding: try encoder.encode(attempt.questions), as: UTF8.self),
                    attempt.passMark, Timestamp.string(attempt.startedAt), finished.map { Timestamp.string($0.at) }, finished?.on.description,
                    finished?.outcome.rawValue, result?.correct, result?.score, result.map { $0.passed }, cursor,
                ])
            }
            try Self.appendAudit(db, .historyImport, subject: change.source, details: [
                "attempts": "\(attempts.count)", "passes": "\(passes)",
                "open": "\(attempts.count(where: { $0.finished == nil }))",
            ], change: change)
        }
    }
}

// MARK: - Reading and closing attempts

extension SQLiteStore {
    static func requireAttempt(_ db: Database, id: String) throws -> AttemptRecord {
        guard let attempt = try attempts(db, where: "id = ?", [id]).first else { throw StoreError.unknownAttempt(id: id) }
        return attempt
    }

    static func close(_ db: Database, id: String, outcome: AttemptOutcome, result: QuizResult?, on day: CalendarDate, at: Date) throws {
        try db.execute(sql: """
            UPDATE quiz_attempt SET finished_at = ?, finished_on = ?, outcome = ?, correct = ?, score = ?, passed = ?, changed_seq = ?
            WHERE id = ? AND finished_at IS NULL
            """, arguments: [Timestamp.string(at), day.description, outcome.rawValue, result?.correct, result?.score,
                             result.map { $0.passed }, try nextSequence(db), id])
    }

    static func attempts(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [AttemptRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM quiz_attempt WHERE \(condition) ORDER BY started_at, id", arguments: arguments).map(attempt)
    }

    static func attempt(_ row: Row) throws -> AttemptRecord {
        let reader = RowReader(row, table: "quiz_attempt", keyColumn: "id")
        let questions = try reader.json("questions", as: [DrawnQuestion].self)
        let passMark = try reader.double("pass_mark")
        var finished: AttemptRecord.Finished?
        if let at = try reader.optionalParsed("finished_at", Timestamp.date) {
            let outcome = try reader.parsed("outcome", AttemptOutcome.init(rawValue:))
            let result: QuizResult? = outcome == .abandoned
                ? nil : QuizResult(correct: try reader.int("correct"), total: questions.count, passMark: passMark)
            if let result, result.passed != (outcome == .passed) {
                throw StoreError.damagedRow(table: "quiz_attempt", key: reader.key, column: "outcome")
            }
            finished = AttemptRecord.Finished(at: at, on: try reader.date("finished_on"), outcome: outcome, result: result)
        }
        return AttemptRecord(
            id: try reader.text("id"), employeeID: try reader.text("employee_id"), moduleID: try reader.text("module_id"),
            language: try reader.language(), version: try reader.version(), contentHash: try reader.text("content_hash"),
            seed: UInt64(bitPattern: Int64(try reader.int("seed"))), questions: questions, passMark: passMark,
            startedAt: try reader.instant("started_at"), finished: finished)
    }
}
