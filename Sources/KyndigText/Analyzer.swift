public import KyndigCore
internal import CStemmer

/// Turns bokmål or English text into index terms: Unicode normalisation (NFKC), case folding,
/// tokenisation on letters and digits with compounds split and kept, stop-word removal and
/// Snowball stemming through libstemmer.
///
/// ```swift
/// let analyzer = Analyzer(language: .nb)
/// analyzer.terms("KI-forordningen gjelder fra 2. august") // ["ki", "forordning", "ki-forordning", "gjeld", "2", "august"]
/// analyzer.stem("Forordningen")                           // "forordning"
/// ```
///
/// The same analysis runs when a passage is indexed and when a question is asked: the FTS5
/// tokenizers (`kyndig_nb`, `kyndig_en`) are built on this type.
///
/// ## Words and compounds
/// A word is a run of letters, combining marks and numbers (`æøå`, `é`, `ü` are letters). An
/// apostrophe between two word characters stays in the word (`patient's` → `patient`). Words
/// joined without spaces by `-`, `/`, `.`, a parenthesis (`26(2)`), or by `,` or `:` between two
/// numbers (`3,5`, `10:30`) form a compound: each word is a term of its own and the whole
/// compound is one more term (`Token.Kind.compound`), so `KI-forordningen` is found by
/// `forordningen` and `2024/1689` by `2024/1689`. Stop words are removed from the words but not
/// from compounds. Words or compounds longer than `maximumTermLength` bytes after folding are
/// skipped (a 1 MB "word" costs one pass and yields no term).
///
/// ## Threads
/// A Snowball stemmer is not thread-safe, so each analyzer owns its own (freed in `deinit`)
/// together with a cache of analysed words. `Analyzer` is deliberately not `Sendable`: create
/// one per task or thread; creating one is cheap.
public final class Analyzer {
    /// Words and compounds longer than this many UTF-8 bytes (after folding) are not indexed.
    public static let maximumTermLength = 255

    /// The language whose stemmer and stop words this analyzer uses.
    public let language: Language

    private let stemmer: OpaquePointer
    /// The stop words, as a never-full cache whose entries all say "stop word".
    private let stopWords: TermCache
    private let cache = TermCache()

    // Scanner tables and buffers, owned by this analyzer.
    let latinClasses: UnsafeMutablePointer<ScalarClass>
    let latinFoldStarts: UnsafeMutablePointer<UInt16>
    let latinFoldBytes: UnsafeMutablePointer<UInt8>
    let latinIsPure: UnsafeMutablePointer<Bool>
    let wordBuffer: UnsafeMutablePointer<UInt8>
    let compoundBuffer: UnsafeMutablePointer<UInt8>
    /// Room for one term plus the longest fold of one scalar.
    static let bufferCapacity = maximumTermLength + 32

    /// Creates an analyzer with its own Snowball stemmer.
    public init(language: Language) {
        guard let stemmer = sb_stemmer_new(language.snowballAlgorithm, "UTF_8") else {
            fatalError(
                "libstemmer has no '\(language.snowballAlgorithm)' stemmer for UTF-8. Install Debian's libstemmer0d (apt-get install libstemmer-dev)."
            )
        }
        self.language = language
        self.stemmer = stemmer
        let stopWords = TermCache(capacity: 1024)
        for word in StopWords.list(for: language) {
            Array(word.utf8).withUnsafeBufferPointer { key in
                _ = stopWords.insert(key, hash: TermCache.hash(key), stem: key, isStopWord: true)
            }
        }
        self.stopWords = stopWords
        let table = LatinTable.shared
        latinClasses = Self.copy(table.classes)
        latinFoldStarts = Self.copy(table.starts)
        latinFoldBytes = Self.copy(table.bytes)
        latinIsPure = Self.copy(table.isPure)
        wordBuffer = .allocate(capacity: Self.bufferCapacity)
        compoundBuffer = .allocate(capacity: Self.bufferCapacity)
    }

    deinit {
        sb_stemmer_delete(stemmer)
        latinClasses.deallocate()
        latinFoldStarts.deallocate()
        latinFoldBytes.deallocate()
        latinIsPure.deallocate()
        wordBuffer.deallocate()
        compoundBuffer.deallocate()
    }

    private static func copy<Element>(_ array: [Element]) -> UnsafeMutablePointer<Element> {
        let pointer = UnsafeMutablePointer<Element>.allocate(capacity: array.count)
        _ = UnsafeMutableBufferPointer(start: pointer, count: array.count).initialize(from: array)
        return pointer
    }

    // MARK: - Public API

    /// The index terms of a text with their kinds and offsets, in text order (a compound
    /// follows its last word).
    public func tokens(_ text: String) -> [Token] {
        var sink = TokenSink()
        withUTF8(text) { scan($0, into: &sink) }
        return sink.tokens
    }

    /// The index terms of UTF-8 bytes (from a file or standard input), with offsets into those
    /// bytes. Invalid UTF-8 is not repaired: each invalid byte is a separator and counts as one
    /// scalar.
    public func tokens(utf8 bytes: some Collection<UInt8>) -> [Token] {
        var sink = TokenSink()
        if bytes.withContiguousStorageIfAvailable({ scan($0, into: &sink) }) == nil {
            Array(bytes).withUnsafeBufferPointer { scan($0, into: &sink) }
        }
        return sink.tokens
    }

