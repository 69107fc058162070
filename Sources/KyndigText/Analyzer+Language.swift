extension Analyzer {
    /// A language the analyzer knows: its Snowball stemmer, stop words and FTS5 tokenizer.
    public enum Language: String, Hashable, Sendable, CaseIterable {
        /// Norwegian bokmål: Snowball's `norwegian` stemmer and stop words.
        case nb
        /// English: Snowball's `english` (Porter2) stemmer and stop words.
        case en

        /// The libstemmer algorithm name.
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
}
