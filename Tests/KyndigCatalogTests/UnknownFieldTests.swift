import Foundation
import KyndigCatalog
import KyndigCore
import KyndigTestSupport
import Testing

/// A misspelt key would drop its value without a word. Every key of every course file is checked,
/// reported at its line and column with the field it was probably meant to be, and that field is
/// not reported again as missing (nor its default compared with anything).
struct UnknownFieldTests {
    static let moduleFields = "id, title, version, level, kind, roles, contexts, obligations, minutes, questions, objectives, sources"

    static let cases: [Breakage] = [
        Breakage(
            name: "module front matter, optional field",
            edits: [.replace("curricula/oversight/en.md", "contexts: [high-risk]", with: "contexs: [high-risk]")],
            expected: ["curricula/oversight/en.md:7:1: unknown field 'contexs'. Did you mean 'contexts'?"]),
        Breakage(
            name: "module front matter, required field",
            edits: [.replace("curricula/basics/nb.md", "objectives:", with: "objectivs:")],
            expected: ["curricula/basics/nb.md:9:1: unknown field 'objectivs'. Did you mean 'objectives'?"]),
        Breakage(
            name: "module front matter, a field Kyndig does not have",
            edits: [.replace("curricula/basics/en.md", "title: AI basics\n", with: "title: AI basics\nsummary: Short.\n")],
            expected: ["curricula/basics/en.md:4:1: unknown field 'summary'. Remove it or use one of: \(moduleFields)."]),
        Breakage(
            name: "quiz file",
            edits: [.replace("quizzes/basics.en.yaml", "lang: en", with: "language: en")],
            expected: ["quizzes/basics.en.yaml:3:1: unknown field 'language'. Did you mean 'lang'?"]),
        Breakage(
            name: "quiz question",
            edits: [.replace("quizzes/basics.en.yaml", "    scenario: true", with: "    scenari: true")],
            expected: ["quizzes/basics.en.yaml:16:5: unknown field 'scenari'. Did you mean 'scenario'?"]),
        Breakage(
            name: "quiz option, without a false 'no correct option'",
            edits: [.replace("quizzes/oversight.nb.yaml", "Right\n        correct: true\n      - text: Wrong", with: "Right\n        corect: true\n      - text: Wrong")],
            expected: ["quizzes/oversight.nb.yaml:11:9: unknown field 'corect'. Did you mean 'correct'?"]),
        Breakage(
            name: "roles file entry, without false front-matter disagreements",
            edits: [.replace("curricula/roles.yaml", "    modules: [basics]\n  - id: leader", with: "    modles: [basics]\n  - id: leader")],
            expected: ["curricula/roles.yaml:10:5: unknown field 'modles'. Did you mean 'modules'?"]),
        Breakage(
            name: "contexts file entry",
            edits: [.replace("curricula/contexts.yaml", "modules: [oversight]", with: "modles: [oversight]")],
            expected: ["curricula/contexts.yaml:6:5: unknown field 'modles'. Did you mean 'modules'?"]),
        Breakage(
            name: "bilingual text",
            edits: [.replace("curricula/roles.yaml", "{nb: Kliniker, en: Clinician}", with: "{nb: Kliniker, eb: Clinician}")],
            expected: ["curricula/roles.yaml:4:26: unknown field 'eb'. Did you mean 'en'?"]),
        Breakage(
            name: "obligations file entry, a shortened name",
            edits: [.replace("curricula/obligations.yaml", "effective_from: 2026-07-27", with: "effective: 2026-07-27")],
            expected: ["curricula/obligations.yaml:16:5: unknown field 'effective'. Did you mean 'effective_from'?"]),
        Breakage(
            name: "obligations file entry, optional field",
            edits: [.replace("curricula/obligations.yaml", "superseded_by:", with: "supersede_by:")],
            expected: ["curricula/obligations.yaml:9:5: unknown field 'supersede_by'. Did you mean 'superseded_by'?"]),
        Breakage(
            name: "policy",
            edits: [.replace("curricula/policy.yaml", "time_zone:", with: "timezone:")],
            expected: ["curricula/policy.yaml:9:1: unknown field 'timezone'. Did you mean 'time_zone'?"]),
        Breakage(
            name: "glossary term",
            edits: [.replace("curricula/glossary.yaml", "    en: [AI", with: "    eng: [AI")],
            expected: ["curricula/glossary.yaml:5:5: unknown field 'eng'. Did you mean 'en'?"]),
        Breakage(
            name: "top level of a curricula file",
            edits: [.replace("curricula/glossary.yaml", "format_version: 1", with: "format_verison: 1")],
            expected: ["curricula/glossary.yaml:1:1: unknown field 'format_verison'. Did you mean 'format_version'?"]),
    ]

    @Test(arguments: cases)
    func unknownFieldIsReportedWithTheFieldItWasMeantToBe(_ breakage: Breakage) throws {
        let (catalog, problems) = try breakage.check()
        #expect(catalog == nil)
        #expect(problems.map(\.description) == breakage.expected)
    }
}
