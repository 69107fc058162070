public import Foundation
import GRDB
import KyndigCore

extension SQLiteStore: QuestionLogStore {
    public func logUnanswered(_ question: UnansweredQuestion) async throws {
        try await write { db in
            try db.execute(sql: "INSERT INTO unanswered_question (asked_at, lang, question) VALUES (?, ?, ?)",
                           arguments: [Timestamp.string(question.askedAt), question.language.rawValue, question.question])
        }
    }

    public func unansweredQuestions(since: Date?) async throws -> [UnansweredQuestion] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM unanswered_question WHERE ?1 IS NULL OR asked_at >= ?1 ORDER BY asked_at, id",
                             arguments: [since.map(Timestamp.string)]).map { row in
                let reader = RowReader(row, table: "unanswered_question", key: "id=\((try? row.decode(Int.self, forColumn: "id")) ?? 0)")
                return UnansweredQuestion(askedAt: try reader.instant("asked_at"), language: try reader.language(), question: try reader.text("question"))
            }
        }
    }

    public func purgeUnanswered(before cutoff: Date) async throws -> Int {
        try await write { db in
            try db.execute(sql: "DELETE FROM unanswered_question WHERE asked_at < ?", arguments: [Timestamp.string(cutoff)])
            return db.changesCount
        }
    }
}
