/// The whole validated course: immutable once loaded.
public struct Catalog: Sendable {
    public let roles: [Role]
    public let contexts: [SystemContext]
    public let obligations: [Obligation]
    public let policy: Policy
    public let glossary: [GlossaryTerm]
    /// Modules by id, then language.
    public let modules: [String: [Language: Module]]
    /// Quiz pools by module id, then language.
    public let quizzes: [String: [Language: QuizPool]]

    public init(
        roles: [Role], contexts: [SystemContext], obligations: [Obligation], policy: Policy,
        glossary: [GlossaryTerm], modules: [String: [Language: Module]], quizzes: [String: [Language: QuizPool]]
    ) {
        self.roles = roles
        self.contexts = contexts
        self.obligations = obligations
        self.policy = policy
        self.glossary = glossary
        self.modules = modules
        self.quizzes = quizzes
    }

    /// Module ids in a stable order: the order roles and contexts list them, then the rest by id.
    public var moduleIDs: [String] {
        var seen = Set<String>()
        var ordered: [String] = []
        for id in roles.flatMap(\.moduleIDs) + contexts.flatMap(\.moduleIDs) + modules.keys.sorted()
        where seen.insert(id).inserted && modules[id] != nil {
            ordered.append(id)
        }
        return ordered
    }

    public func role(_ id: String) -> Role? { roles.first { $0.id == id } }
    public func context(_ id: String) -> SystemContext? { contexts.first { $0.id == id } }
    public func obligation(_ id: String) -> Obligation? { obligations.first { $0.id == id } }

    /// The module in `language`, or in another language when that one is missing.
    public func module(_ id: String, language: Language) -> Module? {
        guard let versions = modules[id] else { return nil }
        return versions[language] ?? versions.values.sorted { $0.language < $1.language }.first
    }

    public func quiz(_ moduleID: String, language: Language) -> QuizPool? {
        quizzes[moduleID]?[language]
    }
}
