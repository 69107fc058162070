/// One index term found in a text, with where it came from.
///
/// Offsets count from the start of the analysed text: `utf8Range` in UTF-8 bytes (what SQLite's
/// FTS5 and `String.utf8` use), `scalarRange` in Unicode scalars (code points: Python's string
/// indices, and for NFC text one per character). `range(in:)` turns them back into a Swift range
/// for highlighting. A compound (`KI-forordningen`) covers the span of all its parts.
public struct Token: Hashable, Sendable {
    /// Whether the term stands for one word or for a whole compound.
    public enum Kind: String, Hashable, Sendable {
        /// A single word (`forordningen` in `KI-forordningen`), at its own position.
        case word
        /// A compound kept whole (`ki-forordningen`), colocated with its last word.
        case compound
    }

    /// The analysed term: folded and stemmed (`forordning` for `Forordningen`).
    public var term: String
    /// Word or compound.
    public var kind: Kind
    /// The UTF-8 byte offsets of the source text the term came from.
    public var utf8Range: Range<Int>
    /// The Unicode scalar offsets of the source text the term came from.
    public var scalarRange: Range<Int>

    public init(term: String, kind: Kind, utf8Range: Range<Int>, scalarRange: Range<Int>) {
        self.term = term
        self.kind = kind
        self.utf8Range = utf8Range
        self.scalarRange = scalarRange
    }

    /// The range of the source text in `text`, which must be the string that was analysed.
    public func range(in text: String) -> Range<String.Index> {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: utf8Range.lowerBound)
        let upper = utf8.index(lower, offsetBy: utf8Range.count)
        return lower..<upper
    }
}
