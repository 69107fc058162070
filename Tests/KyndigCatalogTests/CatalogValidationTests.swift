import Foundation
import KyndigCatalog
import KyndigCore
import KyndigTestSupport
import Testing

struct CatalogValidationTests {
    @Test func goodFixtureLoadsWithSectionsAndCounts() throws {
        let catalog = try CatalogLoader.load(root: TestPaths.fixture("good-catalog"))
        #expect(catalog.moduleIDs == ["basics", "oversight"])
        let basics = try #require(catalog.text("basics", language: .en))
        #expect(catalog.module("basics")?.version == ModuleVersion("1.0"))
        #expect(basics.sections.map(\.anchor) == ["what-ai-is", "models", "limits"])
        #expect(basics.sections.map(\.level) == [2, 3, 2])
        #expect(basics.sections[1].parentAnchor == "what-ai-is")
        #expect(basics.sections[0].title == "What AI is")
        #expect(basics.sections[0].line == 17)
        #expect(basics.sections[2].markdown == "This is a short text about artificial intelligence in the hospital.")
        #expect(basics.wordCount == 64)
        #expect(catalog.quiz("basics", language: .nb)?.questions.count == 4)
        #expect(catalog.quiz("oversight", language: .en)?.questions[1].scenario == true)
        #expect(catalog.policy.questionsPerQuiz == 3)
        #expect(catalog.obligation("art-4")?.supersededBy == "art-4-2026")
    }

    /// Every rule of docs/formats.md broken once in Tests/Fixtures/broken-catalog, each reported
    /// with file and line (and column where the parser gives one), all in one run.
    @Test func brokenFixtureReportsEveryProblemWithItsLocation() {
        let (catalog, diagnostics) = CatalogLoader.check(root: TestPaths.fixture("broken-catalog"))
        #expect(catalog == nil)
        #expect(diagnostics.map(\.description) == Self.expected)
    }

    static let expected = [
        "curricula/basics/en.md:8:1: unknown field 'contexs'. Did you mean 'contexts'?",
        "curricula/basics/nb.md:4:10: version '1' is not MAJOR.MINOR. Write it quoted, e.g. version: \"1.0\".",
        "curricula/basics/nb.md:6: unknown role 'nurse'. Add it to curricula/roles.yaml or fix the spelling.",
        "curricula/basics/nb.md:7: unknown obligation 'art-5'. Add it to curricula/obligations.yaml or fix the spelling. Did you mean 'art-4'?",
        "curricula/basics/nb.md:21:1: anchor 'what-ai-is' is used twice (first on line 17). Give each heading its own anchor.",
        "curricula/basics/nb.md:26:1: heading 'Grenser' has no anchor. End it with an anchor such as {#grenser}.",
        "curricula/extra:1: module 'extra' has no 'nb' version, which other modules have. Write curricula/extra/nb.md.",
        "curricula/extra/en.md:7: front matter lists context 'high-risk', but curricula/contexts.yaml does not give this module to 'high-risk'. Add the module to that context in curricula/contexts.yaml or remove 'high-risk' here.",
        "curricula/glossary.yaml:5:7: YAML syntax error: did not find expected ',' or ']'. Check indentation and quote text that contains ':' or starts with a special character.",
        "curricula/obligations.yaml:9: superseded_by 'art-4-2027' is not an obligation. Add it to curricula/obligations.yaml or fix the spelling. Did you mean 'art-4-2026'?",
        "curricula/oversight/en.md:20: anchors differ from the nb version (en: overseeing, stopping; nb: overseeing, halting). Use the same anchors in the same order in every language.",
        "curricula/roles.yaml:6:23: module 'basic' does not exist. Create curricula/basic/ or fix the spelling (did you mean 'basics'?).",
        "quizzes/basics.en.yaml:10:7: question 'q1' has no correct option. Mark the right answer with 'correct: true'.",
        "quizzes/basics.en.yaml:34:9: question id 'q1' is used twice (first on line 5). Give each question its own id.",
        "quizzes/basics.en.yaml:36:14: section 'limitations' is not an anchor of basics (en). Use one of: limits, models, what-ai-is.",
        "quizzes/oversight.en.yaml:10:7: single question 'q1' has 2 correct options. Mark exactly one, or make it kind: multiple.",
        "quizzes/oversight.nb.yaml:5: the pool has 2 question(s), fewer than the 3 a quiz draws (curricula/policy.yaml). Add questions.",
        "quizzes/oversight.nb.yaml:19:7: true-false question 'q3' has 3 options. Give it exactly two (true and false).",
    ]

    @Test func missingCurriculaDirectoryIsOneClearError() throws {
        let empty = try TemporaryDirectory()
        let (_, diagnostics) = CatalogLoader.check(root: empty.url)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("no 'curricula' directory") == true)
        // The loader does not know which option its caller takes: the commands word that.
        #expect(diagnostics.first?.message.contains("--") == false)
    }

    @Test func newerFormatVersionAsksForAnUpdate() throws {
        let directory = try TemporaryDirectory()
        let root = try directory.copyFixture("good-catalog")
        let policy = root.appendingPathComponent("curricula/policy.yaml")
        try String(contentsOf: policy, encoding: .utf8).replacingOccurrences(of: "format_version: 1", with: "format_version: 2")
            .write(to: policy, atomically: true, encoding: .utf8)
        let (_, diagnostics) = CatalogLoader.check(root: root)
        #expect(diagnostics.map(\.description) == ["curricula/policy.yaml:1:17: format_version 2 is newer than this Kyndig understands (1). Update Kyndig."])
    }

    /// Who must take a module and what it counts for are one fact, whatever language it is read in.
    @Test func languagesThatDisagreeOnTheFactsOfAModuleAreRejected() throws {
        let directory = try TemporaryDirectory()
        let root = try directory.copyFixture("good-catalog")
        let english = root.appendingPathComponent("curricula/basics/en.md")
        try String(contentsOf: english, encoding: .utf8)
            .replacingOccurrences(of: "obligations: [art-4-2026]", with: "obligations: [art-4-2026, art-4]")
            .replacingOccurrences(of: "level: basic", with: "level: advanced")
            .replacingOccurrences(of: "minutes: 5", with: "minutes: 7")
            .write(to: english, atomically: true, encoding: .utf8)
        let (catalog, diagnostics) = CatalogLoader.check(root: root)
        #expect(catalog == nil)
        #expect(diagnostics.map(\.description) == [
            "curricula/basics/en.md:5: level 'advanced' differs from the nb version 'basic'. Use the same level in every language.",
            "curricula/basics/en.md:7: obligations [art-4-2026, art-4] differ from the nb version [art-4-2026]. Every language must list the same obligations.",
            "curricula/basics/en.md:8: minutes 7 differ from the nb version (5). Give every language the same reading time.",
        ])
    }
}
