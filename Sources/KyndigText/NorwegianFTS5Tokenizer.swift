public import KyndigCore
public import GRDB

/// The FTS5 tokenizer `kyndig_nb`: bokmål analysis (`Analyzer(language: .nb)`).
///
/// Register it on every connection, then name it in the table:
/// ```swift
/// var config = Configuration()
/// config.prepareDatabase { db in db.addKyndigTokenizers() }
/// // CREATE VIRTUAL TABLE passage_nb USING fts5(body, tokenize='kyndig_nb')
/// ```
public final class NorwegianFTS5Tokenizer: AnalyzerFTS5Tokenizer {
    public static let name = "kyndig_nb"
    public static let language = Language.nb
    public let analyzer: Analyzer

    public init(db: Database, arguments: [String]) throws {
        try Self.validate(arguments: arguments)
        analyzer = Analyzer(language: Self.language)
    }
}
