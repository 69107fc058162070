/// One pass over UTF-8 bytes that finds words and compounds, folds them, and hands their
/// analysed terms to a sink. Linear in the input and allocation-free for Latin-script words.
///
/// See `Analyzer` for the rules. Invalid UTF-8 bytes are separators.
struct TermScanner<Sink: TermSink> {
    /// A character seen after a word whose role depends on what comes next.
    private enum Joiner {
        case apostrophe
        case connector(UInt8, numbersOnly: Bool)
    }

    unowned(unsafe) let analyzer: Analyzer
    let text: UnsafePointer<UInt8>
    let count: Int
    var sink: Sink

    private let limit = Analyzer.maximumTermLength
    private var stopped = false

    // The word being read.
    private var inWord = false
    private var wordStart = 0
    private var wordScalarStart = 0
    private var wordEnd = 0
    private var wordScalarEnd = 0
    private var wordLength = 0
    private var wordTooLong = false
    private var wordHasLetter = false
    private var wordNeedsNFKC = false
    private var lastWasNumber = false

    private var pending: Joiner?
    private var afterParenthesis = false

    // The compound being read.
    private var chainWords = 0
    private var chainStart = 0
    private var chainScalarStart = 0
    private var chainEnd = 0
    private var chainScalarEnd = 0
    private var compoundLength = 0
    private var compoundTooLong = false
    private var chainHasLetter = false
    private var openParentheses = 0
    private var chainEmitted = false

    init(analyzer: Analyzer, text: UnsafePointer<UInt8>, count: Int, sink: Sink) {
        self.analyzer = analyzer
        self.text = text
        self.count = count
        self.sink = sink
    }

    mutating func run() {
        var index = 0
        var scalarIndex = 0
        let classes = analyzer.latinClasses
        while index < count && !stopped {
            let byte = text[index]
            var length = 1
            var value = UInt32(byte)
            let scalarClass: ScalarClass
            if byte < 0x80 {
                scalarClass = classes[Int(byte)]
            } else {
                (value, length) = decode(at: index)
                if length == 0 {
                    scalarClass = .separator
                    length = 1
                } else if value < LatinTable.limit {
                    scalarClass = classes[Int(value)]
                } else {
                    scalarClass = ScalarClass.nonASCII(Unicode.Scalar(value).unsafelyUnwrapped)
                }
            }
            handle(scalarClass, value: value, at: index, length: length, scalarIndex: scalarIndex)
            index += length
            scalarIndex += 1
            if scalarClass.isWordCharacter && inWord && pending == nil {
                // The rest of an ASCII word, without the general state machine.
                while index < count {
                    let next = text[index]
                    guard next < 0x80 else { break }
                    let nextClass = classes[Int(next)]
                    if nextClass == .letter {
                        appendToWord(next | 0x20)
                        wordHasLetter = true
                        lastWasNumber = false
                    } else if nextClass == .number {
                        appendToWord(next)
                        lastWasNumber = true
                    } else {
                        break
                    }
                    index += 1
                    scalarIndex += 1
                }
                wordEnd = index
                wordScalarEnd = scalarIndex
            }
        }
        finishChain()
    }

    // MARK: - Characters

