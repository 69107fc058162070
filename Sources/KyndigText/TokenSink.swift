/// Collects `Token` values.
struct TokenSink: TermSink {
    var tokens: [Token] = []

    mutating func accept(_ term: ScannedTerm) -> Bool {
        tokens.append(
            Token(
                term: String(decoding: term.bytes, as: UTF8.self), kind: term.kind,
                utf8Range: term.utf8Start..<term.utf8End, scalarRange: term.scalarStart..<term.scalarEnd))
        return true
    }
}
