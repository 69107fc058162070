import Crypto
import Foundation
import GRDB
public import KyndigCore
import KyndigText

/// The search index: every passage of the catalog in an SQLite file of its own, derived from the
/// catalog (never edited, rebuilt when the catalog changes), with one FTS5 table per language
/// using that language's Kyndig tokenizer. Columns are weighted in `bm25()`: a word in a heading
/// says more about a passage than the same word in its body.
///
/// Answering a question reads only this file: not the content files, not the learner database.
public final class SearchIndex: Sendable {
    let queue: DatabaseQueue
    /// Passages in the index, per language (for inverse document frequencies).
    let passageCounts: [Language: Int]
    /// The glossary's synonym groups as written (every form of a term, both languages).
    let synonymGroups: [[String]]
    public let fingerprint: String

    /// bm25 weights of the columns module title, headings, body.
    static let columnWeights = (title: 1.0, headings: 4.0, body: 1.0)
    /// Bumped when the index layout or the passage cutting changes, so old indexes are rebuilt.
    static let formatVersion = "3"

    private init(queue: DatabaseQueue) throws {
        self.queue = queue
        let meta = try queue.read { db in
            try Dictionary(Row.fetchAll(db, sql: "SELECT key, value FROM meta").map { (try Self.value($0, 0) as String, try Self.value($0, 1) as String) },
                           uniquingKeysWith: { first, _ in first })
        }
        // An index of another format (an older Kyndig) is not read: the caller rebuilds it.
        guard meta["format"] == Self.formatVersion, let fingerprint = meta["fingerprint"], let synonyms = meta["synonyms"],
              let groups = try? JSONDecoder().decode([[String]].self, from: Data(synonyms.utf8))
        else { throw SearchIndexError.damaged }
        self.fingerprint = fingerprint
        self.synonymGroups = groups
        passageCounts = try queue.read { db in
            var counts: [Language: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT lang, COUNT(*) FROM passage GROUP BY lang") {
                if let language = Language(rawValue: try Self.value(row, 0)) { counts[language] = try Self.value(row, 1) }
            }
            return counts
        }
    }

    static func configuration(readOnly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.prepareDatabase { db in db.addKyndigTokenizers() }
        return configuration
    }

    /// Opens the index at `path`, or nil when there is none (or an unreadable one: it is derived
    /// data, so the caller rebuilds it).
    public static func open(path: String) -> SearchIndex? {
        guard FileManager.default.fileExists(atPath: path),
              let queue = try? DatabaseQueue(path: path, configuration: configuration(readOnly: true))
        else { return nil }
        return try? SearchIndex(queue: queue)
    }

