import KyndigCore

extension TutorSession {
    /// `/read MODULE [SECTION]`: the module's heading and objectives, then one `##` section
    /// (with its `###` subsections) at a time. SECTION may be any anchor a citation names: a `###`
    /// anchor opens its enclosing section with that subsection marked.
    func read(_ arguments: [String]) {
        guard let module = module(arguments.first, usage: .read) else { return }
        let text = module.text(preferring: language)
        let sections = text.topSections
        var index = 0
        var asked: Section?
        if arguments.count > 1 {
            // Citations print as "module §anchor": accept the anchor as copied, with its §.
            let anchor = String(arguments[1].drop { $0 == "§" || $0 == "#" })
            guard let section = text.section(anchor) else {
                return say(strings.unknownSection(anchor, text.sections.map(\.anchor).joined(separator: ", ")))
            }
            guard let found = sections.firstIndex(where: { $0.anchor == (section.parentAnchor ?? section.anchor) }) else {
                // A subsection before the first section has no section to open: show it alone.
                return say(render(section, in: text))
            }
            index = found
            if section.level > 2 { asked = section }
        }
        reading = (module.id, index)
        if index == 0 { say(header(of: module, text)) }
        showSection(of: text, at: index, asked: asked)
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
        showSection(of: text, at: target, asked: nil)
    }

    private func header(of module: Module, _ text: ModuleText) -> String {
        let symbols = style.symbols
        var lines = [style.bold(text.title) + "  " + style.dim("v\(module.version) \(symbols.separator) \(strings.minutes(module.minutes))")]
        if !text.introduction.isEmpty {
            lines.append("")
            lines.append(MarkdownRenderer(style: style).render(text.introduction))
        }
        lines.append("")
        lines.append(strings.objectives + ":")
        let width = style.width
        for objective in text.objectives {
            lines += TextLayout.wrap(objective, width: width, first: "  \(symbols.bullet) ", rest: "    ")
        }
        return lines.joined(separator: "\n")
    }

    /// Shows the `##` section at `index` with its subsections; `asked` is the subsection the
    /// learner named, said above the section and marked where it starts.
    private func showSection(of text: ModuleText, at index: Int, asked: Section?) {
        let symbols = style.symbols
        let top = text.topSections
        let section = top[index]
        // The section's own text, then its ### subsections.
        var markdown = "## \(section.title)\n\n\(section.markdown)"
        for sub in text.sections where sub.parentAnchor == section.anchor {
            let mark = sub.anchor == asked?.anchor ? "\(symbols.pointer) " : ""
            markdown += "\n\n### \(mark)\(sub.title)\n\n\(sub.markdown)"
        }
        let rule = style.dim(String(repeating: symbols.rule, count: min(60, style.width)))
        var lines = [rule, style.dim("\(strings.sectionOf(index + 1, top.count)) \(symbols.separator) \(symbols.citation(text.moduleID, section.anchor))")]
        if let asked {
            lines.append(strings.askedForSubsection(asked.title, symbols.citation(text.moduleID, asked.anchor)))
        }
        lines += ["", MarkdownRenderer(style: style).render(markdown), "", style.dim(strings.readHint)]
        say(lines.joined(separator: "\n"))
    }

    /// One section on its own, with its citation.
    private func render(_ section: Section, in text: ModuleText) -> String {
        let symbols = style.symbols
        return [
            style.dim(String(repeating: symbols.rule, count: min(60, style.width))),
            style.dim(symbols.citation(text.moduleID, section.anchor)), "",
            MarkdownRenderer(style: style).render("### \(section.title)\n\n\(section.markdown)"),
        ].joined(separator: "\n")
    }
}
