import KyndigCore

/// The rules that span files: references resolve, languages and anchors agree, pools are big enough.
///
/// Each cause is reported once, where it is: what was declared but failed to load (an obligation
/// with a bad date, a module file whose front matter does not parse, a malformed field) counts as
/// present, and nothing is checked against it (see `DeclaredIDs`, `PerLanguageFiles`).
struct CrossChecker {
    let log: ProblemLog
    let policy: Policy?
    let obligations: ParsedEntries<ObligationsFile.Located>
    let roles: ParsedEntries<RolesFile.Entry>
    let contexts: ParsedEntries<RolesFile.Entry>
    let measures: ParsedEntries<RolesFile.Entry>
    let modules: PerLanguageFiles<ModuleFile>
    let quizzes: PerLanguageFiles<QuizFile>
    /// The quiz pools were parsed (a command that draws no quiz leaves them out, and their checks).
    let quizPools: Bool

    mutating func run() {
        checkObligations()
        checkListings(roles.entries, file: "curricula/roles.yaml", noun: "role", frontMatterKey: "roles", moduleKeyPath: \.roleIDs)
        checkListings(contexts.entries, file: "curricula/contexts.yaml", noun: "context", frontMatterKey: "contexts", moduleKeyPath: \.contextIDs)
        checkMeasures()
        checkModuleReferences()
        checkLanguages()
        if quizPools { checkQuizzes() }
        checkLocalUnits()
        checkOwnQuizSizes()
    }

    /// A measure lists modules that exist (it stands in for them; no module names its measures),
    /// and a role names only measures that exist.
    private func checkMeasures() {
        let file = "curricula/measures.yaml"
        var seen: [String: Int] = [:]
        for measure in measures.entries {
            if let first = seen[measure.id] {
                log.add(file, measure.line, nil, "measure id '\(measure.id)' is used twice (first on line \(first)). Give each measure its own id.")
            }
            seen[measure.id] = seen[measure.id] ?? measure.line
            for module in measure.modules where !modules.ids.contains(module.id) {
                let hint = Suggestion.nearest(module.id, in: modules.ids).map { " Did you mean '\($0)'?" } ?? ""
                log.add(file, module.line, module.column, "unknown module '\(module.id)'.\(hint) A measure lists the modules it may stand in for.")
            }
        }
        for role in roles.entries {
            for measure in role.measures where measures.ids.isUnknown(measure.id) {
                let known = measures.entries.map(\.id)
                let hint = known.isEmpty ? " Declare it in curricula/measures.yaml." : " Use one of: \(known.joined(separator: ", "))."
                log.add("curricula/roles.yaml", measure.line, measure.column, "unknown measure '\(measure.id)'.\(hint)")
            }
        }
    }

    private func checkObligations() {
        let file = "curricula/obligations.yaml"
        var byID: [String: ObligationsFile.Located] = [:]
        for entry in obligations.entries {
            if let first = byID[entry.obligation.id] {
                log.add(file, entry.line, nil, "obligation id '\(entry.obligation.id)' is used twice (first on line \(first.line)). Give each obligation its own id.")
            } else {
                byID[entry.obligation.id] = entry
            }
        }
        for entry in obligations.entries {
            guard let next = entry.obligation.supersededBy else { continue }
            let line = entry.supersededLine ?? entry.line
            if next == entry.obligation.id {
                log.add(file, line, nil, "obligation '\(next)' is superseded by itself. Name the obligation that replaces it.")
            } else if let successor = byID[next] {
                if successor.obligation.effectiveFrom <= entry.obligation.effectiveFrom {
                    log.add(file, line, nil, "obligation '\(entry.obligation.id)' is superseded by '\(next)', which takes effect no later (\(successor.obligation.effectiveFrom)). The successor must take effect after \(entry.obligation.effectiveFrom).")
                }
            } else if obligations.ids.isUnknown(next) {
                // Never the obligation itself: it cannot supersede itself.
                let hint = Suggestion.other(than: next, in: obligations.ids.all.subtracting([entry.obligation.id]))
                    .map { " Did you mean '\($0)'?" } ?? ""
                log.add(file, line, nil, "superseded_by '\(next)' is not an obligation. Add it to curricula/obligations.yaml or fix the spelling.\(hint)")
            }
        }
    }

