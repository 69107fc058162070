import ArgumentParser
import KyndigCore
import KyndigText

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension KyndigCommand {
    /// `analyze`: shows the text analysis the search index uses, on standard input.
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "analyze",
            abstract: "Print the index terms of the text on standard input.",
            discussion: """
                Runs the analysis the search index uses (NFKC, lower case, words and compounds, Snowball \
                stop words and stems) so you can see why a question does or does not match a passage.

                By default each input line gives one output line: its terms separated by spaces. \
                --json prints a JSON array with one object per term: the term, its kind (word or \
                compound), the source text and its UTF-8 byte and Unicode scalar offsets in the input. \
                --stems reads one word per line and prints exactly one stem per line: the word folded \
                (NFKC, lower case, ’ as ') and stemmed whole, stop words included, for checking against \
                other Snowball implementations. Input is UTF-8; a trailing carriage return is ignored.

                Examples:
                  echo 'Hva krever KI-forordningen?' | kyndig analyze
                  kyndig analyze --lang en --json < passage.txt
                  kyndig analyze --stems < /usr/share/dict/words
                """
        )

        @Option(name: .long, help: "The language of the text: nb (bokmål) or en (English).")
        var lang: Language = .nb

        @Flag(name: .long, help: "Print a JSON array of terms with their offsets.")
        var json = false

        @Flag(name: .long, help: "Read one word per line; print exactly one stem per line.")
        var stems = false

        init() {}

        func validate() throws {
            if json && stems {
                throw ValidationError(
                    "--json and --stems cannot be combined: --stems prints one plain stem per line. Drop one of them.")
            }
        }

        func run() throws {
            let analyzer = Analyzer(language: lang)
            var output = AnalyzeOutput()
            var input = AnalyzeInput()
            var offsets = (utf8: 0, scalars: 0)
            var first = true
            if json { output.append("[") }
            while let lines = try input.nextLines() {
                for line in lines {
                    var content = line.bytes
                    if content.last == UInt8(ascii: "\r") { content = content.dropLast() }
                    if stems {
                        output.append(analyzer.stem(String(decoding: content, as: UTF8.self)))
                        output.append("\n")
                    } else if json {
                        for token in analyzer.tokens(utf8: content) {
                            output.append(first ? "\n" : ",\n")
                            first = false
                            output.appendJSON(token, in: content, offsets: offsets)
                        }
                    } else {
                        output.append(analyzer.tokens(utf8: content).map(\.term).joined(separator: " "))
                        output.append("\n")
                    }
                    offsets.utf8 += line.bytes.count + (line.hasNewline ? 1 : 0)
                    offsets.scalars += Self.scalarCount(line.bytes) + (line.hasNewline ? 1 : 0)
                }
                try output.flush()
            }
            if json { output.append(first ? "]\n" : "\n]\n") }
            try output.flush()
        }

        /// Scalars in possibly invalid UTF-8, counted as the analyzer counts them (one per invalid byte).
        private static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
            var count = 0
            var decoder = UTF8()
            var iterator = bytes.makeIterator()
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: count += 1
                case .error: count += 1
                case .emptyInput: break loop
                }
            }
            return count
        }
    }
}

/// One line of standard input, without its newline.
private struct AnalyzeInputLine {
    var bytes: ArraySlice<UInt8>
    var hasNewline: Bool
}

/// Reads standard input in blocks and hands out the complete lines of each block, so memory
/// stays flat whatever the input size.
private struct AnalyzeInput {
    private var pending: [UInt8] = []
    private var atEnd = false

    /// The next complete lines, or nil at the end of input.
    mutating func nextLines() throws -> [AnalyzeInputLine]? {
        while !atEnd {
            var block = [UInt8](repeating: 0, count: 1 << 16)
            let count = block.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw AnalyzeError.readFailed(errno)
            }
            if count == 0 {
                atEnd = true
                break
            }
            pending.append(contentsOf: block[0..<count])
            guard let lastNewline = pending.lastIndex(of: UInt8(ascii: "\n")) else { continue }
            let complete = pending[...lastNewline]
            let lines = complete.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .dropLast()
                .map { AnalyzeInputLine(bytes: ArraySlice($0), hasNewline: true) }
            pending.removeSubrange(...lastNewline)
            return lines
        }
        if pending.isEmpty { return nil }
        defer { pending = [] }
        return [AnalyzeInputLine(bytes: pending[...], hasNewline: false)]
    }
}

/// Buffers standard output and writes it in blocks.
private struct AnalyzeOutput {
    private var buffer: [UInt8] = []

    mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    /// One token as a JSON object; `offsets` is where `line` starts in the whole input.
    mutating func appendJSON(
        _ token: Token, in line: ArraySlice<UInt8>, offsets: (utf8: Int, scalars: Int)
    ) {
        let start = line.startIndex
        let source = line[(start + token.utf8Range.lowerBound)..<(start + token.utf8Range.upperBound)]
        append("{\"term\":")
        appendJSONString(token.term)
        append(",\"kind\":\"\(token.kind.rawValue)\",\"text\":")
        appendJSONString(String(decoding: source, as: UTF8.self))
        append(
            ",\"utf8\":[\(offsets.utf8 + token.utf8Range.lowerBound),\(offsets.utf8 + token.utf8Range.upperBound)]"
        )
        append(
            ",\"scalars\":[\(offsets.scalars + token.scalarRange.lowerBound),\(offsets.scalars + token.scalarRange.upperBound)]}"
        )
    }

    private mutating func appendJSONString(_ text: String) {
        buffer.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): buffer.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\n"): buffer.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): buffer.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): buffer.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                buffer.append(contentsOf: "\\u00".utf8)
                buffer.append(hex[Int(byte >> 4)])
                buffer.append(hex[Int(byte & 0x0F)])
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Writes everything buffered to standard output.
    mutating func flush() throws {
        var written = 0
        while written < buffer.count {
            let count = buffer.withUnsafeBytes { write(1, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                throw AnalyzeError.writeFailed(errno)
            }
            written += count
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Why `analyze` stopped.
private enum AnalyzeError: Error, CustomStringConvertible {
    case readFailed(Int32)
    case writeFailed(Int32)

    var description: String {
        switch self {
        case .readFailed(let code):
            "analyze: reading standard input failed (\(String(cString: strerror(code)))). Pipe a UTF-8 text file into it."
        case .writeFailed(let code):
            "analyze: writing standard output failed (\(String(cString: strerror(code)))). Check the disk or the pipe it writes to."
        }
    }
}
