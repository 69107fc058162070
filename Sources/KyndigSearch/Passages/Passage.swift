public import KyndigCore

/// A piece of course text search returns and answers quote: one section (`##` or `###`) of a
/// module in one language, or a window of a long section. Sentences are kept with their
/// character offsets so an answer quotes them exactly as written.
public struct Passage: Sendable, Hashable, Codable, Identifiable {
    /// `module/lang/anchor`, with `#2`, `#3` … for the later windows of a long section.
    public let id: String
    public let moduleID: String
    public let language: Language
    public let version: ModuleVersion
    public let anchor: String
    public let moduleTitle: String
    /// The headings above the text: the `##` heading, then the `###` heading for a subsection.
    public let headings: [String]
    /// The plain text (Markdown syntax removed), blocks separated by blank lines.
    public let text: String
    /// Each sentence as a range of `text`'s characters (offsets, not indices, to survive encoding).
    public let sentences: [SentenceRange]

    public struct SentenceRange: Sendable, Hashable, Codable {
        public let start: Int
        public let end: Int

        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
    }

    public init(
        id: String, moduleID: String, language: Language, version: ModuleVersion, anchor: String, moduleTitle: String,
        headings: [String], text: String, sentences: [SentenceRange]
    ) {
        self.id = id
        self.moduleID = moduleID
        self.language = language
        self.version = version
        self.anchor = anchor
        self.moduleTitle = moduleTitle
        self.headings = headings
        self.text = text
        self.sentences = sentences
    }

    /// The heading of the section itself (the deepest one).
    public var heading: String { headings.last ?? moduleTitle }

    /// The text of the sentence at `index`.
    public func sentence(_ index: Int) -> String {
        let range = sentences[index]
        let start = text.index(text.startIndex, offsetBy: range.start)
        let end = text.index(start, offsetBy: range.end - range.start)
        return String(text[start..<end])
    }
}
