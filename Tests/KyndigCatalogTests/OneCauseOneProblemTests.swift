import Foundation
import KyndigCatalog
import KyndigCore
import KyndigTestSupport
import Testing

/// One broken thing is one problem, reported where it is: never a cascade of false problems in
/// the files that refer to it. Each case breaks a copy of the good fixture once.
struct OneCauseOneProblemTests {
    static let noFrontMatter = "the module has no front matter. Start the file with a '---' line, the fields of docs/formats.md, and a closing '---' line."

    static let cases: [Breakage] = [
        Breakage(
            name: "a module text whose front matter does not parse is not also missing",
            edits: [.replace("curricula/basics/en.md", "title: AI basics", with: "title: [AI basics")],
            expected: ["curricula/basics/en.md:4:8: YAML syntax error: did not find expected ',' or ']'. Check indentation and quote text that contains ':' or starts with a special character."]),
        Breakage(
            name: "a module text without front matter is not also missing, and its quiz is not told to rename",
            edits: [.replace("curricula/basics/en.md", "---\nid: basics", with: "--\nid: basics")],
            expected: ["curricula/basics/en.md:1:1: \(noFrontMatter)"]),
        Breakage(
            name: "a module whose every text is broken still exists for roles.yaml",
            edits: [
                .replace("curricula/basics/en.md", "---\nid: basics", with: "--\nid: basics"),
                .replace("curricula/basics/nb.md", "---\nid: basics", with: "--\nid: basics"),
            ],
            expected: ["curricula/basics/en.md:1:1: \(noFrontMatter)", "curricula/basics/nb.md:1:1: \(noFrontMatter)"]),
        Breakage(
            name: "a quiz file that does not parse is not also missing",
            edits: [.replace("quizzes/basics.en.yaml", "questions:", with: "questions: [")],
            expected: ["quizzes/basics.en.yaml:5:3: YAML syntax error: did not find expected node content. Check indentation and quote text that contains ':' or starts with a special character."]),
        Breakage(
            name: "an obligation with a bad date is still known to the modules and obligations citing it",
            edits: [.replace("curricula/obligations.yaml", "effective_from: 2026-07-27", with: "effective_from: 27.07.2026")],
            expected: ["curricula/obligations.yaml:16:21: 'effective_from' must be a date written YYYY-MM-DD, e.g. 2025-02-02."]),
        Breakage(
            name: "an obligation in an unknown jurisdiction is one problem naming the two there are",
            edits: [.replace("curricula/obligations.yaml", "effective_from: 2026-07-27\n    jurisdiction: eu", with: "effective_from: 2026-07-27\n    jurisdiction: eea")],
            expected: ["curricula/obligations.yaml:17:19: jurisdiction 'eea' is unknown (where the obligation's dates hold). Use eu (the European Union) or no (Norway, through the EEA agreement and Norwegian law)."]),
        Breakage(
            name: "an obligation without a jurisdiction is told to add one",
            edits: [.replace("curricula/obligations.yaml", "effective_from: 2026-07-27\n    jurisdiction: eu", with: "effective_from: 2026-07-27")],
            expected: ["curricula/obligations.yaml:11:5: missing field 'jurisdiction'. Add 'jurisdiction:' here."]),
        Breakage(
            name: "route dates that do not start on effective_from are one problem",
            edits: [.replace("curricula/obligations.yaml", "effective_from: 2026-07-27\n    jurisdiction: eu",
                             with: "effective_from: 2026-07-27\n    jurisdiction: eu\n    applies_from: {annex-iii: 2027-12-02, annex-i: 2028-08-02}")],
            expected: ["curricula/obligations.yaml:18:19: 'applies_from' starts on 2027-12-02 but effective_from is 2026-07-27. Set effective_from to the earliest route's day."]),
        Breakage(
            name: "an unknown route is named with the routes there are",
            edits: [.replace("curricula/obligations.yaml", "effective_from: 2026-07-27\n    jurisdiction: eu",
                             with: "effective_from: 2026-07-27\n    jurisdiction: eu\n    applies_from: {annex-iii: 2026-07-27, annex-2: 2028-08-02}")],
            expected: ["curricula/obligations.yaml:18:43: unknown field 'annex-2'. Did you mean 'annex-i'?"]),
        Breakage(
            name: "a policy without a jurisdiction is told to add one",
            edits: [.replace("curricula/policy.yaml", "jurisdiction: \"no\"", with: "")],
            expected: ["curricula/policy.yaml:1:1: missing field 'jurisdiction'. Add 'jurisdiction:' here."]),
        Breakage(
            name: "an obligations file that does not parse makes no obligation unknown",
            edits: [.replace("curricula/obligations.yaml", "en: AI literacy}", with: "en: AI literacy")],
            expected: ["curricula/obligations.yaml:7:12: YAML syntax error: did not find expected ',' or '}'. Check indentation and quote text that contains ':' or starts with a special character."]),
        Breakage(
            name: "a role with a bad name is still known to the modules naming it",
            edits: [.replace("curricula/roles.yaml", "name: {nb: Kliniker, en: Clinician}", with: "name: {nb: Kliniker}")],
            expected: ["curricula/roles.yaml:4:11: missing field 'en'. Add 'en:' here."]),
        Breakage(
            name: "a missing roles file makes no role unknown",
            edits: [.delete("curricula/roles.yaml")],
            expected: ["curricula/roles.yaml:1: file is missing. Create it (see docs/formats.md)."]),
        Breakage(
            name: "a malformed front matter list is not compared with roles.yaml or the other language",
            edits: [.replace("curricula/basics/en.md", "roles: [clinician, admin-staff, leader]", with: "roles: clinician")],
            expected: ["curricula/basics/en.md:6:8: 'roles' must be a list, e.g. 'roles: [a, b]' or one '- item' per line."]),
        Breakage(
            name: "an unknown level is not compared with the other language",
            edits: [.replace("curricula/oversight/en.md", "level: advanced", with: "level: advancd")],
            expected: ["curricula/oversight/en.md:5:8: level 'advancd' is unknown. Use 'basic' or 'advanced'."]),
        Breakage(
            name: "a heading without an anchor is not also an anchor difference or an unknown quiz section",
            edits: [.replace("curricula/basics/nb.md", "## Limits {#limits}", with: "## Limits")],
            expected: ["curricula/basics/nb.md:26:1: heading 'Limits' has no anchor. End it with an anchor such as {#limits}."]),
        Breakage(
            name: "a missing language file is reported once, not again by its quiz",
            edits: [.delete("curricula/basics/nb.md")],
            expected: ["curricula/basics:1: module 'basics' has no 'nb' version, which other modules have. Write curricula/basics/nb.md."]),
        Breakage(
            name: "broken questions do not also make the pool too small",
            edits: [.replace("quizzes/basics.en.yaml", "kind: single", with: "kind: singel")],
            expected: [
                "quizzes/basics.en.yaml:6:11: kind 'singel' is unknown. Use single, multiple or true-false.",
                "quizzes/basics.en.yaml:36:11: kind 'singel' is unknown. Use single, multiple or true-false.",
            ]),
        Breakage(
            name: "a quiz is never told to use the module id it already has",
            edits: [.delete("curricula/basics/nb.md"), .delete("curricula/oversight/nb.md")],
            expected: [
                "quizzes/basics.nb.yaml:2: module 'basics' has no nb text (curricula/basics/nb.md). Write the module or rename the quiz.",
                "quizzes/oversight.nb.yaml:2: module 'oversight' has no nb text (curricula/oversight/nb.md). Write the module or rename the quiz.",
            ]),
        Breakage(
            name: "a quiz named after a misspelt module is told the right one",
            edits: [.copy("quizzes/basics.en.yaml", to: "quizzes/basic.en.yaml", replacing: "module: basics", with: "module: basic")],
            expected: ["quizzes/basic.en.yaml:2: module 'basic' has no en text (curricula/basic/en.md). Write the module or rename the quiz. Did you mean 'basics'?"]),
    ]

    @Test(arguments: cases)
    func oneBrokenThingIsOneProblem(_ breakage: Breakage) throws {
        // Given the good fixture with one thing broken; when it is checked
        let (catalog, problems) = try breakage.check()
        // Then that one thing is reported, and nothing else
        #expect(catalog == nil)
        #expect(problems.map(\.description) == breakage.expected)
    }
}