    /// Roles and contexts: ids unique, listed modules exist once, and module front matter agrees.
    private func checkListings(
        _ entries: [RolesFile.Entry], file: String, noun: String, frontMatterKey: String,
        moduleKeyPath: KeyPath<ModuleFile, [String]?>
    ) {
        var seen: [String: Int] = [:]
        for entry in entries {
            if let first = seen[entry.id] {
                log.add(file, entry.line, nil, "\(noun) id '\(entry.id)' is used twice (first on line \(first)). Give each \(noun) its own id.")
            }
            seen[entry.id] = entry.line
            var listed = Set<String>()
            for module in entry.modules {
                if !listed.insert(module.id).inserted {
                    log.add(file, module.line, module.column, "\(noun) '\(entry.id)' lists module '\(module.id)' twice. Remove one.")
                } else if !modules.ids.contains(module.id) {
                    let hint = Suggestion.other(than: module.id, in: modules.ids).map { " (did you mean '\($0)'?)" } ?? ""
                    log.add(file, module.line, module.column, "module '\(module.id)' does not exist. Create curricula/\(module.id)/ or fix the spelling\(hint).")
                }
            }
        }
        // The text's front matter must name exactly the roles/contexts that require the module.
        // Only entries that loaded are compared: a broken entry's module list may be incomplete.
        let known = Set(entries.map(\.id))
        for (moduleID, languages) in modules.loaded.sorted(by: { $0.key < $1.key }) {
            let requiredBy = Set(entries.filter { $0.modules.contains { $0.id == moduleID } }.map(\.id))
            for (language, module) in languages.sorted(by: { $0.key < $1.key }) {
                guard let declaredIDs = module[keyPath: moduleKeyPath] else { continue }
                let declared = Set(declaredIDs)
                let missing = requiredBy.subtracting(declared).sorted()
                let extra = declared.subtracting(requiredBy).intersection(known).sorted()
                let path = "curricula/\(moduleID)/\(language.rawValue).md"
                if !missing.isEmpty {
                    log.add(path, module.frontMatterLine, nil, "front matter '\(frontMatterKey)' lacks \(missing.joined(separator: ", ")), which \(file) says take this module. Add them to '\(frontMatterKey)'.")
                }
                for id in extra {
                    log.add(path, module.referenceLines["\(frontMatterKey):\(id)"] ?? module.frontMatterLine, nil, "front matter lists \(noun) '\(id)', but \(file) does not give this module to '\(id)'. Add the module to that \(noun) in \(file) or remove '\(id)' here.")
                }
            }
        }
    }

    private func checkModuleReferences() {
        for (moduleID, languages) in modules.loaded {
            for (language, module) in languages {
                let path = "curricula/\(moduleID)/\(language.rawValue).md"
                func check(_ ids: [String]?, key: String, declared: DeclaredIDs, noun: String, home: String) {
                    for id in ids ?? [] where declared.isUnknown(id) {
                        let hint = declared.suggestion(for: id).map { " Did you mean '\($0)'?" } ?? ""
                        log.add(path, module.referenceLines["\(key):\(id)"] ?? module.frontMatterLine, nil,
                                "unknown \(noun) '\(id)'. Add it to \(home) or fix the spelling.\(hint)")
                    }
                }
                check(module.roleIDs, key: "roles", declared: roles.ids, noun: "role", home: "curricula/roles.yaml")
                check(module.contextIDs, key: "contexts", declared: contexts.ids, noun: "context", home: "curricula/contexts.yaml")
                check(module.obligationIDs, key: "obligations", declared: obligations.ids, noun: "obligation", home: "curricula/obligations.yaml")
            }
        }
    }

