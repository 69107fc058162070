import KyndigCore
import Testing

/// Control characters in imported text and trimming: the byte-level fast paths answer as the
/// character-level rules do.
struct PlainTextTests {
    @Test(arguments: [
        ("plain text", nil), ("Ærlig Øye-Åsen", nil), ("a\u{7}b", 2), ("æ\u{1B}[2J", 2), ("x\u{202E}y", 2), ("é\u{85}", 2),
        ("مرحبا\u{061C}", 6), ("\u{2066}", 1), ("line\u{2028}sep", nil), ("tab\there", 4), ("del\u{7F}", 4), ("\u{200F}", 1),
        ("€100 – ok", nil), ("", nil),
    ] as [(String, Int?)])
    func controlsAreFoundWhereAPersonCountsThem(text: String, position: Int?) {
        #expect(PlainText.firstControl(in: text)?.position == position)
    }

    @Test(arguments: [
        (" a ", "a"), ("a", "a"), ("\u{A0}a", "a"), ("a\u{A0}", "a"), ("", ""), ("  ", ""), ("\ta b\n", "a b"), ("å", "å"),
        ("a\u{2003}", "a"),
    ])
    func trimmingRemovesWhiteSpaceAtBothEnds(text: String, trimmed: String) {
        #expect(text.trimmed == trimmed)
    }
}
