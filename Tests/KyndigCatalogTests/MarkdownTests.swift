import Foundation
@testable import KyndigCatalog
import KyndigCore
import KyndigTestSupport
import Testing

struct MarkdownTests {
    @Test func parsesBlocksInlineAndSourceLines() {
        let document = MarkdownNode.parse("Intro *one* **two** `code`.\n\n## Head {#h}\n\n- a\n- b\n")
        #expect(document.children.count == 3)
        #expect(document.children[1].kind == .heading(level: 2))
        #expect(document.children[1].line == 3)
        #expect(document.children[1].plainText == "Head {#h}")
        #expect(document.children[2].kind == .list(ordered: false, start: 0))
        #expect(document.children[0].plainText == "Intro one two code.")
        #expect(document.wordCount == 7)
    }

    @Test func emptyAndHostileInputParse() {
        #expect(MarkdownNode.parse("").children.isEmpty)
        #expect(MarkdownNode.parse(String(repeating: "[", count: 10_000)).children.count == 1)
    }
}

/// Words counted from UTF-8 bytes equal words counted scalar by scalar (the plain reading of the
/// rule), on text with every width of UTF-8, Unicode spaces, anchors and marks.
struct WordCountTests {
    /// The rule as first written: a word is a run without white space that holds a letter or
    /// digit and is not a heading anchor (`{#...}`).
    static func reference(_ text: String) -> Int {
        var count = 0, inWord = false, hasAlphanumeric = false, isAnchor = false
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if scalar.isSpace {
                if inWord && hasAlphanumeric && !isAnchor { count += 1 }
                inWord = false; hasAlphanumeric = false; isAnchor = false
            } else {
                if !inWord { inWord = true; isAnchor = scalar == "{" }
                if isAnchor && previous == "{" && scalar != "#" { isAnchor = false }
                if scalar.isLetterOrDigit { hasAlphanumeric = true }
            }
            previous = scalar
        }
        return count + (inWord && hasAlphanumeric && !isAnchor ? 1 : 0)
    }

    @Test(arguments: [
        "", " ", "ord", "Blåbær-syltetøy på brød", "a\u{00A0}b\u{2003}c\u{3000}d", "— – … «sitat»",
        "## Tittel {#tittel} og {ikke-anker} {#}", "e\u{301}n gang, café", "😀 emoji 😀ord 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "tab\tline\nbreak\r\nend",
        "中文 字符 한국어", "x{#y} {{#z}}", "123 4,5 -- ** __",
    ])
    func bytesCountAsScalarsDo(_ text: String) {
        #expect(MarkdownNode.countWords(text) == Self.reference(text))
    }

    @Test func theShippedCourseCountsTheSame() throws {
        let curricula = TestPaths.packageRoot.appendingPathComponent("curricula")
        let files = try FileManager.default.subpathsOfDirectory(atPath: curricula.path).filter { $0.hasSuffix(".md") }
        #expect(files.count >= 20)
        for file in files {
            let text = try String(contentsOf: curricula.appendingPathComponent(file), encoding: .utf8)
            #expect(MarkdownNode.countWords(text) == Self.reference(text), "\(file)")
        }
    }
}
