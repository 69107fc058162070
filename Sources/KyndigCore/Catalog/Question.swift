/// One quiz question of a module's pool in one language.
public struct Question: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case single
        case multiple
        case trueFalse = "true-false"
    }

    public struct Option: Sendable, Hashable, Codable {
        public let text: String
        public let correct: Bool

        public init(text: String, correct: Bool) {
            self.text = text
            self.correct = correct
        }
    }

    public let id: String
    public let kind: Kind
    public let scenario: Bool
    /// Anchor of the section that teaches the answer.
    public let section: String
    public let text: String
    public let options: [Option]
    public let explanation: String

    public init(
        id: String, kind: Kind, scenario: Bool, section: String, text: String, options: [Option],
        explanation: String
    ) {
        self.id = id
        self.kind = kind
        self.scenario = scenario
        self.section = section
        self.text = text
        self.options = options
        self.explanation = explanation
    }

    /// Indices of the correct options.
    public var correctIndices: Set<Int> {
        Set(options.indices.filter { options[$0].correct })
    }
}

/// All questions of a module in one language.
public struct QuizPool: Sendable, Hashable, Codable {
    public let moduleID: String
    public let language: Language
    public let questions: [Question]

    public init(moduleID: String, language: Language, questions: [Question]) {
        self.moduleID = moduleID
        self.language = language
        self.questions = questions
    }
}
