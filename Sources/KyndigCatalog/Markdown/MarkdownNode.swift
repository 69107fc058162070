import CCmark
import KyndigCore

/// A CommonMark syntax tree as plain values, converted from libcmark's parse so the rest of
/// Kyndig (validator, word counts, terminal and HTML renderers) never touches C pointers.
public struct MarkdownNode: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case document, blockQuote, list(ordered: Bool, start: Int), item, codeBlock, htmlBlock
        case paragraph, heading(level: Int), thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, link(url: String), image(url: String)
        case other
    }

    public let kind: Kind
    /// Text of leaf nodes (text, code, code blocks, HTML).
    public let literal: String
    public let children: [MarkdownNode]
    /// Position in the parsed text, 1-based.
    public let line: Int
    public let column: Int

    /// Parses CommonMark text with the reference implementation.
    public static func parse(_ markdown: String) -> MarkdownNode {
        var text = markdown
        return text.withUTF8 { buffer in
            let root = cmark_parse_document(
                UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self), buffer.count,
                CMARK_OPT_DEFAULT)!
            defer { cmark_node_free(root) }
            return MarkdownNode(root)
        }
    }

    init(_ node: OpaquePointer) {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_DOCUMENT: kind = .document
        case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
        case CMARK_NODE_LIST:
            kind = .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, start: Int(cmark_node_get_list_start(node)))
        case CMARK_NODE_ITEM: kind = .item
        case CMARK_NODE_CODE_BLOCK: kind = .codeBlock
        case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock
        case CMARK_NODE_PARAGRAPH: kind = .paragraph
        case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
        case CMARK_NODE_TEXT: kind = .text
        case CMARK_NODE_SOFTBREAK: kind = .softBreak
        case CMARK_NODE_LINEBREAK: kind = .lineBreak
        case CMARK_NODE_CODE: kind = .code
        case CMARK_NODE_HTML_INLINE: kind = .htmlInline
        case CMARK_NODE_EMPH: kind = .emphasis
        case CMARK_NODE_STRONG: kind = .strong
        case CMARK_NODE_LINK: kind = .link(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "")
        case CMARK_NODE_IMAGE: kind = .image(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "")
        default: kind = .other
        }
        literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        line = Int(cmark_node_get_start_line(node))
        column = Int(cmark_node_get_start_column(node))
        var children: [MarkdownNode] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            children.append(MarkdownNode(current))
            child = cmark_node_next(current)
        }
        self.children = children
    }

    /// The plain text of this node and its descendants (soft breaks become spaces).
    public var plainText: String {
        switch kind {
        case .text, .code: literal
        case .softBreak, .lineBreak: " "
        case .codeBlock: literal
        default: children.map(\.plainText).joined()
        }
    }

    /// Words in `text`: runs of non-space scalars with at least one letter or digit. Heading
    /// anchors (`{#id}`) are markup, not words.
    static func countWords(_ text: String) -> Int {
        var count = 0
        var inWord = false, hasAlphanumeric = false, isAnchor = false
        var previous: Unicode.Scalar = " "
        func close() {
            if inWord && hasAlphanumeric && !isAnchor { count += 1 }
            inWord = false; hasAlphanumeric = false; isAnchor = false
        }
        // Scalars decoded from the UTF-8 bytes by hand: the course is read on every command, and
        // String's scalar iterator was most of the time spent counting its words.
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                var value = UInt32(length == 1 ? lead : lead & (0xFF >> (length + 1)))
                for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                index += length
                let scalar = Unicode.Scalar(value)!  // valid: the text is a String
                if scalar.isSpace {
                    close()
                } else {
                    if !inWord { inWord = true; isAnchor = scalar == "{" }
                    if isAnchor && previous == "{" && scalar != "#" { isAnchor = false }
                    if scalar.isLetterOrDigit { hasAlphanumeric = true }
                }
                previous = scalar
            }
        }
        close()
        return count
    }

    /// Words in the readable text (text, code and code blocks; not HTML).
    public var wordCount: Int {
        switch kind {
        case .text, .code, .codeBlock:
            MarkdownNode.countWords(literal)
        case .htmlBlock, .htmlInline: 0
        default: children.reduce(0) { $0 + $1.wordCount }
        }
    }
}