    /// The index for `catalog` at `path`: the one there when it was built from this very catalog,
    /// else a new one built in a temporary file and moved into place (a reader never sees half).
    /// - Returns: the index and whether it was (re)built now.
    public static func updated(for catalog: Catalog, at path: String) throws -> (index: SearchIndex, rebuilt: Bool) {
        let fingerprint = fingerprint(of: catalog)
        if let existing = open(path: path), existing.fingerprint == fingerprint { return (existing, false) }
        let temporary = path + ".building-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            let queue = try DatabaseQueue(path: temporary, configuration: configuration(readOnly: false))
            try build(catalog, fingerprint: fingerprint, into: queue)
            try queue.close()
            // rename(2) replaces the old file in one step.
            guard rename(temporary, path) == 0 else { throw SearchIndexError.cannotWrite(path: path) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard let index = open(path: path) else { throw SearchIndexError.damaged }
        return (index, true)
    }

    /// An index in memory (tests, benchmarks).
    public static func inMemory(_ catalog: Catalog) throws -> SearchIndex {
        try inMemory(passages: PassageBuilder.passages(of: catalog), synonyms: synonymGroups(of: catalog), fingerprint: fingerprint(of: catalog))
    }

    /// An index of any passages in memory (benchmarks over synthetic corpora).
    public static func inMemory(passages: [Passage], synonyms: [[String]], fingerprint: String = "memory") throws -> SearchIndex {
        let queue = try DatabaseQueue(configuration: configuration(readOnly: false))
        try write(passages, synonyms: synonyms, fingerprint: fingerprint, into: queue)
        return try SearchIndex(queue: queue)
    }

    /// Every indexed passage, in catalog order.
    public func passages(language: Language? = nil) throws -> [Passage] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM passage WHERE ?1 IS NULL OR lang = ?1 ORDER BY rowid", arguments: [language?.rawValue])
                .map(Self.passage)
        }
    }

    // MARK: - Building

    static func build(_ catalog: Catalog, fingerprint: String, into queue: DatabaseQueue) throws {
        try write(PassageBuilder.passages(of: catalog), synonyms: synonymGroups(of: catalog), fingerprint: fingerprint, into: queue)
    }

    static func write(_ passages: [Passage], synonyms: [[String]], fingerprint: String, into queue: DatabaseQueue) throws {
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE passage (
                    id TEXT NOT NULL UNIQUE, module_id TEXT NOT NULL, lang TEXT NOT NULL, version TEXT NOT NULL,
                    anchor TEXT NOT NULL, module_title TEXT NOT NULL, headings TEXT NOT NULL, body TEXT NOT NULL,
                    sentences TEXT NOT NULL, terms TEXT NOT NULL, heading_terms TEXT NOT NULL, sentence_terms TEXT NOT NULL);
                CREATE TABLE term (lang TEXT NOT NULL, term TEXT NOT NULL, df INTEGER NOT NULL, PRIMARY KEY (lang, term)) WITHOUT ROWID;
                """)
            for language in Language.allCases {
                try db.execute(sql: """
                    CREATE VIRTUAL TABLE passage_\(language.rawValue) USING fts5(
                        module_title, headings, body, content='passage', content_rowid='rowid',
                        tokenize='\(language.fts5TokenizerName)')
                    """)
            }
            let encoder = JSONEncoder()
            var documentFrequency: [Language: [String: Int]] = [:]
            var analyzers: [Language: Analyzer] = [:]
            for passage in passages {
                let analyzer = analyzers[passage.language] ?? Analyzer(language: passage.language)
                analyzers[passage.language] = analyzer
                let terms = Set(analyzer.terms(([passage.moduleTitle] + passage.headings + [passage.text]).joined(separator: "\n")))
                for term in terms { documentFrequency[passage.language, default: [:]][term, default: 0] += 1 }
                let headings = passage.headings.joined(separator: " › ")
                // Analysed once here so that answering a question only looks terms up.
                let headingTerms = Set(analyzer.terms((passage.headings + [passage.moduleTitle]).joined(separator: "\n")))
                let sentenceTerms = passage.sentences.indices.map { Set(analyzer.terms(passage.sentence($0))).sorted().joined(separator: " ") }
                try db.execute(sql: """
                    INSERT INTO passage (id, module_id, lang, version, anchor, module_title, headings, body, sentences, terms,
                                         heading_terms, sentence_terms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [
                        passage.id, passage.moduleID, passage.language.rawValue, passage.version.description, passage.anchor,
                        passage.moduleTitle, headings, passage.text,
                        Self.encode(passage.sentences), terms.sorted().joined(separator: " "),
                        headingTerms.sorted().joined(separator: " "), sentenceTerms.joined(separator: "\n"),
                    ])
                try db.execute(
                    sql: "INSERT INTO passage_\(passage.language.rawValue) (rowid, module_title, headings, body) VALUES (?, ?, ?, ?)",
                    arguments: [db.lastInsertedRowID, passage.moduleTitle, headings, passage.text])
            }
            for (language, frequencies) in documentFrequency {
                for (term, df) in frequencies {
                    try db.execute(sql: "INSERT INTO term (lang, term, df) VALUES (?, ?, ?)", arguments: [language.rawValue, term, df])
                }
            }
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('fingerprint', ?), ('format', ?), ('synonyms', ?)",
                           arguments: [fingerprint, formatVersion, String(decoding: try encoder.encode(synonyms), as: UTF8.self)])
        }
    }

    /// Identifies the catalog's searchable content: every module text's content hash, the
    /// glossary and the index format. Equal fingerprints, equal indexes.
    public static func fingerprint(of catalog: Catalog) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("kyndig-search-\(formatVersion)\n".utf8))
        for id in catalog.moduleIDs {
            let module = catalog.modules[id]!
            for language in module.languages {
                hasher.update(data: Data("\(id)/\(language.rawValue)/\(module.version)/\(module.texts[language]!.contentHash)\n".utf8))
            }
        }
        for group in synonymGroups(of: catalog) { hasher.update(data: Data((group.joined(separator: "\u{1F}") + "\n").utf8)) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func synonymGroups(of catalog: Catalog) -> [[String]] {
        catalog.glossary.map(\.allForms)
    }

    // MARK: - Reading

    /// A passage that matched, before it is read in full.
    struct Candidate {
        let rowID: Int64
        let terms: Set<Substring>
        let bm25: Double
    }

    /// The passages that match `expression` (an FTS5 query built by `Query`), best bm25 first:
    /// their terms only, so that ranking reads no text.
    func candidates(_ expression: String, language: Language, limit: Int) throws -> [Candidate] {
        let weights = Self.columnWeights
        return try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT passage.rowid, passage.terms, bm25(passage_\(language.rawValue), \(weights.title), \(weights.headings), \(weights.body)) AS rank
                FROM passage_\(language.rawValue) JOIN passage ON passage.rowid = passage_\(language.rawValue).rowid
                WHERE passage_\(language.rawValue) MATCH ? ORDER BY rank LIMIT ?
                """, arguments: [expression, limit]).map { row in
                Candidate(rowID: try Self.value(row, 0), terms: Set((try Self.value(row, 1) as String).split(separator: " ")),
                          bm25: -(try Self.value(row, 2) as Double))
            }
        }
    }

    /// A passage in full, with the terms of its headings and of each sentence.
    struct Analysed {
        let passage: Passage
        let headingTerms: Set<Substring>
        let sentenceTerms: [Set<Substring>]
    }

    func analysed(_ rowIDs: [Int64]) throws -> [Int64: Analysed] {
        guard !rowIDs.isEmpty else { return [:] }
        return try queue.read { db in
            var result: [Int64: Analysed] = [:]
            let rows = try Row.fetchAll(db, sql: "SELECT rowid, * FROM passage WHERE rowid IN (\(rowIDs.map { _ in "?" }.joined(separator: ",")))",
                                        arguments: StatementArguments(rowIDs))
            for row in rows {
                let sentences = (try Self.value(row, "sentence_terms") as String).split(separator: "\n", omittingEmptySubsequences: false)
                result[try Self.value(row, 0)] = Analysed(
                    passage: try Self.passage(row), headingTerms: Set((try Self.value(row, "heading_terms") as String).split(separator: " ")),
                    sentenceTerms: sentences.map { Set($0.split(separator: " ")) })
            }
            return result
        }
    }

    /// Sentence ranges as `start-end` pairs separated by spaces: read for every passage an answer
    /// considers, so cheaper to parse than JSON.
    static func encode(_ sentences: [Passage.SentenceRange]) -> String {
        sentences.map { "\($0.start)-\($0.end)" }.joined(separator: " ")
    }

    static func decodeSentences(_ text: String) -> [Passage.SentenceRange]? {
        var result: [Passage.SentenceRange] = []
        for pair in text.split(separator: " ") {
            let bounds = pair.split(separator: "-")
            guard bounds.count == 2, let start = Int(bounds[0]), let end = Int(bounds[1]), start <= end else { return nil }
            result.append(Passage.SentenceRange(start: start, end: end))
        }
        return result
    }

    /// The first `count` passages of `language`, in catalog order.
    func first(_ count: Int, language: Language) throws -> [Passage] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM passage WHERE lang = ? ORDER BY rowid LIMIT ?", arguments: [language.rawValue, count])
                .map(Self.passage)
        }
    }

    /// How many passages of `language` contain each term (0 for a term the course never uses).
    func documentFrequencies(_ terms: Set<String>, language: Language) throws -> [String: Int] {
        guard !terms.isEmpty else { return [:] }
        return try queue.read { db in
            var result: [String: Int] = [:]
            let statement = try db.cachedStatement(sql: "SELECT df FROM term WHERE lang = ? AND term = ?")
            for term in terms { result[term] = try Int.fetchOne(statement, arguments: [language.rawValue, term]) ?? 0 }
            return result
        }
    }

    private static func passage(_ row: Row) throws -> Passage {
        guard let language = Language(rawValue: try value(row, "lang")), let version = ModuleVersion(try value(row, "version") as String),
              let sentences = decodeSentences(try value(row, "sentences"))
        else { throw SearchIndexError.damaged }
        let headings = (try value(row, "headings") as String).components(separatedBy: " › ")
        return Passage(
            id: try value(row, "id"), moduleID: try value(row, "module_id"), language: language, version: version,
            anchor: try value(row, "anchor"), moduleTitle: try value(row, "module_title"), headings: headings,
            text: try value(row, "body"), sentences: sentences)
    }

    /// A column's value, or `damaged` (never a crash) when the file is not what this Kyndig wrote.
    private static func value<T: DatabaseValueConvertible>(_ row: Row, _ column: String) throws -> T {
        guard let value = try? row.decode(T.self, forColumn: column) else { throw SearchIndexError.damaged }
        return value
    }

    private static func value<T: DatabaseValueConvertible>(_ row: Row, _ index: Int) throws -> T {
        guard index < row.count, let value = try? row.decode(T.self, atIndex: index) else { throw SearchIndexError.damaged }
        return value
    }
}

/// The index file cannot be read; it is derived data, so rebuilding it (`kyndig sync`) fixes it.
public enum SearchIndexError: Error, Sendable, Hashable {
    case damaged
    case cannotWrite(path: String)
}
