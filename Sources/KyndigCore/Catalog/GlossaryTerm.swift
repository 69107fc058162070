/// A term and every form of it in both languages; all forms are one synonym group for search.
public struct GlossaryTerm: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let forms: [Language: [String]]

    public init(id: String, forms: [Language: [String]]) {
        self.id = id
        self.forms = forms
    }

    /// All forms in all languages, preferred forms first.
    public var allForms: [String] {
        Language.allCases.flatMap { forms[$0] ?? [] }
    }
}
