/// The whole validated course: immutable once loaded.
public struct Catalog: Sendable {
    public let roles: [Role]
    public let contexts: [SystemContext]
    public let obligations: [Obligation]
    /// Other measures than the course that may meet requirements where a role or system allows.
    public let measures: [Measure]
    public let policy: Policy
    public let glossary: [GlossaryTerm]
    /// Modules by id.
    public let modules: [String: Module]
    /// Quiz pools by module id, then language.
    public let quizzes: [String: [Language: QuizPool]]
    /// Each module's current version by module id: a report looks one up for every requirement
    /// of every person, and reading it from `modules` copies the whole module each time (a
    /// reference count on each of its texts and lists, which the cores then contend for).
    public let moduleVersions: [String: ModuleVersion]

    public init(
        roles: [Role], contexts: [SystemContext], obligations: [Obligation], measures: [Measure] = [], policy: Policy,
        glossary: [GlossaryTerm], modules: [String: Module], quizzes: [String: [Language: QuizPool]]
    ) {
        self.roles = roles
        self.contexts = contexts
        self.obligations = obligations
        self.measures = measures
        self.policy = policy
        self.glossary = glossary
        self.modules = modules
        self.quizzes = quizzes
        moduleVersions = modules.mapValues(\.version)
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
    public func measure(_ id: String) -> Measure? { measures.first { $0.id == id } }

    /// The measures that may meet a requirement for `moduleID` arising from `reason`: those the
    /// role or system allows that list the module, in the order they are allowed.
    public func measureIDs(for moduleID: String, reason: RequirementReason, systems: [AISystem]) -> [String] {
        let allowed: [String] = switch reason {
        case let .role(roleID): role(roleID)?.measureIDs ?? []
        case let .system(systemID, _), let .oversight(systemID), let .localUnit(systemID): systems.first { $0.id == systemID }?.measureIDs ?? []
        }
        return allowed.filter { measure($0)?.moduleIDs.contains(moduleID) == true }
    }

    public func module(_ id: String) -> Module? { modules[id] }

    /// The module's text in `language`, or in another language when that one is missing.
    public func text(_ moduleID: String, language: Language) -> ModuleText? {
        modules[moduleID]?.text(preferring: language)
    }

    public func quiz(_ moduleID: String, language: Language) -> QuizPool? {
        quizzes[moduleID]?[language]
    }
}
