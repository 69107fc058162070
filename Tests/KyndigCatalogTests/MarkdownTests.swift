import KyndigCatalog
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
