import ArgumentParser
import CStemmer
import Foundation
import GRDB
import KyndigCore
import KyndigText

/// Benchmark of the text analysis (build with `-c release`): the analyzer over the seed texts and
/// the full word lists, libstemmer alone for comparison, and FTS5 indexing of 10,000 passages.
struct TextBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Measure the text analyzer and the FTS5 tokenizer.",
        discussion: """
            Words are runs of letters and digits in the input; terms are what the analyzer emits \
            (stop words removed, compounds added). Rates are per second of wall-clock time on one \
            thread. The seeds are analysed repeatedly, each pass with a new analyzer (cold cache), \
            until --minimum-seconds have passed.
            """
    )

    @Option(help: "Folder of seed texts (*.txt, bokmål).")
    var seeds = "../shared/seeds"

    @Option(help: "Bokmål word list (UTF-8 or ISO-8859-1).")
    var bokmaal = "/usr/share/dict/bokmaal"

    @Option(help: "English word list.")
    var english = "/usr/share/dict/british-english"

    @Option(help: "Passages to index through the FTS5 tokenizer.")
    var passages = 10_000

    @Option(help: "Minimum time spent on each repeated measurement, in seconds.")
    var minimumSeconds = 1.0

    init() {}

    func run() throws {
        let seedText = try Self.readSeeds(at: seeds)
        let bokmaalWords = try Self.readWordList(at: bokmaal)
        let englishWords = try Self.readWordList(at: english)

        print("Analyzer (tokenise, fold, stop words, stem), one thread:")
        print(Self.header)
        print(measureText("seeds (nb)", seedText.text, language: .nb, note: "\(seedText.files) files"))
        print(measureText("bokmaal list (nb)", bokmaalWords.joined(separator: "\n"), language: .nb))
        print(measureText("british-english (en)", englishWords.joined(separator: "\n"), language: .en))
        print(measureStems("stem() per word (nb)", bokmaalWords, language: .nb))
        print(measureStems("stem() per word (en)", englishWords, language: .en))
        print(measureLibstemmer("libstemmer alone (nb)", bokmaalWords, language: .nb))
        print(measureLibstemmer("libstemmer alone (en)", englishWords, language: .en))
        print()
        try measureIndexing(seedText.text)
    }

    // MARK: - Measurements

    static let header =
        "corpus".padding(toLength: 24, withPad: " ", startingAt: 0)
        + "      words      terms   seconds     words/s     terms/s"

    private static func row(_ name: String, words: Int, terms: Int, seconds: Double, note: String = "") -> String {
        func column(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        return name.padding(toLength: 24, withPad: " ", startingAt: 0)
            + column("\(words)", 11) + column("\(terms)", 11)
            + column(String(format: "%.3f", seconds), 10)
            + column(String(format: "%.2f M", Double(words) / seconds / 1e6), 12)
            + column(String(format: "%.2f M", Double(terms) / seconds / 1e6), 12)
            + (note.isEmpty ? "" : "  \(note)")
    }

    /// `Analyzer.terms(_:)` over a text, repeated until `minimumSeconds` have passed.
    private func measureText(_ name: String, _ text: String, language: Language, note: String = "") -> String {
        let wordsPerPass = Self.countWords(text)
        var passes = 0
        var terms = 0
        let clock = ContinuousClock()
        let start = clock.now
        repeat {
            let analyzer = Analyzer(language: language)
            terms += analyzer.terms(text).count
            passes += 1
        } while (clock.now - start).seconds < minimumSeconds
        let seconds = (clock.now - start).seconds
        return Self.row(
            name, words: wordsPerPass * passes, terms: terms, seconds: seconds,
            note: [note, "\(passes) passes"].filter { !$0.isEmpty }.joined(separator: ", "))
    }

    /// `Analyzer.stem(_:)` on every word, as `analyze --stems` does.
    private func measureStems(_ name: String, _ words: [String], language: Language) -> String {
        let analyzer = Analyzer(language: language)
        let clock = ContinuousClock()
        let start = clock.now
        var bytes = 0
        for word in words { bytes &+= analyzer.stem(word).utf8.count }
        let seconds = (clock.now - start).seconds
        return Self.row(name, words: words.count, terms: words.count, seconds: seconds, note: "\(bytes) stem bytes")
    }

    /// libstemmer called directly on every lower-cased word: the floor the analyzer is held to.
    private func measureLibstemmer(_ name: String, _ words: [String], language: Language) -> String {
        let encoded = words.map { Array($0.lowercased().utf8) }
        let stemmer = sb_stemmer_new(language.snowballAlgorithm, "UTF_8")
        defer { sb_stemmer_delete(stemmer) }
        let clock = ContinuousClock()
        let start = clock.now
        var bytes = 0
        for word in encoded {
            word.withUnsafeBufferPointer { buffer in
                _ = sb_stemmer_stem(stemmer, buffer.baseAddress, Int32(buffer.count))
                bytes &+= Int(sb_stemmer_length(stemmer))
            }
        }
        let seconds = (clock.now - start).seconds
        return Self.row(name, words: words.count, terms: words.count, seconds: seconds, note: "\(bytes) stem bytes")
    }

    /// Indexes `passages` passages cut from the seeds into an FTS5 table in a real SQLite file.
    private func measureIndexing(_ text: String) throws {
        let passages = Self.makePassages(from: text, count: passages)
        let words = passages.reduce(0) { $0 + Self.countWords($1) }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kyndig-text-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bench.sqlite").path

        var configuration = Configuration()
        configuration.prepareDatabase { db in db.addKyndigTokenizers() }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE passage USING fts5(body, tokenize='kyndig_nb')")
        }
        let clock = ContinuousClock()
        let start = clock.now
        try queue.write { db in
            let statement = try db.makeStatement(sql: "INSERT INTO passage(body) VALUES (?)")
            for passage in passages {
                try statement.execute(arguments: [passage])
            }
        }
        let indexing = (clock.now - start).seconds

        let queries = ["forordning", "kunstig intelligens", "\"KI-forordningen\"", "pasient*", "helse AND data"]
        let queryStart = clock.now
        var hits = 0
        let rounds = 200
        try queue.read { db in
            let statement = try db.makeStatement(
                sql: "SELECT rowid FROM passage WHERE passage MATCH ? ORDER BY bm25(passage) LIMIT 10")
            for _ in 0..<rounds {
                for query in queries {
                    hits += try Int.fetchAll(statement, arguments: [query]).count
                }
            }
        }
        let querying = (clock.now - queryStart).seconds
        try queue.close()
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0

        print("FTS5 indexing through kyndig_nb into a SQLite file, one transaction:")
        print(
            String(
                format: "  %d passages (%d words) in %.3f s: %.0f passages/s, %.2f M words/s, file %.1f MB",
                passages.count, words, indexing, Double(passages.count) / indexing,
                Double(words) / indexing / 1e6, Double(size) / 1e6))
        print(
            String(
                format: "  %d MATCH queries with bm25 ranking (top 10): %.3f ms each, %d hits",
                rounds * queries.count, querying * 1000 / Double(rounds * queries.count), hits))
    }

    // MARK: - Inputs

    private static func readSeeds(at path: String) throws -> (text: String, files: Int) {
        let files = try FileManager.default.contentsOfDirectory(atPath: path)
            .filter { $0.hasSuffix(".txt") }
            .sorted()
        guard !files.isEmpty else {
            throw ValidationError("no *.txt files in '\(path)'. Pass --seeds with the folder of seed texts.")
        }
        let texts = try files.map { try readText(at: (path as NSString).appendingPathComponent($0)) }
        return (texts.joined(separator: "\n\n"), files.count)
    }

    private static func readWordList(at path: String) throws -> [String] {
        try readText(at: path).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// A text file as UTF-8, or ISO-8859-1 when it is not (Debian's bokmaal).
    private static func readText(at path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read '\(path)'. Check the path, or install wnorwegian and wbritish.")
        }
        return String(data: data, encoding: .utf8) ?? String(decoding: data.map { $0 }, asLatin1: ())
    }

    /// Runs of letters and digits: the words of a text, counted independently of the analyzer.
    static func countWords(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isWordCharacter: Bool
            if scalar.isASCII {
                let value = scalar.value
                isWordCharacter =
                    (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
                    || (value >= 0x61 && value <= 0x7A)
            } else {
                isWordCharacter = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
            if isWordCharacter && !inWord { count += 1 }
            inWord = isWordCharacter
        }
        return count
    }

    /// Passages of 40 to 120 words taken from varying places of the text.
    static func makePassages(from text: String, count: Int) -> [String] {
        let words = text.split(whereSeparator: { $0.isWhitespace })
        guard !words.isEmpty else { return [] }
        var passages: [String] = []
        passages.reserveCapacity(count)
        var start = 0
        for index in 0..<count {
            let length = 40 + (index * 7919) % 81
            var passage: [Substring] = []
            passage.reserveCapacity(length)
            for offset in 0..<length { passage.append(words[(start + offset) % words.count]) }
            passages.append(passage.joined(separator: " "))
            start = (start + 97 + index % 13) % words.count
        }
        return passages
    }
}

extension String {
    /// Decodes ISO-8859-1 bytes.
    fileprivate init(decoding bytes: [UInt8], asLatin1: Void) {
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        self = String(scalars)
    }
}

extension Duration {
    fileprivate var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
