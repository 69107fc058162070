import KyndigCore

/// The rules that span files: references resolve, languages and anchors agree, pools are big enough.
struct CrossChecker {
    let log: ProblemLog
    let policy: Policy?
    let obligations: [ObligationsFile.Located]
    let roles: [RolesFile.Entry]
    let contexts: [RolesFile.Entry]
    let modules: [String: [Language: ModuleFile]]
    let quizzes: [String: [Language: QuizFile]]

    mutating func run() {
        checkObligations()
        checkListings(roles, file: "curricula/roles.yaml", noun: "role", frontMatterKey: "roles", moduleKeyPath: \.roleIDs)
        checkListings(contexts, file: "curricula/contexts.yaml", noun: "context", frontMatterKey: "contexts", moduleKeyPath: \.contextIDs)
        checkModuleReferences()
        checkLanguages()
        checkQuizzes()
    }

    private func checkObligations() {
        let file = "curricula/obligations.yaml"
        var byID: [String: ObligationsFile.Located] = [:]
        for entry in obligations {
            if let first = byID[entry.obligation.id] {
                log.add(file, entry.line, nil, "obligation id '\(entry.obligation.id)' is used twice (first on line \(first.line)). Give each obligation its own id.")
            } else {
                byID[entry.obligation.id] = entry
            }
        }
        for entry in obligations {
            guard let next = entry.obligation.supersededBy else { continue }
            let line = entry.supersededLine ?? entry.line
            if next == entry.obligation.id {
                log.add(file, line, nil, "obligation '\(next)' is superseded by itself. Name the obligation that replaces it.")
            } else if let successor = byID[next] {
                if successor.obligation.effectiveFrom <= entry.obligation.effectiveFrom {
                    log.add(file, line, nil, "obligation '\(entry.obligation.id)' is superseded by '\(next)', which takes effect no later (\(successor.obligation.effectiveFrom)). The successor must take effect after \(entry.obligation.effectiveFrom).")
                }
            } else {
                log.add(file, line, nil, "superseded_by '\(next)' is not an obligation. Add it to curricula/obligations.yaml or fix the spelling.")
            }
        }
    }

