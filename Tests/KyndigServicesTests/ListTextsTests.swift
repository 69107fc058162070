@testable import KyndigServices
import Testing

/// The export's texts of lists, kept by the list's storage: every list gets its own text,
/// whether it shares storage, has equal content in other storage, or differs.
struct ListTextsTests {
    @Test func eachListGetsTheTextOfItsOwnContent() {
        var joined = HRExports.Joined<String>()
        var made = 0
        func text(_ list: [String]) -> String {
            joined.text(of: list) { list in
                made += 1
                return list.joined(separator: " ")
            }
        }
        let shared = ["art-4", "art-26-2"]
        #expect(text(shared) == "art-4 art-26-2" && text(shared) == "art-4 art-26-2" && made == 1)
        // Equal content in storage of its own, other content, and the empty list.
        #expect(text(["art-4"] + ["art-26-2"]) == "art-4 art-26-2")
        #expect(text(["art-4"]) == "art-4" && text([]) == "" && text(shared) == "art-4 art-26-2")
        // A list mutated in place keeps its storage but not its content.
        var changing = ["a", "b"]
        #expect(text(changing) == "a b")
        changing[1] = "c"
        #expect(text(changing) == "a c")
    }
}
