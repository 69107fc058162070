/// Collects the terms as strings.
struct TermStringSink: TermSink {
    var terms: [String] = []

    mutating func accept(_ term: ScannedTerm) -> Bool {
        terms.append(String(decoding: term.bytes, as: UTF8.self))
        return true
    }
}
