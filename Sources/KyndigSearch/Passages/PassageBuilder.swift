public import KyndigCore
import KyndigCatalog

/// Cuts the catalog into passages: one per `##` and `###` section of every module text, and long
/// sections into windows of whole sentences (about 120–250 words, overlapping by one sentence),
/// so that a passage stays about one topic and an answer quotes from it. Built from the libcmark
/// parse the catalog already has, never from regular expressions over Markdown.
public enum PassageBuilder {
    /// Sections longer than this many words are cut into windows.
    static let maximumWords = 250
    /// A window closes once it holds this many words (at a sentence end).
    static let windowWords = 160

    public static func passages(of catalog: Catalog) -> [Passage] {
        catalog.moduleIDs.flatMap { id -> [Passage] in
            let module = catalog.modules[id]!
            return module.languages.flatMap { language in passages(of: module, module.texts[language]!) }
        }
    }

    static func passages(of module: Module, _ text: ModuleText) -> [Passage] {
        var result: [Passage] = []
        for section in text.sections {
            var headings = [section.title]
            if let parent = section.parentAnchor, let top = text.section(parent) { headings.insert(top.title, at: 0) }
            let body = plainText(section.markdown)
            let sentences = Sentences.ranges(in: body)
            guard !sentences.isEmpty else { continue }
            let windows = window(sentences, in: body)
            for (number, window) in windows.enumerated() {
                let first = window.first!.start, last = window.last!.end
                let startIndex = body.index(body.startIndex, offsetBy: first)
                let endIndex = body.index(startIndex, offsetBy: last - first)
                result.append(Passage(
                    id: "\(module.id)/\(text.language.rawValue)/\(section.anchor)" + (number == 0 ? "" : "#\(number + 1)"),
                    moduleID: module.id, language: text.language, version: module.version, anchor: section.anchor,
                    moduleTitle: text.title, headings: headings, text: String(body[startIndex..<endIndex]),
                    sentences: window.map { Passage.SentenceRange(start: $0.start - first, end: $0.end - first) }))
            }
        }
        return result
    }

    /// The sentences in windows: the whole section when it is short, else runs of whole
    /// sentences of about `windowWords` words, each starting with the previous one's last sentence.
    static func window(_ sentences: [Passage.SentenceRange], in text: String) -> [[Passage.SentenceRange]] {
        let characters = Array(text)
        let words = sentences.map { range in
            String(characters[range.start..<range.end]).split(whereSeparator: \.isWhitespace).count
        }
        guard words.reduce(0, +) > maximumWords else { return [sentences] }
        var windows: [[Passage.SentenceRange]] = []
        var start = 0
        while start < sentences.count {
            var end = start, count = 0
            while end < sentences.count && (count < windowWords || end == start) {
                count += words[end]
                end += 1
            }
            // A short tail joins the window before it rather than standing alone.
            if end < sentences.count && words[end...].reduce(0, +) < windowWords / 2 { end = sentences.count }
            windows.append(Array(sentences[start..<end]))
            guard end < sentences.count else { break }
            start = max(end - 1, start + 1)
        }
        return windows
    }

    /// The plain text of Markdown: one block (paragraph, list item, quote, code) per paragraph of
    /// output, inline syntax removed.
    static func plainText(_ markdown: String) -> String {
        var blocks: [String] = []
        func collect(_ node: MarkdownNode) {
            switch node.kind {
            case .paragraph, .heading, .codeBlock:
                let text = node.plainText.trimmed
                if !text.isEmpty { blocks.append(text) }
            case .document, .list, .item, .blockQuote:
                node.children.forEach(collect)
            default:
                break
            }
        }
        collect(MarkdownNode.parse(markdown))
        return blocks.joined(separator: "\n\n")
    }
}
