import Foundation

/// Writes a local unit (`kind: local-unit`) into a copy of a fixture catalog: a module in both
/// languages with the template's sections, and a quiz pool in each.
public enum LocalUnitFixture {
    public static let anchors = ["intended-purpose", "known-limits", "local-validation", "report-a-problem", "who-may-stop-it", "contacts"]

    /// - Parameters:
    ///   - omitting: an anchor to leave out (in both languages).
    ///   - questions: the front matter's `questions:` (nil: none); the pool holds `pool` questions.
    ///   - extraFrontMatter: lines added to the front matter as written.
    public static func write(
        _ id: String, into root: URL, omitting: String? = nil, questions: Int? = 2, pool: Int = 3, extraFrontMatter: String = "",
        roles: String = "[]", minutes: Int = 5
    ) throws {
        for language in ["nb", "en"] {
            let sections = anchors.filter { $0 != omitting }.map { "## Section \($0) {#\($0)}\n\nText about \($0).\n" }
            let module = """
                ---
                id: \(id)
                title: Our triage system
                version: "1.0"
                level: basic
                kind: local-unit
                roles: \(roles)
                contexts: []
                obligations: [art-4-2026]
                minutes: \(minutes)
                \(questions.map { "questions: \($0)\n" } ?? "")\(extraFrontMatter)objectives:
                  - Know the system.
                sources:
                  - The register
                ---

                \(sections.joined(separator: "\n"))
                """
            let directory = root.appendingPathComponent("curricula/\(id)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(module.utf8).write(to: directory.appendingPathComponent("\(language).md"))
            let items = (1...max(pool, 1)).prefix(pool).map { n in
                """
                  - id: q\(n)
                    kind: single
                    section: intended-purpose
                    text: Question \(n)?
                    options:
                      - text: Right
                        correct: true
                      - text: Wrong
                    explanation: Because.
                """
            }
            let quiz = "format_version: 1\nmodule: \(id)\nlang: \(language)\nquestions:\n" + items.joined(separator: "\n") + "\n"
            try Data(quiz.utf8).write(to: root.appendingPathComponent("quizzes/\(id).\(language).yaml"))
        }
    }
}
