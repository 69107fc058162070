import Testing
@testable import KyndigImport

/// Which addresses the roster accepts: the same answer for ASCII (checked on bytes) as for other text.
struct EmailTests {
    @Test(arguments: [
        ("a@b.no", true), ("kari.nordmann@ous-hf.no", true), ("@b.no", false), ("a@b", false), ("a@.b", false), ("a@b.", false),
        ("a@b..no", false), ("a b@c.no", false), ("a@b@c.no", false), ("a\t@b.no", false), ("a@b.no\n", false), ("", false),
        ("ø@b.no", true), ("øy@b..no", false), ("a\u{A0}b@c.no", false), ("å@b", false), ("æ@@b.no", false),
    ])
    func plausibleAddresses(text: String, plausible: Bool) {
        #expect(RosterValidator.isPlausibleEmail(text) == plausible)
    }
}