    @inline(__always)
    private mutating func handle(
        _ scalarClass: ScalarClass, value: UInt32, at index: Int, length: Int, scalarIndex: Int
    ) {
        if let joiner = pending {
            pending = nil
            switch joiner {
            case .apostrophe:
                if scalarClass.isWordCharacter {
                    appendToWord(UInt8(ascii: "'"))
                } else {
                    finishChain()
                }
            case .connector(let byte, let numbersOnly):
                if scalarClass.isWordCharacter && (!numbersOnly || scalarClass == .number) {
                    appendToCompound(byte)
                    if byte == UInt8(ascii: "(") { openParentheses += 1 }
                } else {
                    finishChain()
                }
            }
        } else if afterParenthesis {
            afterParenthesis = false
            if let byte = connectorByte(scalarClass), scalarClass != .comma, scalarClass != .colon {
                pending = .connector(byte, numbersOnly: false)
                return
            }
            finishChain()
        }

        switch scalarClass {
        case .letter, .number, .mark:
            if !inWord { startWord(at: index, scalarIndex: scalarIndex) }
            if value < 0x80 {
                let byte = UInt8(truncatingIfNeeded: value)
                appendToWord(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
            } else if value < LatinTable.limit {
                let start = Int(analyzer.latinFoldStarts[Int(value)])
                let end = Int(analyzer.latinFoldStarts[Int(value) + 1])
                for offset in start..<end { appendToWord(analyzer.latinFoldBytes[offset]) }
            } else {
                wordNeedsNFKC = true
            }
            if scalarClass == .letter { wordHasLetter = true }
            lastWasNumber = scalarClass == .number
            wordEnd = index + length
            wordScalarEnd = scalarIndex + 1
        case .ignorable:
            if !inWord { finishChain() }
        case .apostrophe:
            if inWord { pending = .apostrophe } else { finishChain() }
        case .hyphen, .slash, .dot, .openParenthesis:
            if inWord {
                finishWord()
                pending = .connector(connectorByte(scalarClass)!, numbersOnly: false)
            } else {
                finishChain()
            }
        case .comma, .colon:
            if inWord && lastWasNumber {
                finishWord()
                pending = .connector(connectorByte(scalarClass)!, numbersOnly: true)
            } else {
                finishChain()
            }
        case .closeParenthesis:
            if inWord && openParentheses > 0 {
                finishWord()
                appendToCompound(UInt8(ascii: ")"))
                openParentheses -= 1
                chainEnd = index + length
                chainScalarEnd = scalarIndex + 1
                afterParenthesis = true
            } else {
                finishChain()
            }
        case .separator:
            finishChain()
        }
    }

    /// The byte a joining character stands for in a compound, if it joins.
    @inline(__always)
    private func connectorByte(_ scalarClass: ScalarClass) -> UInt8? {
        switch scalarClass {
        case .hyphen: UInt8(ascii: "-")
        case .slash: UInt8(ascii: "/")
        case .dot: UInt8(ascii: ".")
        case .comma: UInt8(ascii: ",")
        case .colon: UInt8(ascii: ":")
        case .openParenthesis: UInt8(ascii: "(")
        default: nil
        }
    }

    /// Decodes the scalar starting at `index` (not ASCII); length 0 for invalid UTF-8.
    @inline(__always)
    private func decode(at index: Int) -> (UInt32, Int) {
        let lead = UInt32(text[index])
        let remaining = count - index
        @inline(__always) func continuation(_ offset: Int) -> UInt32? {
            let byte = text[index + offset]
            return byte & 0xC0 == 0x80 ? UInt32(byte & 0x3F) : nil
        }
        switch lead {
        case 0xC2...0xDF:
            guard remaining >= 2, let c1 = continuation(1) else { return (0, 0) }
            return ((lead & 0x1F) << 6 | c1, 2)
        case 0xE0...0xEF:
            guard remaining >= 3, let c1 = continuation(1), let c2 = continuation(2) else { return (0, 0) }
            let value = (lead & 0x0F) << 12 | c1 << 6 | c2
            guard value >= 0x800, !(0xD800...0xDFFF).contains(value) else { return (0, 0) }
            return (value, 3)
        case 0xF0...0xF4:
            guard remaining >= 4, let c1 = continuation(1), let c2 = continuation(2),
                let c3 = continuation(3)
            else { return (0, 0) }
            let value = (lead & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            guard value >= 0x10000, value <= 0x10FFFF else { return (0, 0) }
            return (value, 4)
        default:
            return (0, 0)
        }
    }

    // MARK: - Words

    @inline(__always)
    private mutating func startWord(at index: Int, scalarIndex: Int) {
        inWord = true
        wordStart = index
        wordScalarStart = scalarIndex
        wordLength = 0
        wordTooLong = false
        wordHasLetter = false
        wordNeedsNFKC = false
        if chainWords == 0 {
            chainStart = index
            chainScalarStart = scalarIndex
        }
    }

    @inline(__always)
    private mutating func appendToWord(_ byte: UInt8) {
        if wordLength < limit {
            analyzer.wordBuffer[wordLength] = byte
            wordLength += 1
        } else {
            wordTooLong = true
        }
    }

    @inline(__always)
    private mutating func appendToCompound(_ byte: UInt8) {
        if compoundLength < limit {
            analyzer.compoundBuffer[compoundLength] = byte
            compoundLength += 1
        } else {
            compoundTooLong = true
        }
    }

    /// Ends the current word: emits its term and adds it to the compound.
    private mutating func finishWord() {
        inWord = false
        if wordNeedsNFKC { refoldWord() }
        if wordTooLong {
            compoundTooLong = true
        } else if !compoundTooLong {
            if compoundLength + wordLength > limit {
                compoundTooLong = true
            } else {
                (analyzer.compoundBuffer + compoundLength).update(from: analyzer.wordBuffer, count: wordLength)
                compoundLength += wordLength
            }
        }
        chainWords += 1
        chainEnd = wordEnd
        chainScalarEnd = wordScalarEnd
        if wordHasLetter { chainHasLetter = true }
        guard !wordTooLong, wordLength > 0, !stopped else { return }
        let key = UnsafeBufferPointer(start: UnsafePointer(analyzer.wordBuffer), count: wordLength)
        if let term = analyzer.resolve(key, hasLetter: wordHasLetter) {
            emit(
                ScannedTerm(
                    bytes: term, kind: .word, isColocated: false, utf8Start: wordStart, utf8End: wordEnd,
                    scalarStart: wordScalarStart, scalarEnd: wordScalarEnd))
            chainEmitted = true
        }
    }

    /// Folds a word with characters beyond the Latin table through `CaseFolding.foldWord`.
    private mutating func refoldWord() {
        wordNeedsNFKC = false
        wordLength = 0
        let span = wordEnd - wordStart
        // Folding shrinks a word at most this much in practice; longer spans cannot fit.
        guard span <= 8 * limit else {
            wordTooLong = true
            return
        }
        wordTooLong = false
        let source = String(decoding: UnsafeBufferPointer(start: text + wordStart, count: span), as: UTF8.self)
        for byte in CaseFolding.foldWord(source).utf8 { appendToWord(byte) }
    }

    /// Ends the current compound (and word): emits the compound's term when it joined two or more
    /// words with balanced parentheses.
    private mutating func finishChain() {
        if inWord { finishWord() }
        pending = nil
        afterParenthesis = false
        if chainWords >= 2, !compoundTooLong, openParentheses == 0, compoundLength > 0, !stopped {
            let key = UnsafeBufferPointer(start: UnsafePointer(analyzer.compoundBuffer), count: compoundLength)
            if let term = analyzer.resolve(key, hasLetter: chainHasLetter) {
                emit(
                    ScannedTerm(
                        bytes: term, kind: .compound, isColocated: chainEmitted, utf8Start: chainStart,
                        utf8End: chainEnd, scalarStart: chainScalarStart, scalarEnd: chainScalarEnd))
            }
        }
        chainWords = 0
        compoundLength = 0
        compoundTooLong = false
        chainHasLetter = false
        openParentheses = 0
        chainEmitted = false
    }

    @inline(__always)
    private mutating func emit(_ term: ScannedTerm) {
        if !sink.accept(term) { stopped = true }
    }
}
