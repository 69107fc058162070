import Foundation
import KyndigCore
import Yams

/// A module file as written, before cross-file checks: front matter fields and parsed sections.
///
/// The facts other files are checked against are nil when their field is missing or malformed
/// (already reported), so that a cross-file check skips them instead of reporting a false
/// disagreement with a placeholder.
struct ModuleFile {
    let id: String
    let language: Language
    let title: String
    let version: ModuleVersion?
    let versionLine: Int
    let level: Module.Level?
    let roleIDs: [String]?
    let contextIDs: [String]?
    let obligationIDs: [String]?
    let minutes: Int?
    /// `course` unless the front matter says `kind: local-unit`; nil when the kind is malformed (reported).
    let kind: Module.Kind?
    /// The module's own quiz size (`questions:`), nil when it takes the policy's.
    let questionsPerQuiz: Int?
    let objectives: [String]
    let sources: [String]
    let introduction: String
    let sections: [Section]
    /// False when a `##`/`###` heading has a missing, invalid or repeated anchor (reported): the
    /// anchors are then not all known, so quizzes and the other language are not checked against them.
    let anchorsComplete: Bool
    let wordCount: Int
    /// Where each referenced id was written, for "unknown role" errors.
    let referenceLines: [String: Int]
    /// Where each front matter key was written, for "differs from the other language" errors.
    let keyLines: [String: Int]
    let frontMatterLine: Int

    /// Parses `curricula/<dir>/<lang>.md` (text with LF line breaks, as `FileReader` gives it).
    /// Logs every problem; returns nil when the file is unusable.
    static func parse(text: String, file: String, directoryName: String, language: Language, log: ProblemLog) -> ModuleFile? {
        // `FileReader` has turned CRLF and CR into LF, so "\n" is the only line break here. Split
        // on the byte: a line feed is always a character of its own, and splitting by characters
        // was a sixth of loading the catalog, which every command does.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else {
            log.add(file, 1, 1, "the module has no front matter. Start the file with a '---' line, the fields of docs/formats.md, and a closing '---' line.")
            return nil
        }
        let yaml = YAMLCursor(file: file, lineOffset: 1, log: log)
        let frontMatter = lines[1..<end].joined(separator: "\n")
        guard let root = yaml.compose(frontMatter), let map = yaml.map(root, what: "The front matter") else { return nil }
        yaml.checkKeys(map, allowed: frontMatterKeys)

        let id = yaml.id(map)
        if let id, id != directoryName {
            yaml.report(map["id"]!, "id '\(id)' does not match its directory 'curricula/\(directoryName)'. Rename one so they agree.")
        }
        let title = yaml.string(map, "title")
        var version: ModuleVersion?
        if let text = yaml.string(map, "version") {
            version = ModuleVersion(text)
            if version == nil {
                yaml.report(map["version"]!, "version '\(text)' is not MAJOR.MINOR. Write it quoted, e.g. version: \"1.0\".")
            }
        }
        var level: Module.Level?
        if let text = yaml.string(map, "level") {
            level = Module.Level(rawValue: text)
            if level == nil { yaml.report(map["level"]!, "level '\(text)' is unknown. Use 'basic' or 'advanced'.") }
        }
        let roles = yaml.strings(map, "roles")
        let contexts = yaml.strings(map, "contexts", required: false)
        let obligations = yaml.strings(map, "obligations", nonEmpty: true)
        let minutes = yaml.int(map, "minutes", range: 1...600)
        // Absent: a course module. Malformed or misspelt (reported): unknown, so nothing is checked against it.
        var kind: Module.Kind? = map["kind"] == nil && !yaml.isMisspelt(map, "kind") ? .course : nil
        if map["kind"] != nil, let text = yaml.string(map, "kind") {
            kind = Module.Kind(rawValue: text)
            if kind == nil {
                yaml.report(map["kind"]!, "kind '\(text)' is unknown. Use 'course' (the default) or 'local-unit' (a unit on one AI system of the register).")
            }
        }
        let questions = map["questions"] == nil ? nil : yaml.int(map, "questions", range: 1...200)
        let objectives = yaml.strings(map, "objectives", nonEmpty: true) ?? []
        let sources = yaml.strings(map, "sources", nonEmpty: true) ?? []

        var referenceLines: [String: Int] = [:]
        for key in ["roles", "contexts", "obligations"] {
            for item in map[key]?.sequence.map(Array.init) ?? [] {
                if let value = item.string { referenceLines["\(key):\(value)"] = yaml.line(item) }
            }
        }

