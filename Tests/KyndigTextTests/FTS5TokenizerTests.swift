import KyndigCore
import Foundation
import GRDB
import KyndigText
import Testing

@Suite("FTS5 tokenizers")
struct FTS5TokenizerTests {
    /// A database in a temporary file with the Kyndig tokenizers and one table per language.
    final class TemporaryDatabase {
        let directory: URL
        let queue: DatabaseQueue

        init() throws {
            directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("kyndig-text-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.prepareDatabase { db in db.addKyndigTokenizers() }
            queue = try DatabaseQueue(
                path: directory.appendingPathComponent("test.sqlite").path, configuration: configuration)
            try queue.write { db in
                try db.execute(sql: "CREATE VIRTUAL TABLE passage_nb USING fts5(body, tokenize='kyndig_nb')")
                try db.execute(sql: "CREATE VIRTUAL TABLE passage_en USING fts5(body, tokenize='kyndig_en')")
            }
        }

        deinit {
            try? queue.close()
            try? FileManager.default.removeItem(at: directory)
        }

        func insert(_ passages: [String], into table: String) throws {
            try queue.write { db in
                for (index, passage) in passages.enumerated() {
                    try db.execute(
                        sql: "INSERT INTO \(table)(rowid, body) VALUES (?, ?)", arguments: [index + 1, passage])
                }
            }
        }

        /// Matching rowids, best bm25 rank first.
        func search(_ query: String, in table: String) throws -> [Int] {
            try queue.read { db in
                try Int.fetchAll(
                    db, sql: "SELECT rowid FROM \(table) WHERE \(table) MATCH ? ORDER BY bm25(\(table))",
                    arguments: [query])
            }
        }
    }

    static let bokmaal = [
        "KI-forordningen stiller krav til høyrisikosystemer.",
        "Forordningen gjelder fra 2. august 2026.",
        "Pasienter skal få informasjon om behandlingen.",
        "Artikkel 26(2) i forordning (EU) 2024/1689 gjelder idriftsettere.",
    ]

    static let english = [
        "The model was validated on local data before use.",
        "Clinical validation of AI systems is the deployer's duty.",
        "Staffing rotas are published every Friday.",
    ]

    @Test func bokmaalTableFindsInflectedAndCompoundForms() throws {
        let database = try TemporaryDatabase()
        try database.insert(Self.bokmaal, into: "passage_nb")
        #expect(try Set(database.search("forordning", in: "passage_nb")) == [1, 2, 4])
        #expect(try database.search("forordningen", in: "passage_nb").contains(1))
        #expect(try database.search("\"KI-forordningen\"", in: "passage_nb") == [1])
        #expect(try database.search("\"ki forordningen\"", in: "passage_nb") == [1])
        #expect(try database.search("\"26(2)\"", in: "passage_nb") == [4])
        #expect(try database.search("\"2024/1689\"", in: "passage_nb") == [4])
        #expect(try database.search("pasientene", in: "passage_nb") == [3])
    }

    @Test func prefixQueriesGoThroughTheSameAnalysis() throws {
        let database = try TemporaryDatabase()
        try database.insert(Self.bokmaal, into: "passage_nb")
        #expect(try Set(database.search("forordningene*", in: "passage_nb")) == [1, 2, 4])
        #expect(try database.search("idrifts*", in: "passage_nb") == [4])
    }

    @Test func englishTableFindsValidatedByValidation() throws {
        let database = try TemporaryDatabase()
        try database.insert(Self.english, into: "passage_en")
        #expect(try Set(database.search("validation", in: "passage_en")) == [1, 2])
        #expect(try database.search("deployers", in: "passage_en") == [2])
    }

    @Test func bm25RanksThePassageWithMoreMatchesFirst() throws {
        let database = try TemporaryDatabase()
        try database.insert(
            [
                "Clinical validation is one step among many in the long procurement of a new system for the wards.",
                "Validation, validated, validating: validation of the model is what this passage is about.",
                "Nothing here mentions the topic.",
            ], into: "passage_en")
        #expect(try database.search("validation", in: "passage_en") == [2, 1])
        try database.insert(
            [
                "Forordning nevnes én gang her, blant mye annen tekst om sykehus og drift.",
                "Forordningen, forordningene og KI-forordningen.",
            ], into: "passage_nb")
        #expect(try database.search("forordning", in: "passage_nb") == [2, 1])
    }

    @Test func highlightUsesTheOriginalOffsets() throws {
        let database = try TemporaryDatabase()
        try database.insert(Self.bokmaal, into: "passage_nb")
        let highlighted = try database.queue.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT highlight(passage_nb, 0, '[', ']') FROM passage_nb WHERE passage_nb MATCH 'forordning' ORDER BY rowid"
            )
        }
        #expect(highlighted[1] == "[Forordningen] gjelder fra 2. august 2026.")
        #expect(highlighted[2] == "Artikkel 26(2) i [forordning] (EU) 2024/1689 gjelder idriftsettere.")
    }

    @Test func tokenizerEmitsTheAnalyzersTermsWithCompoundsColocated() throws {
        let database = try TemporaryDatabase()
        let text = "Hva krever KI-forordningen av idriftsettere?"
        try database.queue.read { db in
            let tokenizer = try db.makeTokenizer(NorwegianFTS5Tokenizer.tokenizerDescriptor())
            let tokens = try tokenizer.tokenize(document: text)
            #expect(tokens.map(\.token) == Analyzer(language: .nb).terms(text))
            #expect(tokens.map { $0.flags.contains(.colocated) } == [false, false, false, true, false])
            #expect(try tokenizer.tokenize(query: text).map(\.token) == tokens.map(\.token))
        }
    }

    @Test func queryOfOnlyStopWordsFindsNothing() throws {
        let database = try TemporaryDatabase()
        try database.insert(Self.bokmaal, into: "passage_nb")
        #expect(try database.search("og", in: "passage_nb").isEmpty)
    }

    @Test func tokenizerRejectsArguments() throws {
        let database = try TemporaryDatabase()
        #expect(throws: DatabaseError.self) {
            try database.queue.write { db in
                try db.execute(
                    sql: "CREATE VIRTUAL TABLE bad USING fts5(body, tokenize='kyndig_nb remove_diacritics 1')")
            }
        }
    }

    @Test func tokenizerNamesAreDocumented() {
        #expect(Language.nb.fts5TokenizerName == "kyndig_nb")
        #expect(Language.en.fts5TokenizerName == "kyndig_en")
        #expect(NorwegianFTS5Tokenizer.tokenizerDescriptor().components == ["kyndig_nb"])
    }
}
