import KyndigCatalog

/// Renders CommonMark (as parsed by libcmark) for a terminal: headings, paragraphs wrapped to
/// the width, bullet and numbered lists with hanging indents, quotes, code, bold and italics
/// (as ANSI styles when colour is on, plain text otherwise).
public struct MarkdownRenderer {
    let style: TerminalStyle
    /// The width at the moment of rendering (the terminal may be resized between renderings).
    let width: Int

    public init(style: TerminalStyle) {
        self.style = style
        self.width = style.width
    }

    public func render(_ markdown: String) -> String {
        render(MarkdownNode.parse(markdown))
    }

    public func render(_ document: MarkdownNode) -> String {
        blocks(document.children, indent: "", firstIndent: "").joined(separator: "\n\n")
    }

    /// Renders Markdown with a hanging indent: the first line starts with `firstIndent`, the
    /// following lines with `indent` (quiz options: "  2) " then five spaces).
    public func render(_ markdown: String, firstIndent: String, indent: String) -> String {
        blocks(MarkdownNode.parse(markdown).children, indent: indent, firstIndent: firstIndent).joined(separator: "\n")
    }

    /// A word and the styles it carries.
    private struct Word {
        var text: String
        var bold = false
        var italic = false
        var code = false
    }

    private func blocks(_ nodes: [MarkdownNode], indent: String, firstIndent: String) -> [String] {
        var output: [String] = []
        for (index, node) in nodes.enumerated() {
            let first = index == 0 ? firstIndent : indent
            switch node.kind {
            case .paragraph:
                output.append(wrap(words(node), first: first, rest: indent))
            case let .heading(level):
                let title = HeadingAnchor.split(node.plainText).title
                let lines = TextLayout.wrap(level <= 2 ? title.uppercased() : title, width: width, first: first, rest: indent)
                output.append(lines.map { line in
                    let lead = line.prefix { $0 == " " }
                    return lead + style.bold(String(line.dropFirst(lead.count)))
                }.joined(separator: "\n"))
            case let .list(ordered, start):
                var items: [String] = []
                for (number, item) in node.children.enumerated() {
                    let marker = ordered ? "\(start + number). " : style.symbols.bullet + " "
                    let pad = String(repeating: " ", count: marker.count)
                    items.append(blocks(item.children, indent: indent + "  " + pad, firstIndent: (number == 0 ? first : indent) + "  " + marker).joined(separator: "\n"))
                }
                output.append(items.joined(separator: "\n"))
            case .blockQuote:
                let bar = style.symbols.quoteBar + " "
                output.append(blocks(node.children, indent: indent + bar, firstIndent: first + bar).joined(separator: "\n"))
            case .codeBlock:
                let lines = node.literal.split(separator: "\n", omittingEmptySubsequences: false).dropLast(node.literal.hasSuffix("\n") ? 1 : 0)
                output.append(lines.map { indent + "    " + style.dim(String($0)) }.joined(separator: "\n"))
            case .thematicBreak:
                output.append(first + String(repeating: style.symbols.rule, count: max(1, min(40, width - first.count))))
            case .htmlBlock:
                continue  // raw HTML means nothing in a terminal
            default:
                output.append(wrap(words(node), first: first, rest: indent))
            }
        }
        return output
    }

    private func words(_ node: MarkdownNode, bold: Bool = false, italic: Bool = false) -> [Word] {
        switch node.kind {
        case .text:
            return split(node.literal, bold: bold, italic: italic, code: false)
        case .code:
            return split(node.literal, bold: bold, italic: italic, code: true)
        case .softBreak, .lineBreak:
            return [Word(text: " ")]
        case .strong:
            return node.children.flatMap { words($0, bold: true, italic: italic) }
        case .emphasis:
            return node.children.flatMap { words($0, bold: bold, italic: true) }
        case let .link(url):
            let label = node.children.flatMap { words($0, bold: bold, italic: italic) }
            let text = node.plainText
            return url.isEmpty || url == text || url == "mailto:\(text)" ? label : label + [Word(text: " ")] + split("(\(url))", bold: false, italic: false, code: false)
        case .htmlInline, .image:
            return []
        default:
            return node.children.flatMap { words($0, bold: bold, italic: italic) }
        }
    }

    /// Splits text into words, keeping a " " marker where whitespace was, so that "**bold**," stays
    /// glued to its comma.
    private func split(_ text: String, bold: Bool, italic: Bool, code: Bool) -> [Word] {
        var result: [Word] = []
        var current = ""
        for character in text {
            if character.isWhitespace {
                if !current.isEmpty { result.append(Word(text: current, bold: bold, italic: italic, code: code)); current = "" }
                if result.last?.text != " " { result.append(Word(text: " ")) }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { result.append(Word(text: current, bold: bold, italic: italic, code: code)) }
        return result
    }

    private func styled(_ word: Word) -> String {
        guard style.color else { return word.text }
        var codes: [String] = []
        if word.bold { codes.append("1") }
        if word.italic { codes.append("3") }
        if word.code { codes.append("36") }
        return codes.isEmpty ? word.text : "\u{1B}[\(codes.joined(separator: ";"))m\(word.text)\u{1B}[0m"
    }

    /// Greedy wrapping on visible width; words glued without a space marker stay on one line.
    private func wrap(_ words: [Word], first: String, rest: String) -> String {
        // Glue adjacent non-space words into units ("**bold**," → one unit).
        var units: [String] = []
        var current = ""
        for word in words {
            if word.text == " " {
                if !current.isEmpty { units.append(current); current = "" }
            } else {
                current += styled(word)
            }
        }
        if !current.isEmpty { units.append(current) }
        return TextLayout.wrap(units.joined(separator: " "), width: width, first: first, rest: rest).joined(separator: "\n")
    }
}
