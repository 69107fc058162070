import GRDB
public import KyndigCore

/// The baseline search is measured against: plain FTS5 with its `unicode61` tokenizer over each
/// passage's text in one column, the question's words OR-ed, ranked by bm25; no stemming,
/// synonyms, compounds or field weights. It declines only when nothing matches.
public final class BaselineIndex {
    let queue: DatabaseQueue

    public init(passages: [Passage]) throws {
        queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE passage (section TEXT NOT NULL, lang TEXT NOT NULL)")
            try db.execute(sql: "CREATE VIRTUAL TABLE passage_text USING fts5(text, tokenize='unicode61')")
            for passage in passages {
                try db.execute(sql: "INSERT INTO passage (section, lang) VALUES (?, ?)", arguments: ["\(passage.moduleID)#\(passage.anchor)", passage.language.rawValue])
                try db.execute(sql: "INSERT INTO passage_text (rowid, text) VALUES (?, ?)",
                               arguments: [db.lastInsertedRowID, ([passage.moduleTitle] + passage.headings + [passage.text]).joined(separator: "\n")])
            }
        }
    }

    public func rank(_ question: String, language: Language) throws -> Ranking {
        let words = question.lowercased().split { !$0.isLetter && !$0.isNumber }.map { "\"\($0)\"" }
        guard !words.isEmpty else { return Ranking(sections: [], abstained: true) }
        let sections = try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT passage.section FROM passage_text JOIN passage ON passage.rowid = passage_text.rowid
                WHERE passage_text MATCH ? AND passage.lang = ? ORDER BY bm25(passage_text) LIMIT 10
                """, arguments: [words.joined(separator: " OR "), language.rawValue])
        }
        return Ranking(sections: sections, abstained: sections.isEmpty)
    }
}
