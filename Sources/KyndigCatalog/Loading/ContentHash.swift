import Crypto
import Foundation

/// The fingerprint that pins a learner's evidence to exactly the text and questions they took.
public enum ContentHash {
    /// Normalises text so that editor noise does not change the hash but any visible change does:
    /// BOM removed, Unicode NFC, CRLF/CR → LF, trailing spaces and tabs removed from each line,
    /// trailing blank lines removed.
    public static func normalise(_ text: String) -> String {
        var source = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if needsComposition(source) { source = source.precomposedStringWithCanonicalMapping }
        // Line work on UTF-8 bytes: Foundation's string replacement was most of the load time.
        var output: [UInt8] = []
        output.reserveCapacity(source.utf8.count)
        var lineStart = 0
        var previousWasCR = false
        func endLine() {
            while output.count > lineStart, output.last == 0x20 || output.last == 0x09 { output.removeLast() }
            output.append(0x0A)
            lineStart = output.count
        }
        for byte in source.utf8 {
            switch byte {
            case 0x0D: endLine(); previousWasCR = true; continue
            case 0x0A where previousWasCR: break
            case 0x0A: endLine()
            default: output.append(byte)
            }
            previousWasCR = false
        }
        while output.count > lineStart, output.last == 0x20 || output.last == 0x09 { output.removeLast() }
        while output.last == 0x0A { output.removeLast() }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether NFC could change the text: only combining marks, composition exclusions (which
    /// include singletons such as U+212B ANGSTROM SIGN) and Hangul jamo can. Most course text has
    /// none, which spares the slow Foundation conversion.
    static func needsComposition(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            scalar.value >= 0x300 && (
                scalar.properties.canonicalCombiningClass != .notReordered
                    || scalar.properties.isFullCompositionExclusion
                    || (0x1100...0x11FF).contains(scalar.value) || (0xAC00...0xD7A3).contains(scalar.value))
        }
    }

    /// SHA-256 (hex) over the normalised module text and quiz pool, separated so that moving
    /// text from one file to the other changes the hash.
    public static func of(moduleText: String, quizText: String) -> String {
        of(normalisedModule: normalise(moduleText), normalisedQuiz: normalise(quizText))
    }

    static func of(normalisedModule: String, normalisedQuiz: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("kyndig-module-v1\n".utf8))
        hasher.update(data: Data(normalisedModule.utf8))
        hasher.update(data: Data("\n\u{0}quiz\n".utf8))
        hasher.update(data: Data(normalisedQuiz.utf8))
        return hex(hasher.finalize())
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lower-case hex of the bytes (Foundation's `String(format:)` per byte cost more than the hash).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
