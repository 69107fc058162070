/// An "other measure" than the course (the Commission's AI literacy Q&A accepts internal records
/// of trainings and other measures): a hands-on sign-off, a workshop. It may stand in for the
/// modules it lists, but only for requirements whose role (`roles.yaml`) or AI system (the
/// register) says it may.
public struct Measure: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let name: LocalizedText
    public let description: LocalizedText
    /// The modules whose requirements it can meet.
    public let moduleIDs: [String]

    public init(id: String, name: LocalizedText, description: LocalizedText, moduleIDs: [String]) {
        self.id = id
        self.name = name
        self.description = description
        self.moduleIDs = moduleIDs
    }
}
