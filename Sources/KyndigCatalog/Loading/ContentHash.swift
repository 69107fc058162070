import Crypto
import Foundation

/// The fingerprint that pins a learner's evidence to exactly the text and questions they took.
public enum ContentHash {
    /// Normalises text so that editor noise does not change the hash but any visible change does:
    /// Unicode NFC, CRLF/CR → LF, trailing whitespace per line removed, trailing blank lines removed.
    public static func normalise(_ text: String) -> String {
        let unbommed = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let unified = unbommed.precomposedStringWithCanonicalMapping
            .replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
        var lines = unified.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var end = line.endIndex
            while end > line.startIndex, line[line.index(before: end)] == " " || line[line.index(before: end)] == "\t" {
                end = line.index(before: end)
            }
            return String(line[..<end])
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
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
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
