import KyndigCore

extension TutorSession {
    /// `/read MODULE [SECTION]`: the module's heading and objectives, then one `##` section
    /// (with its `###` subsections) at a time.
    func read(_ arguments: [String]) throws {
        guard let module = module(arguments.first, usage: .read) else { return }
        let sections = module.sections.filter { $0.level == 2 }
        var index = 0
        if arguments.count > 1 {
            guard let found = sections.firstIndex(where: { $0.anchor == arguments[1] }) else {
                return say(strings.unknownSection(arguments[1], sections.map(\.anchor).joined(separator: ", ")))
            }
            index = found
        }
        reading = (module.moduleID, index)
        if index == 0 { say(header(of: module)) }
        showSection(of: module, at: index)
    }

    func move(by step: Int) {
        guard let current = reading, let module = catalog.text(current.moduleID, language: language) else {
            return say(strings.nothingToRead)
        }
        let count = module.sections.filter { $0.level == 2 }.count
        let target = current.section + step
        guard target >= 0 else { return say(strings.firstSection) }
        guard target < count else { return say("\(strings.lastSection) \(module.moduleID)") }
        reading = (module.moduleID, target)
        showSection(of: module, at: target)
    }

    private func header(of module: ModuleText) -> String {
        var lines = [style.bold(module.title) + "  " + style.dim("v\(catalog.modules[module.moduleID]!.version) · \(strings.minutes(catalog.modules[module.moduleID]!.minutes))")]
        if !module.introduction.isEmpty {
            lines.append("")
            lines.append(MarkdownRenderer(style: style).render(module.introduction))
        }
        lines.append("")
        lines.append(strings.objectives + ":")
        lines.append(contentsOf: module.objectives.map { "  • \($0)" })
        return lines.joined(separator: "\n")
    }

    private func showSection(of module: ModuleText, at index: Int) {
        let top = module.sections.filter { $0.level == 2 }
        let section = top[index]
        // The section's own text, then its ### subsections.
        var markdown = "## \(section.title)\n\n\(section.markdown)"
        for sub in module.sections where sub.parentAnchor == section.anchor {
            markdown += "\n\n### \(sub.title)\n\n\(sub.markdown)"
        }
        let rule = style.dim(String(repeating: "─", count: min(60, style.width)))
        say("""
            \(rule)
            \(style.dim("\(strings.sectionOf(index + 1, top.count)) · \(section.citation(moduleID: module.moduleID))"))

            \(MarkdownRenderer(style: style).render(markdown))

            \(style.dim(strings.readHint))
            """)
    }
}
