/// A term found by the scanner. `bytes` is only valid during `TermSink.accept(_:)`.
struct ScannedTerm {
    var bytes: UnsafeBufferPointer<UInt8>
    var kind: Token.Kind
    /// Whether the term shares the position of the term before it (a compound after its last word).
    var isColocated: Bool
    var utf8Start: Int
    var utf8End: Int
    var scalarStart: Int
    var scalarEnd: Int
}
