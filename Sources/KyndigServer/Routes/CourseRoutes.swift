import Hummingbird
import KyndigStore
import KyndigCore
import KyndigSearch
import KyndigServices

/// The course, for every scope: modules, a module's sections in nb or en, and cited answers.
struct CourseRoutes {
    let environment: ServerEnvironment

    /// A module as `GET /modules` lists it.
    struct ModuleSummary: Encodable {
        let id: String
        let version: ModuleVersion
        let level: String
        let minutes: Int
        let languages: [Language]
        let titles: [String: String]
        let roleIDs: [String]
        let contextIDs: [String]
        let obligationIDs: [String]
    }

    /// A role as `GET /roles` lists it: its names (the tutor greets with them) and its modules.
    struct RoleSummary: Encodable {
        let id: String
        let name: LocalizedText
        let description: LocalizedText
        let moduleIDs: [String]
    }

    /// A module's text in one language with its sections (Markdown as written).
    struct ModuleDocument: Encodable {
        let id: String
        let version: ModuleVersion
        let lang: Language
        let title: String
        let objectives: [String]
        let sources: [String]
        let introduction: String
        let contentHash: String
        let sections: [SectionDocument]
    }

    struct SectionDocument: Encodable {
        let anchor: String
        let title: String
        let level: Int
        let parentAnchor: String?
        let markdown: String
    }

    struct Question: Decodable {
        let question: String
        let lang: Language?
    }

    func register(on group: RouterGroup<APIContext>) {
        group.get("modules") { _, context in
            try context.require(.readCourse)
            let catalog = environment.catalog
            return try Rendering.json(catalog.moduleIDs.compactMap { catalog.module($0) }.map { module in
                ModuleSummary(
                    id: module.id, version: module.version, level: module.level.rawValue, minutes: module.minutes, languages: module.languages,
                    titles: Dictionary(uniqueKeysWithValues: module.texts.map { ($0.key.rawValue, $0.value.title) }),
                    roleIDs: module.roleIDs, contextIDs: module.contextIDs, obligationIDs: module.obligationIDs)
            })
        }
        group.get("modules/:id") { request, context in
            try context.require(.readCourse)
            let id = try context.parameters.require("id")
            guard let module = environment.catalog.module(id) else {
                let suggestion = Suggestion.nearest(id, in: environment.catalog.moduleIDs)
                throw APIProblem.notFound("unknown-module", "No module '\(PlainText.escaped(id))'.\(suggestion.map { " Did you mean '\($0)'?" } ?? "") GET /api/v1/modules lists them.", suggestion: suggestion)
            }
            let text = module.text(preferring: try request.language() ?? .nb)
            return try Rendering.json(ModuleDocument(
                id: module.id, version: module.version, lang: text.language, title: text.title, objectives: text.objectives,
                sources: text.sources, introduction: text.introduction, contentHash: text.contentHash,
                sections: text.sections.map {
                    SectionDocument(anchor: $0.anchor, title: $0.title, level: $0.level, parentAnchor: $0.parentAnchor, markdown: $0.markdown)
                }))
        }
        group.get("roles") { _, context in
            try context.require(.readCourse)
            return try Rendering.json(environment.catalog.roles.map {
                RoleSummary(id: $0.id, name: $0.name, description: $0.description, moduleIDs: $0.moduleIDs)
            })
        }
        group.post("ask") { request, context in
            try context.require(.readCourse)
            let body = try await request.decode(Question.self, limit: environment.limits.json, timeout: environment.limits.bodyTimeout)
            let question = body.question.trimmed
            guard !question.isEmpty, question.count <= 1_000 else {
                throw APIProblem.unprocessable("bad-question", "Give a question of 1 to 1,000 characters, e.g. {\"question\": \"Hva er KI-kompetanse?\", \"lang\": \"nb\"}.")
            }
            let language = body.lang ?? .nb
            // A learner's own modules win ties, as in the tutor; other scopes ask as `kyndig ask` does.
            if case .learner = try context.caller.scope, let learner = try await LearnerRoutes(environment: environment).service(for: context) {
                return try Rendering.json(try await learner.ask(question, language: language))
            }
            guard let index = environment.searchIndex else { throw NoSearchIndex() }
            return try Rendering.json(try await CourseQuestions(index: index, log: environment.store, clock: environment.clock)
                .ask(question, language: language))
        }
    }
}