        var keyLines: [String: Int] = [:]
        for key in ["roles", "contexts", "obligations", "level", "minutes", "kind", "questions"] {
            if let node = map[key] { keyLines[key] = yaml.line(node) }
        }

        let bodyOffset = end + 1  // lines before the body
        let body = lines[(end + 1)...].joined(separator: "\n")
        let parsedBody = parseBody(body, bodyLines: Array(lines[(end + 1)...]), offset: bodyOffset, file: file, log: log)

        // A module with a bad field is still returned (the catalog will not be built anyway), so
        // that cross-file checks report its other problems instead of "module missing".
        return ModuleFile(
            id: id ?? directoryName, language: language, title: title ?? "", version: version,
            versionLine: map["version"].map(yaml.line) ?? 2, level: level, roleIDs: roles, contextIDs: contexts,
            obligationIDs: obligations, minutes: minutes, kind: kind, questionsPerQuiz: questions, objectives: objectives, sources: sources,
            introduction: parsedBody.introduction, sections: parsedBody.sections, anchorsComplete: parsedBody.anchorsComplete,
            wordCount: parsedBody.wordCount, referenceLines: referenceLines, keyLines: keyLines, frontMatterLine: 2)
    }

    /// Finds the anchored `##`/`###` headings with libcmark and cuts the body into sections.
    private static func parseBody(
        _ body: String, bodyLines: [Substring], offset: Int, file: String, log: ProblemLog
    ) -> (introduction: String, sections: [Section], anchorsComplete: Bool, wordCount: Int) {
        let document = MarkdownNode.parse(body)
        struct Heading { let level: Int; let title: String; let anchor: String; let line: Int }
        var headings: [Heading] = []
        var seen: [String: Int] = [:]
        var anchorsComplete = true
        for node in document.children {
            guard case let .heading(level) = node.kind else { continue }
            let fileLine = node.line + offset
            if level == 1 {
                log.add(file, fileLine, node.column, "level-1 heading '# \(node.plainText)'. The title comes from the front matter; use '##' for sections.")
                continue
            }
            guard level <= 3 else { continue }
            let (title, anchor) = HeadingAnchor.split(node.plainText)
            guard let anchor else {
                anchorsComplete = false
                log.add(file, fileLine, node.column, "heading '\(title)' has no anchor. End it with an anchor such as {#\(suggestedAnchor(title))}.")
                continue
            }
            guard KebabID.isValid(anchor) else {
                anchorsComplete = false
                log.add(file, fileLine, node.column, "anchor '{#\(anchor)}' is not valid. Use lower-case letters, digits and hyphens, e.g. {#\(suggestedAnchor(title))}.")
                continue
            }
            if title.isEmpty {
                log.add(file, fileLine, node.column, "heading with anchor '\(anchor)' has no title. Write the title before the anchor.")
            }
            if let first = seen[anchor] {
                anchorsComplete = false
                log.add(file, fileLine, node.column, "anchor '\(anchor)' is used twice (first on line \(first)). Give each heading its own anchor.")
                continue
            }
            seen[anchor] = fileLine
            headings.append(Heading(level: level, title: title, anchor: anchor, line: node.line))
        }

        func text(fromLine start: Int, toLine end: Int) -> String {
            // Lines are 1-based in the body; `end` is exclusive.
            guard start < end, start - 1 < bodyLines.count else { return "" }
            return bodyLines[(start - 1)..<min(end - 1, bodyLines.count)].joined(separator: "\n")
                .trimmed
        }
        var sections: [Section] = []
        var parent: String?
        for (index, heading) in headings.enumerated() {
            let next = index + 1 < headings.count ? headings[index + 1].line : bodyLines.count + 1
            if heading.level == 2 { parent = nil }
            sections.append(Section(
                anchor: heading.anchor, title: heading.title, level: heading.level,
                parentAnchor: heading.level == 3 ? parent : nil,
                markdown: text(fromLine: heading.line + 1, toLine: next), line: heading.line + offset))
            if heading.level == 2 { parent = heading.anchor }
        }
        let introduction = text(fromLine: 1, toLine: headings.first?.line ?? bodyLines.count + 1)
        return (introduction, sections, anchorsComplete, document.wordCount)
    }

    /// The front matter fields of docs/formats.md; any other key is reported.
    static let frontMatterKeys = [
        "id", "title", "version", "level", "kind", "roles", "contexts", "obligations", "minutes", "questions", "objectives", "sources",
    ]

    static func suggestedAnchor(_ title: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "o")
        let words = folded.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        return words.prefix(5).joined(separator: "-").lowercased()
    }
}
