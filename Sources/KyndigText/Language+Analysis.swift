public import KyndigCore

extension Language {
    /// The libstemmer algorithm name: Snowball's `norwegian` for bokmål, `english` (Porter2) for English.
    public var snowballAlgorithm: String {
        switch self {
        case .nb: "norwegian"
        case .en: "english"
        }
    }

    /// The FTS5 tokenizer name registered by `Database.addKyndigTokenizers()`:
    /// `kyndig_nb` or `kyndig_en`, for `CREATE VIRTUAL TABLE ... USING fts5(..., tokenize='kyndig_nb')`.
    public var fts5TokenizerName: String {
        switch self {
        case .nb: NorwegianFTS5Tokenizer.name
        case .en: EnglishFTS5Tokenizer.name
        }
    }
}
