import KyndigCore

extension TutorSession {
    /// `/read MODULE [SECTION]`: the module's heading and objectives, then one `##` section
    /// (with its `###` subsections) at a time.
    func read(_ arguments: [String]) {
        guard let module = module(arguments.first, usage: .read) else { return }
        let text = module.text(preferring: language)
        let sections = text.topSections
        var index = 0
        if arguments.count > 1 {
            guard let found = sections.firstIndex(where: { $0.anchor == arguments[1] }) else {
                return say(strings.unknownSection(arguments[1], sections.map(\.anchor).joined(separator: ", ")))
            }
            index = found
        }
        reading = (module.id, index)
        if index == 0 { say(header(of: module, text)) }
        showSection(of: text, at: index)
    }

    func move(by step: Int) {
        guard let current = reading, let text = catalog.text(current.moduleID, language: language) else {
            return say(strings.nothingToRead)
        }
        let count = text.topSections.count
        let target = current.section + step
        guard target >= 0 else { return say(strings.firstSection) }
        guard target < count else { return say("\(strings.lastSection) \(text.moduleID)") }
        reading = (text.moduleID, target)
        showSection(of: text, at: target)
    }

    private func header(of module: Module, _ text: ModuleText) -> String {
        var lines = [style.bold(text.title) + "  " + style.dim("v\(module.version) · \(strings.minutes(module.minutes))")]
        if !text.introduction.isEmpty {
            lines.append("")
            lines.append(MarkdownRenderer(style: style).render(text.introduction))
        }
        lines.append("")
        lines.append(strings.objectives + ":")
        lines.append(contentsOf: text.objectives.map { "  • \($0)" })
        return lines.joined(separator: "\n")
    }

    private func showSection(of text: ModuleText, at index: Int) {
        let top = text.topSections
        let section = top[index]
        // The section's own text, then its ### subsections.
        var markdown = "## \(section.title)\n\n\(section.markdown)"
        for sub in text.sections where sub.parentAnchor == section.anchor {
            markdown += "\n\n### \(sub.title)\n\n\(sub.markdown)"
        }
        let rule = style.dim(String(repeating: "─", count: min(60, style.width)))
        say("""
            \(rule)
            \(style.dim("\(strings.sectionOf(index + 1, top.count)) · \(section.citation(moduleID: text.moduleID))"))

            \(MarkdownRenderer(style: style).render(markdown))

            \(style.dim(strings.readHint))
            """)
    }
}
