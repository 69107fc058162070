import KyndigCore

/// What a local unit (`kind: local-unit`) must hold: the sections of the template in
/// `docs/local-unit-template/`, each a `##` section with this anchor, and no more than a short
/// read. The Commission's AI literacy Q&A (May 2025) says that telling staff to read the
/// instructions for use is generally not enough; a local unit is the hospital's own few minutes
/// on one system in its register.
public enum LocalUnitTemplate {
    /// The anchors of the template's sections, in the template's order, with their English titles.
    public static let sections: [(anchor: String, title: String)] = [
        ("intended-purpose", "What the system is for"),
        ("known-limits", "Known limits"),
        ("local-validation", "How it did here"),
        ("report-a-problem", "How to report a problem"),
        ("who-may-stop-it", "Who may stop it"),
        ("contacts", "Contacts"),
    ]
    /// A local unit is short: at most this many minutes' reading and this many words.
    public static let maxMinutes = 10
    public static let maxWords = 900
}

extension CrossChecker {
    /// A local unit has every section of the template, is short, and is required through the
    /// register (`local_unit`), so no role or context lists it.
    func checkLocalUnits() {
        for (moduleID, languages) in modules.loaded.sorted(by: { $0.key < $1.key }) {
            for (language, module) in languages.sorted(by: { $0.key < $1.key }) where module.kind == .localUnit {
                let path = "curricula/\(moduleID)/\(language.rawValue).md"
                let kindLine = module.keyLines["kind"] ?? module.frontMatterLine
                // With a bad anchor (reported at its heading), the heading may be the section that looks missing.
                if module.anchorsComplete {
                    let present = Set(module.sections.filter { $0.level == 2 }.map(\.anchor))
                    for section in LocalUnitTemplate.sections where !present.contains(section.anchor) {
                        let nested = module.sections.contains { $0.anchor == section.anchor }
                        log.add(path, nested ? module.sections.first { $0.anchor == section.anchor }!.line : kindLine, nil, nested
                            ? "local unit: section '\(section.anchor)' is a '###' subsection. Make it a '##' section, as the template has it."
                            : "local unit lacks the template's section '\(section.anchor)' (\(section.title)). Add '## … {#\(section.anchor)}' (see docs/local-unit-template/\(language.rawValue).md).")
                    }
                }
                if let minutes = module.minutes, minutes > LocalUnitTemplate.maxMinutes {
                    log.add(path, module.keyLines["minutes"] ?? kindLine, nil, "a local unit takes at most \(LocalUnitTemplate.maxMinutes) minutes; this one says \(minutes). Shorten it to what staff must know about this system.")
                }
                if module.wordCount > LocalUnitTemplate.maxWords {
                    log.add(path, kindLine, nil, "a local unit has at most \(LocalUnitTemplate.maxWords) words; this one has \(module.wordCount). Shorten it to what staff must know about this system.")
                }
                for (key, ids) in [("roles", module.roleIDs ?? []), ("contexts", module.contextIDs ?? [])] where !ids.isEmpty {
                    log.add(path, module.keyLines[key] ?? kindLine, nil, "a local unit is required through the AI-system register ('local_unit:' of its system), not by \(key). Write '\(key): []' and remove the module from curricula/\(key).yaml.")
                }
            }
        }
    }

    /// A module's own quiz size (`questions:`) only makes its quiz smaller than the policy's.
    func checkOwnQuizSizes() {
        guard let policy else { return }
        for (moduleID, languages) in modules.loaded.sorted(by: { $0.key < $1.key }) {
            for (language, module) in languages.sorted(by: { $0.key < $1.key }) {
                guard let own = module.questionsPerQuiz, own > policy.questionsPerQuiz else { continue }
                log.add("curricula/\(moduleID)/\(language.rawValue).md", module.keyLines["questions"] ?? module.frontMatterLine, nil,
                        "questions \(own) is more than the \(policy.questionsPerQuiz) a quiz draws (curricula/policy.yaml). A module may only draw fewer: lower it or remove 'questions'.")
            }
        }
    }
}
