/// Precomputed classes and folds for U+0000–U+02FF (ASCII, Latin-1, Latin Extended-A/B, IPA,
/// spacing modifiers), so that bokmål and English words never take the slow NFKC path.
///
/// No scalar below U+0300 is a combining mark, composes with its neighbour under NFC or has a
/// decomposition that starts with a non-starter, so folding such a word scalar by scalar gives
/// exactly `CaseFolding.fold` of the whole word.
struct LatinTable: Sendable {
    /// One past the last scalar the table covers.
    static let limit: UInt32 = 0x300

    /// The class of each scalar.
    let classes: [ScalarClass]
    /// Start of each scalar's word fold in `bytes` (`starts[s] ..< starts[s + 1]`).
    let starts: [UInt16]
    /// Concatenated word folds, UTF-8.
    let bytes: [UInt8]
    /// Whether the word fold equals the plain `CaseFolding.fold` (false for `½`, `¨`, NBSP...),
    /// so single words (`Analyzer.stem`) may use the table too.
    let isPure: [Bool]

    static let shared = LatinTable()

    private init() {
        var classes: [ScalarClass] = []
        var starts: [UInt16] = [0]
        var bytes: [UInt8] = []
        var isPure: [Bool] = []
        for value in 0..<Self.limit {
            let scalar = Unicode.Scalar(value)!
            let scalarClass = CaseFolding.scalarClass(of: scalar)
            classes.append(scalarClass)
            let plain = CaseFolding.fold(String(scalar))
            let word: String =
                switch scalarClass {
                case .letter, .number, .mark: CaseFolding.foldWord(String(scalar))
                case .ignorable: ""
                default: plain
                }
            bytes.append(contentsOf: word.utf8)
            starts.append(UInt16(bytes.count))
            isPure.append(word == plain)
        }
        self.classes = classes
        self.starts = starts
        self.bytes = bytes
        self.isPure = isPure
    }
}
