public import KyndigCore
public import GRDB

/// The FTS5 tokenizer `kyndig_en`: English analysis (`Analyzer(language: .en)`).
///
/// Register it on every connection, then name it in the table:
/// ```swift
/// var config = Configuration()
/// config.prepareDatabase { db in db.addKyndigTokenizers() }
/// // CREATE VIRTUAL TABLE passage_en USING fts5(body, tokenize='kyndig_en')
/// ```
public final class EnglishFTS5Tokenizer: AnalyzerFTS5Tokenizer {
    public static let name = "kyndig_en"
    public static let language = Language.en
    public let analyzer: Analyzer

    public init(db: Database, arguments: [String]) throws {
        try Self.validate(arguments: arguments)
        analyzer = Analyzer(language: Self.language)
    }
}
