import Foundation
import KyndigCatalog
import KyndigCore
import KyndigTestSupport
import Testing

/// A local unit: a module of `kind: local-unit` with every section of the template, short, and
/// required through the register rather than by roles; its own quiz size only makes quizzes smaller.
struct LocalUnitTests {
    func check(_ write: (URL) throws -> Void) throws -> (Catalog?, [String]) {
        let directory = try TemporaryDirectory()
        let root = try directory.copyFixture("good-catalog")
        try write(root)
        let (catalog, problems) = CatalogLoader.check(root: root)
        return (catalog, problems.map(\.description))
    }

    @Test func aLocalUnitWithEverySectionLoadsWithItsKindAndQuizSize() throws {
        let (catalog, problems) = try check { try LocalUnitFixture.write("triage-local", into: $0) }
        #expect(problems == [])
        let module = try #require(catalog?.module("triage-local"))
        #expect(module.kind == .localUnit && module.questionsPerQuiz == 2)
        #expect(catalog?.module("basics")?.kind == .course && catalog?.module("basics")?.questionsPerQuiz == nil)
    }

    @Test func aMissingTemplateSectionIsReportedWhereTheKindIsWritten() throws {
        let (catalog, problems) = try check { try LocalUnitFixture.write("triage-local", into: $0, omitting: "who-may-stop-it") }
        #expect(catalog == nil)
        #expect(problems == [
            "curricula/triage-local/en.md:6: local unit lacks the template's section 'who-may-stop-it' (Who may stop it). Add '## … {#who-may-stop-it}' (see docs/local-unit-template/en.md).",
            "curricula/triage-local/nb.md:6: local unit lacks the template's section 'who-may-stop-it' (Who may stop it). Add '## … {#who-may-stop-it}' (see docs/local-unit-template/nb.md).",
        ])
    }

    @Test func aLongLocalUnitOrOneGivenByARoleIsRejected() throws {
        let (_, long) = try check { try LocalUnitFixture.write("triage-local", into: $0, minutes: 25) }
        #expect(long.contains("curricula/triage-local/en.md:10: a local unit takes at most 10 minutes; this one says 25. Shorten it to what staff must know about this system."))
        let (_, byRole) = try check { try LocalUnitFixture.write("triage-local", into: $0, roles: "[clinician]") }
        #expect(byRole.contains("curricula/triage-local/en.md:7: a local unit is required through the AI-system register ('local_unit:' of its system), not by roles. Write 'roles: []' and remove the module from curricula/roles.yaml."))
    }

    @Test func theModulesQuizSizeMustBeSmallerThanThePolicysAndFitItsPool() throws {
        let (_, larger) = try check { try LocalUnitFixture.write("triage-local", into: $0, questions: 4, pool: 4) }
        #expect(larger == [
            "curricula/triage-local/en.md:11: questions 4 is more than the 3 a quiz draws (curricula/policy.yaml). A module may only draw fewer: lower it or remove 'questions'.",
            "curricula/triage-local/nb.md:11: questions 4 is more than the 3 a quiz draws (curricula/policy.yaml). A module may only draw fewer: lower it or remove 'questions'.",
        ])
        // A pool of two is enough for a quiz of two, not for the policy's three.
        #expect(try check { try LocalUnitFixture.write("triage-local", into: $0, questions: 2, pool: 2) }.1 == [])
        let (_, short) = try check { try LocalUnitFixture.write("triage-local", into: $0, questions: nil, pool: 2) }
        #expect(short.contains("quizzes/triage-local.en.yaml:5: the pool has 2 question(s), fewer than the 3 a quiz draws (curricula/policy.yaml). Add questions."))
    }

    @Test func anUnknownKindIsReported() throws {
        let (_, problems) = try check { root in
            try LocalUnitFixture.write("triage-local", into: root)
            let file = root.appendingPathComponent("curricula/triage-local/en.md")
            let text = try String(contentsOf: file, encoding: .utf8)
            try text.replacingOccurrences(of: "kind: local-unit", with: "kind: local").write(to: file, atomically: true, encoding: .utf8)
        }
        #expect(problems.contains("curricula/triage-local/en.md:6:7: kind 'local' is unknown. Use 'course' (the default) or 'local-unit' (a unit on one AI system of the register)."))
    }

    /// The template a hospital copies has exactly the sections catalog check asks for, in order.
    @Test func theTemplateInDocsHasEverySectionTheCheckAsksFor() throws {
        #expect(LocalUnitTemplate.sections.map(\.anchor) == LocalUnitFixture.anchors)
        for language in ["nb", "en"] {
            let text = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/local-unit-template/\(language).md"), encoding: .utf8)
            let anchors = text.split(separator: "\n").filter { $0.hasPrefix("## ") }.compactMap { line -> String? in
                guard let start = line.range(of: "{#"), let end = line.range(of: "}", range: start.upperBound..<line.endIndex) else { return nil }
                return String(line[start.upperBound..<end.lowerBound])
            }
            #expect(anchors == LocalUnitFixture.anchors, "\(language)")
            #expect(text.contains("kind: local-unit"))
        }
    }
}
