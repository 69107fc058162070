public import GRDB

extension Database {
    /// Registers the FTS5 tokenizers `kyndig_nb` and `kyndig_en` on this connection.
    ///
    /// Tokenizers belong to a connection, so call this from `Configuration.prepareDatabase`,
    /// which runs for every connection a `DatabaseQueue` or `DatabasePool` opens.
    public func addKyndigTokenizers() {
        add(tokenizer: NorwegianFTS5Tokenizer.self)
        add(tokenizer: EnglishFTS5Tokenizer.self)
    }
}