    /// The index terms of a text, in text order: what an FTS5 table with this analyzer indexes.
    public func terms(_ text: String) -> [String] {
        var sink = TermStringSink()
        withUTF8(text) { scan($0, into: &sink) }
        return sink.terms
    }

    /// The stem of one word: folded (NFKC, lower case, `’` → `'`) and stemmed as a whole,
    /// without tokenising and without stop-word removal.
    ///
    /// This is what `analyze --stems` prints, so it can be compared with libstemmer called
    /// directly on the folded word: `stem("Forordningen") == "forordning"`.
    public func stem(_ word: String) -> String {
        if let length = foldIntoWordBuffer(word) {
            let key = UnsafeBufferPointer(start: UnsafePointer(wordBuffer), count: length)
            return String(decoding: resolve(key, hasLetter: true, removingStopWords: false)!, as: UTF8.self)
        }
        return Array(CaseFolding.fold(word).utf8).withUnsafeBufferPointer { key in
            if key.count <= Self.maximumTermLength {
                return String(decoding: resolve(key, hasLetter: true, removingStopWords: false)!, as: UTF8.self)
            }
            return String(decoding: stemUncached(key), as: UTF8.self)
        }
    }

    /// Whether a word, once folded, is on this language's Snowball stop-word list.
    public func isStopWord(_ word: String) -> Bool {
        Array(CaseFolding.fold(word).utf8).withUnsafeBufferPointer { key in
            stopWords.lookup(key, hash: TermCache.hash(key)) != nil
        }
    }

    // MARK: - Internals

    /// Calls `body` with the text's UTF-8 bytes, copying only a non-contiguous (bridged) string.
    func withUTF8(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if text.utf8.withContiguousStorageIfAvailable(body) == nil {
            var copy = text
            copy.withUTF8(body)
        }
    }

    /// Scans UTF-8 bytes (valid or not) and hands every term to `sink`.
    func scan<Sink: TermSink>(_ text: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
        guard let base = text.baseAddress, text.count > 0 else { return }
        var scanner = TermScanner(analyzer: self, text: base, count: text.count, sink: sink)
        scanner.run()
        sink = scanner.sink
    }

    /// The analysed form of a folded word: its stem, or nil for a stop word. Words without a
    /// letter are returned unchanged. The bytes stay valid until the next call.
    @inline(__always)
    func resolve(
        _ key: UnsafeBufferPointer<UInt8>, hasLetter: Bool, removingStopWords: Bool = true
    ) -> UnsafeBufferPointer<UInt8>? {
        guard hasLetter else { return key }
        let hash = TermCache.hash(key)
        let entry = cache.lookup(key, hash: hash) ?? analyse(key, hash: hash)
        if entry.isStopWord && removingStopWords { return nil }
        return cache.stem(of: entry)
    }

    private func analyse(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> TermCache.Entry {
        let isStopWord = stopWords.lookup(key, hash: hash) != nil
        return cache.insert(key, hash: hash, stem: stemUncached(key), isStopWord: isStopWord)
    }

    /// libstemmer's stem of the bytes, valid until the stemmer is called again.
    private func stemUncached(_ key: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let base = key.baseAddress, key.count > 0 else { return key }
        guard let stem = sb_stemmer_stem(stemmer, base, Int32(key.count)) else {
            return key  // out of memory inside libstemmer: keep the word as it is
        }
        return UnsafeBufferPointer(start: stem, count: Int(sb_stemmer_length(stemmer)))
    }

    /// Writes `CaseFolding.fold(word)` into `wordBuffer`, scalar by scalar through the Latin table,
    /// and returns its length; nil when the word needs the full NFKC path or is longer than
    /// `maximumTermLength` bytes.
    private func foldIntoWordBuffer(_ word: String) -> Int? {
        var length = 0
        for scalar in word.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                guard length < Self.maximumTermLength else { return nil }
                let byte = UInt8(value)
                wordBuffer[length] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                length += 1
            } else if value == 0x2019 {
                guard length < Self.maximumTermLength else { return nil }
                wordBuffer[length] = UInt8(ascii: "'")
                length += 1
            } else if value < LatinTable.limit && latinIsPure[Int(value)] {
                let start = Int(latinFoldStarts[Int(value)])
                let end = Int(latinFoldStarts[Int(value) + 1])
                guard length + end - start <= Self.maximumTermLength else { return nil }
                (wordBuffer + length).update(from: latinFoldBytes + start, count: end - start)
                length += end - start
            } else {
                return nil
            }
        }
        return length
    }
}

@available(
    *, unavailable, message: "An Analyzer owns a Snowball stemmer, which is not thread-safe: create one per task."
)
extension Analyzer: Sendable {}

extension Analyzer {
    /// The word terms of a text in order, without compounds: the phrase an FTS5 phrase query
    /// over this analysis matches (`"KI-forordningen"` → `["ki", "forordning"]`).
    public func phrase(_ text: String) -> [String] {
        tokens(text).compactMap { $0.kind == .word ? $0.term : nil }
    }
}
