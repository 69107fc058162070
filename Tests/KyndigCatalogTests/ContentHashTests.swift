import Foundation
import KyndigCatalog
import KyndigCore
import KyndigTestSupport
import Testing

struct ContentHashTests {
    let module = "---\nid: a\n---\n\n## Title {#t}\n\nBody text.\n"
    let quiz = "format_version: 1\nquestions: []\n"

    @Test func sameInputGivesTheSameHash() {
        #expect(ContentHash.of(moduleText: module, quizText: quiz) == ContentHash.of(moduleText: module, quizText: quiz))
        #expect(ContentHash.of(moduleText: module, quizText: quiz).count == 64)
    }

    @Test func oneChangedCharacterGivesANewHash() {
        let base = ContentHash.of(moduleText: module, quizText: quiz)
        #expect(ContentHash.of(moduleText: module.replacingOccurrences(of: "Body", with: "Bodý"), quizText: quiz) != base)
        #expect(ContentHash.of(moduleText: module, quizText: quiz + "x") != base)
        #expect(ContentHash.of(moduleText: module.replacingOccurrences(of: "text.", with: "text!"), quizText: quiz) != base)
    }

    @Test func editorNoiseDoesNotChangeTheHash() {
        let base = ContentHash.of(moduleText: module, quizText: quiz)
        let crlf = module.replacingOccurrences(of: "\n", with: "\r\n")
        let trailing = module.replacingOccurrences(of: "Body text.", with: "Body text.   ") + "\n\n\n"
        #expect(ContentHash.of(moduleText: crlf, quizText: quiz) == base)
        #expect(ContentHash.of(moduleText: "\u{FEFF}" + trailing, quizText: quiz) == base)
        // NFC and NFD spellings of "ø" and "é" are the same text.
        #expect(ContentHash.of(moduleText: "caf\u{E9}", quizText: "") == ContentHash.of(moduleText: "cafe\u{301}", quizText: ""))
    }

    @Test func movingTextBetweenModuleAndQuizChangesTheHash() {
        #expect(ContentHash.of(moduleText: "ab", quizText: "c") != ContentHash.of(moduleText: "a", quizText: "bc"))
    }

    @Test func catalogHashesFollowTheFiles() throws {
        let directory = try TemporaryDirectory()
        let root = try directory.copyFixture("good-catalog")
        let before = try CatalogLoader.load(root: root)
        let again = try CatalogLoader.load(root: root)
        #expect(before.text("basics", language: .en)?.contentHash == again.text("basics", language: .en)?.contentHash)
        let quiz = root.appendingPathComponent("quizzes/basics.en.yaml")
        try String(contentsOf: quiz, encoding: .utf8).replacingOccurrences(of: "Because.", with: "Because!")
            .write(to: quiz, atomically: true, encoding: .utf8)
        let after = try CatalogLoader.load(root: root)
        #expect(before.text("basics", language: .en)?.contentHash != after.text("basics", language: .en)?.contentHash)
        #expect(before.text("basics", language: .nb)?.contentHash == after.text("basics", language: .nb)?.contentHash)
    }
}

/// The content hash of stored evidence must come out the same in every later Kyndig.
struct ContentHashGoldenTests {
    @Test func hashOfAKnownTextIsPinned() {
        let module = "---\nid: a\n---\n\n## Tittel {#t}\n\nKI-forordningen, særlig art. 4.\n"
        #expect(ContentHash.of(moduleText: module, quizText: "format_version: 1\nquestions: []\n") == "b2f7e3d73c4863d3b1ccd489a529e92a3180e39649fa18ab78a6086b57564b89")
    }
}