    /// Every module in every language some module has; versions and anchors agree across languages.
    private func checkLanguages() {
        let languages = modules.languages.sorted()
        for moduleID in modules.ids.sorted() {
            for language in languages where !modules.exists(moduleID, language) {
                log.add("curricula/\(moduleID)", 1, nil, "module '\(moduleID)' has no '\(language.rawValue)' version, which other modules have. Write curricula/\(moduleID)/\(language.rawValue).md.")
            }
            let versions = (modules.loaded[moduleID] ?? [:]).sorted(by: { $0.key < $1.key })
            guard let reference = versions.first else { continue }
            for (language, module) in versions where language != reference.key {
                let path = "curricula/\(moduleID)/\(language.rawValue).md"
                let other = reference.key.rawValue
                if let version = module.version, let expected = reference.value.version, version != expected {
                    log.add(path, module.versionLine, nil, "version \(version) differs from the \(other) version \(expected). Both languages must carry the same version.")
                }
                // Who must take a module and what it counts for cannot depend on the language it is read in.
                // Unknown ids are reported on their own; comparing only the others reports each cause once.
                func agree(_ key: String, _ mine: [String]?, _ theirs: [String]?, declared: DeclaredIDs) {
                    guard let mine = mine?.filter({ !declared.isUnknown($0) }), let theirs = theirs?.filter({ !declared.isUnknown($0) }),
                          Set(mine) != Set(theirs) else { return }
                    log.add(path, module.keyLines[key] ?? module.frontMatterLine, nil, "\(key) [\(mine.joined(separator: ", "))] differ from the \(other) version [\(theirs.joined(separator: ", "))]. Every language must list the same \(key).")
                }
                agree("roles", module.roleIDs, reference.value.roleIDs, declared: roles.ids)
                agree("contexts", module.contextIDs, reference.value.contextIDs, declared: contexts.ids)
                agree("obligations", module.obligationIDs, reference.value.obligationIDs, declared: obligations.ids)
                if let level = module.level, let expected = reference.value.level, level != expected {
                    log.add(path, module.keyLines["level"] ?? module.frontMatterLine, nil, "level '\(level.rawValue)' differs from the \(other) version '\(expected.rawValue)'. Use the same level in every language.")
                }
                if let kind = module.kind, let expected = reference.value.kind, kind != expected {
                    log.add(path, module.keyLines["kind"] ?? module.frontMatterLine, nil, "kind '\(kind.rawValue)' differs from the \(other) version '\(expected.rawValue)'. Use the same kind in every language.")
                }
                if module.questionsPerQuiz != reference.value.questionsPerQuiz {
                    let mine = module.questionsPerQuiz.map(String.init) ?? "the policy's", theirs = reference.value.questionsPerQuiz.map(String.init) ?? "the policy's"
                    log.add(path, module.keyLines["questions"] ?? module.frontMatterLine, nil, "questions \(mine) differ from the \(other) version (\(theirs)). Every language must draw the same number of questions.")
                }
                if let minutes = module.minutes, let expected = reference.value.minutes, minutes != expected {
                    log.add(path, module.keyLines["minutes"] ?? module.frontMatterLine, nil, "minutes \(minutes) differ from the \(other) version (\(expected)). Give every language the same reading time.")
                }
                // A heading with a bad anchor is reported in its own file; comparing then would report it twice.
                let anchors = module.sections.map(\.anchor)
                let expected = reference.value.sections.map(\.anchor)
                if module.anchorsComplete && reference.value.anchorsComplete && anchors != expected {
                    let line = zip(module.sections, expected).first { $0.0.anchor != $0.1 }?.0.line ?? module.sections.last?.line ?? 1
                    log.add(path, line, nil, "anchors differ from the \(other) version (\(language.rawValue): \(anchors.joined(separator: ", ")); \(other): \(expected.joined(separator: ", "))). Use the same anchors in the same order in every language.")
                }
            }
        }
    }

    private func checkQuizzes() {
        for (moduleID, versions) in quizzes.loaded.sorted(by: { $0.key < $1.key }) {
            for (language, quiz) in versions.sorted(by: { $0.key < $1.key }) {
                let path = "quizzes/\(moduleID).\(language.rawValue).yaml"
                if let module = modules.loaded[moduleID]?[language] {
                    checkSections(of: quiz, against: module, path: path)
                } else if !modules.exists(moduleID, language) {
                    // A module that has other languages is told its missing one by checkLanguages,
                    // unless no module has this language.
                    if modules.ids.contains(moduleID) && modules.languages.contains(language) { continue }
                    let hint = modules.ids.contains(moduleID) ? "" : Suggestion.other(than: moduleID, in: modules.ids).map { " Did you mean '\($0)'?" } ?? ""
                    log.add(path, quiz.moduleLine, nil, "module '\(moduleID)' has no \(language.rawValue) text (curricula/\(moduleID)/\(language.rawValue).md). Write the module or rename the quiz.\(hint)")
                    continue
                }
                // Questions with problems of their own still count: the pool is short only if too few were written.
                let own = modules.loaded[moduleID]?[language]?.questionsPerQuiz
                if let policy, let size = own ?? Optional(policy.questionsPerQuiz), quiz.writtenCount < size {
                    let whose = own == nil ? "curricula/policy.yaml" : "the module's 'questions'"
                    log.add(path, quiz.questionsLine, nil, "the pool has \(quiz.writtenCount) question(s), fewer than the \(size) a quiz draws (\(whose)). Add questions.")
                }
            }
        }
        for moduleID in modules.ids.sorted() {
            for language in modules.languages.sorted() where modules.exists(moduleID, language) && !quizzes.exists(moduleID, language) {
                log.add("curricula/\(moduleID)/\(language.rawValue).md", 1, nil, "module has no quiz pool. Write quizzes/\(moduleID).\(language.rawValue).yaml.")
            }
        }
    }

    /// Every question's section is an anchor of the module text in the quiz's language.
    private func checkSections(of quiz: QuizFile, against module: ModuleFile, path: String) {
        // With a bad anchor in the module (reported there), a section may name the anchor it lacks.
        guard module.anchorsComplete else { return }
        let anchors = Set(module.sections.map(\.anchor))
        for question in quiz.pool.questions where !anchors.contains(question.section) {
            let position = quiz.sectionPositions[question.id]
            let hint = Suggestion.other(than: question.section, in: anchors).map { " Did you mean '\($0)'?" } ?? ""
            log.add(path, position?.line ?? 1, position?.column, "section '\(question.section)' is not an anchor of \(quiz.pool.moduleID) (\(quiz.pool.language.rawValue)).\(hint) Use one of: \(anchors.sorted().joined(separator: ", ")).")
        }
    }
}
