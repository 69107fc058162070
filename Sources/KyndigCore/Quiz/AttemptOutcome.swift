/// How a quiz attempt ended.
public enum AttemptOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case passed
    case failed
    /// Closed without a result because the module changed under it (another content hash): the
    /// learner's answers stay as evidence, but they neither pass nor fail anyone.
    case abandoned
}
