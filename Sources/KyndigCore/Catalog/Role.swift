/// A job role (leader, clinician, ...) and the modules everyone in it must take.
public struct Role: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let name: LocalizedText
    public let description: LocalizedText
    public let moduleIDs: [String]
    /// The measures that may meet this role's requirements (for the modules each measure lists).
    public let measureIDs: [String]

    public init(id: String, name: LocalizedText, description: LocalizedText, moduleIDs: [String], measureIDs: [String] = []) {
        self.id = id
        self.name = name
        self.description = description
        self.moduleIDs = moduleIDs
        self.measureIDs = measureIDs
    }
}

/// A kind of AI system a unit can use (e.g. high-risk), and the modules its users must take.
public struct SystemContext: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let name: LocalizedText
    public let description: LocalizedText
    public let moduleIDs: [String]

    public init(id: String, name: LocalizedText, description: LocalizedText, moduleIDs: [String]) {
        self.id = id
        self.name = name
        self.description = description
        self.moduleIDs = moduleIDs
    }
}
