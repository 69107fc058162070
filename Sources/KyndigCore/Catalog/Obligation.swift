/// A legal obligation a module serves, e.g. AI Act Art. 4. Laws change by adding a record with a
/// later `effectiveFrom` and pointing the old one's `supersededBy` at it.
public struct Obligation: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let instrument: String
    public let article: String
    public let title: LocalizedText
    public let summary: LocalizedText
    public let effectiveFrom: CalendarDate
    public let supersededBy: String?

    public init(
        id: String, instrument: String, article: String, title: LocalizedText, summary: LocalizedText,
        effectiveFrom: CalendarDate, supersededBy: String?
    ) {
        self.id = id
        self.instrument = instrument
        self.article = article
        self.title = title
        self.summary = summary
        self.effectiveFrom = effectiveFrom
        self.supersededBy = supersededBy
    }
}