    /// Roles and contexts: ids unique, listed modules exist once, and module front matter agrees.
    private func checkListings(
        _ entries: [RolesFile.Entry], file: String, noun: String, frontMatterKey: String,
        moduleKeyPath: KeyPath<ModuleFile, [String]>
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
                } else if modules[module.id] == nil {
                    log.add(file, module.line, module.column, "module '\(module.id)' does not exist. Create curricula/\(module.id)/ or fix the spelling\(Suggestion.nearest(module.id, in: modules.keys).map { " (did you mean '\($0)'?)" } ?? "").")
                }
            }
        }
        // The text's front matter must name exactly the roles/contexts that require the module.
        for (moduleID, languages) in modules.sorted(by: { $0.key < $1.key }) {
            let requiredBy = Set(entries.filter { $0.modules.contains { $0.id == moduleID } }.map(\.id))
            for (language, module) in languages.sorted(by: { $0.key < $1.key }) {
                let declared = Set(module[keyPath: moduleKeyPath])
                let known = Set(entries.map(\.id))
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
        let roleIDs = Set(roles.map(\.id))
        let contextIDs = Set(contexts.map(\.id))
        let obligationIDs = Set(obligations.map(\.obligation.id))
        for (moduleID, languages) in modules {
            for (language, module) in languages {
                let path = "curricula/\(moduleID)/\(language.rawValue).md"
                func check(_ ids: [String], key: String, known: Set<String>, noun: String, home: String) {
                    for id in ids where !known.contains(id) {
                        let hint = Suggestion.nearest(id, in: known).map { " Did you mean '\($0)'?" } ?? ""
                        log.add(path, module.referenceLines["\(key):\(id)"] ?? module.frontMatterLine, nil,
                                "unknown \(noun) '\(id)'. Add it to \(home) or fix the spelling.\(hint)")
                    }
                }
                check(module.roleIDs, key: "roles", known: roleIDs, noun: "role", home: "curricula/roles.yaml")
                check(module.contextIDs, key: "contexts", known: contextIDs, noun: "context", home: "curricula/contexts.yaml")
                check(module.obligationIDs, key: "obligations", known: obligationIDs, noun: "obligation", home: "curricula/obligations.yaml")
            }
        }
    }

    /// Every module in every language some module has; versions and anchors agree across languages.
    private func checkLanguages() {
        let languages = Set(modules.values.flatMap(\.keys)).sorted()
        for (moduleID, versions) in modules.sorted(by: { $0.key < $1.key }) {
            for language in languages where versions[language] == nil {
                log.add("curricula/\(moduleID)", 1, nil, "module '\(moduleID)' has no '\(language.rawValue)' version, which other modules have. Write curricula/\(moduleID)/\(language.rawValue).md.")
            }
            guard let reference = versions.sorted(by: { $0.key < $1.key }).first else { continue }
            for (language, module) in versions.sorted(by: { $0.key < $1.key }) where language != reference.key {
                let path = "curricula/\(moduleID)/\(language.rawValue).md"
                let other = reference.key.rawValue
                if let version = module.version, let expected = reference.value.version, version != expected {
                    log.add(path, module.versionLine, nil, "version \(version) differs from the \(other) version \(expected). Both languages must carry the same version.")
                }
                // Who must take a module and what it counts for cannot depend on the language it is read in.
                // Unknown ids are reported on their own; comparing only known ones reports each cause once.
                func agree(_ key: String, _ mine: [String], _ theirs: [String]) {
                    let known = key == "roles" ? Set(roles.map(\.id)) : key == "contexts" ? Set(contexts.map(\.id)) : Set(obligations.map(\.obligation.id))
                    let mine = mine.filter(known.contains), theirs = theirs.filter(known.contains)
                    guard Set(mine) != Set(theirs) else { return }
                    log.add(path, module.keyLines[key] ?? module.frontMatterLine, nil, "\(key) [\(mine.joined(separator: ", "))] differ from the \(other) version [\(theirs.joined(separator: ", "))]. Every language must list the same \(key).")
                }
                agree("roles", module.roleIDs, reference.value.roleIDs)
                agree("contexts", module.contextIDs, reference.value.contextIDs)
                agree("obligations", module.obligationIDs, reference.value.obligationIDs)
                if module.level != reference.value.level {
                    log.add(path, module.keyLines["level"] ?? module.frontMatterLine, nil, "level '\(module.level.rawValue)' differs from the \(other) version '\(reference.value.level.rawValue)'. Use the same level in every language.")
                }
                if module.minutes != reference.value.minutes {
                    log.add(path, module.keyLines["minutes"] ?? module.frontMatterLine, nil, "minutes \(module.minutes) differ from the \(other) version (\(reference.value.minutes)). Give every language the same reading time.")
                }
                let anchors = module.sections.map(\.anchor)
                let expected = reference.value.sections.map(\.anchor)
                if anchors != expected {
                    let line = zip(module.sections, expected).first { $0.0.anchor != $0.1 }?.0.line ?? module.sections.last?.line ?? 1
                    log.add(path, line, nil, "anchors differ from the \(reference.key.rawValue) version (\(language.rawValue): \(anchors.joined(separator: ", ")); \(reference.key.rawValue): \(expected.joined(separator: ", "))). Use the same anchors in the same order in every language.")
                }
            }
        }
    }

    private func checkQuizzes() {
        for (moduleID, versions) in quizzes.sorted(by: { $0.key < $1.key }) {
            for (language, quiz) in versions.sorted(by: { $0.key < $1.key }) {
                let path = "quizzes/\(moduleID).\(language.rawValue).yaml"
                guard let module = modules[moduleID]?[language] else {
                    let hint = Suggestion.nearest(moduleID, in: modules.keys).map { " Did you mean '\($0)'?" } ?? ""
                    log.add(path, quiz.moduleLine, nil, "module '\(moduleID)' has no \(language.rawValue) text (curricula/\(moduleID)/\(language.rawValue).md). Write the module or rename the quiz.\(hint)")
                    continue
                }
                let anchors = Set(module.sections.map(\.anchor))
                for question in quiz.pool.questions where !anchors.contains(question.section) {
                    let position = quiz.sectionPositions[question.id]
                    let hint = Suggestion.nearest(question.section, in: anchors).map { " Did you mean '\($0)'?" } ?? ""
                    log.add(path, position?.line ?? 1, position?.column, "section '\(question.section)' is not an anchor of \(moduleID) (\(language.rawValue)).\(hint) Use one of: \(anchors.sorted().joined(separator: ", ")).")
                }
                if let policy, quiz.pool.questions.count < policy.questionsPerQuiz {
                    log.add(path, quiz.questionsLine, nil, "the pool has \(quiz.pool.questions.count) valid question(s), fewer than the \(policy.questionsPerQuiz) a quiz draws (curricula/policy.yaml). Add questions.")
                }
            }
        }
        for (moduleID, versions) in modules {
            for language in versions.keys where quizzes[moduleID]?[language] == nil {
                log.add("curricula/\(moduleID)/\(language.rawValue).md", 1, nil, "module has no quiz pool. Write quizzes/\(moduleID).\(language.rawValue).yaml.")
            }
        }
    }
}

