/// A legal obligation a module serves, e.g. AI Act Art. 4. Laws change by adding a record with a
/// later `effectiveFrom` and pointing the old one's `supersededBy` at it.
public struct Obligation: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let instrument: String
    public let article: String
    public let title: LocalizedText
    public let summary: LocalizedText
    /// Where `effectiveFrom` (and `appliesFrom`) hold.
    public let jurisdiction: Jurisdiction
    /// The first day the obligation applies (for a duty with routes, on its earliest route).
    public let effectiveFrom: CalendarDate
    /// For duties on high-risk systems: the first day they apply on each route (AI Act Art. 6(1)
    /// Annex I products, Art. 6(2) Annex III use cases). Empty when one date holds for all.
    public let appliesFrom: [HighRiskRoute: CalendarDate]
    public let supersededBy: String?

    public init(
        id: String, instrument: String, article: String, title: LocalizedText, summary: LocalizedText, jurisdiction: Jurisdiction,
        effectiveFrom: CalendarDate, appliesFrom: [HighRiskRoute: CalendarDate] = [:], supersededBy: String?
    ) {
        self.id = id
        self.instrument = instrument
        self.article = article
        self.title = title
        self.summary = summary
        self.jurisdiction = jurisdiction
        self.effectiveFrom = effectiveFrom
        self.appliesFrom = appliesFrom
        self.supersededBy = supersededBy
    }

    /// The first day the obligation applies to a system on `route` (nil: not about one system,
    /// or the system's route is not known: the earliest day, so nothing is shown as not yet due
    /// on a guess).
    public func appliesFrom(route: HighRiskRoute?) -> CalendarDate {
        route.flatMap { appliesFrom[$0] } ?? effectiveFrom
    }

    /// Whether the obligation binds an organisation in `jurisdiction` on `day` (for a system on
    /// `route`). An EU act binds a Norwegian hospital only once Norwegian law takes it in, which
    /// is then a record of its own with jurisdiction `no`.
    public func isInForce(on day: CalendarDate, in jurisdiction: Jurisdiction, route: HighRiskRoute? = nil) -> Bool {
        self.jurisdiction == jurisdiction && day >= appliesFrom(route: route)
    }
}
