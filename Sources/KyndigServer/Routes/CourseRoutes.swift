import Hummingbird
import KyndigStore
import KyndigCore
import KyndigSearch
import KyndigServices

/// The course, for every scope: modules, a module's sections in nb or en, and cited answers.
struct CourseRoutes {
    let environment: ServerEnvironment

    struct Question: Decodable {
        let question: String
        let lang: Language?
    }

    func register(on group: RouterGroup<APIContext>) {
        group.get("modules") { _, context in
            try context.require(.readCourse)
            let catalog = environment.catalog
            return try Rendering.json(catalog.moduleIDs.compactMap { catalog.module($0) }.map(CourseDocuments.ModuleSummary.init))
        }
        group.get("modules/:id") { request, context in
            try context.require(.readCourse)
            let id = try context.parameters.require("id")
            guard let module = environment.catalog.module(id) else {
                let suggestion = Suggestion.nearest(id, in: environment.catalog.moduleIDs)
                throw APIProblem.notFound("unknown-module", "No module '\(PlainText.escaped(id))'.\(suggestion.map { " Did you mean '\($0)'?" } ?? "") GET /api/v1/modules lists them.", suggestion: suggestion)
            }
            let text = module.text(preferring: try request.language() ?? .nb)
            return try Rendering.json(CourseDocuments.ModuleDocument(module, text: text))
        }
        group.get("roles") { _, context in
            try context.require(.readCourse)
            return try Rendering.json(environment.catalog.roles.map(CourseDocuments.RoleSummary.init))
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
            if case let .learner(employeeID) = try context.caller.scope, let person = try await environment.store.person(employeeID: employeeID) {
                return try Rendering.json(try await LearnerRoutes(environment: environment).service(for: person).ask(question, language: language))
            }
            guard let index = environment.searchIndex else { throw NoSearchIndex() }
            return try Rendering.json(try await CourseQuestions(index: index, log: environment.store, clock: environment.clock)
                .ask(question, language: language))
        }
    }
}
