public import KyndigCore
public import GRDB

/// What the Norwegian and English FTS5 tokenizers share: an analyzer and the bridge from its
/// terms to SQLite's token callback.
///
/// Documents, queries and prefix queries all go through the same analysis, so that `MATCH`
/// finds what was indexed. A compound is emitted after its last word with
/// `FTS5_TOKEN_COLOCATED` (as a synonym at the same position), so phrase queries see the words
/// at consecutive positions whether the text had `KI-forordningen` or `KI forordningen`.
/// Offsets are UTF-8 byte offsets into the column text, so `highlight()` and `snippet()` work.
public protocol AnalyzerFTS5Tokenizer: FTS5CustomTokenizer {
    /// The language of the tokenizer's analyzer.
    static var language: Language { get }
    /// The analyzer, owned by this tokenizer instance (SQLite uses one per table and connection).
    var analyzer: Analyzer { get }
}

extension AnalyzerFTS5Tokenizer {
    public func tokenize(
        context: UnsafeMutableRawPointer?,
        tokenization: FTS5Tokenization,
        pText: UnsafePointer<CChar>?,
        nText: CInt,
        tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return 0 }  // SQLITE_OK
        let bytes = UnsafeBufferPointer(
            start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self), count: Int(nText))
        var sink = FTS5CallbackSink(context: context, callback: tokenCallback)
        analyzer.scan(bytes, into: &sink)
        return sink.resultCode
    }

    /// Checks the arguments of `tokenize='kyndig_nb ...'`: none are accepted.
    static func validate(arguments: [String]) throws {
        guard arguments.isEmpty else {
            throw DatabaseError(
                message:
                    "tokenizer '\(name)' takes no arguments, got '\(arguments.joined(separator: " "))'. Use tokenize='\(name)'."
            )
        }
    }
}
