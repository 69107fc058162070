import Hummingbird
import KyndigCore
import KyndigServices
import KyndigStore

/// A learner's own records: status and quizzes, through the same `LearnerService` the tutor uses.
/// Only a `learner:` token has a self; whoever it names is the only person these routes read.
struct LearnerRoutes {
    let environment: ServerEnvironment

    struct StartQuiz: Decodable {
        let moduleID: String
        let lang: Language?

        enum CodingKeys: String, CodingKey {
            case moduleID = "module_id"
            case lang
        }
    }

    struct Answer: Decodable {
        let position: Int
        /// Positions of the chosen options as shown, from 0.
        let chosen: [Int]
    }

    /// The employee a `learner:` token is for; 403 for a token of another kind.
    func employeeID(of context: APIContext) throws -> String {
        try context.require(.actAsLearner)
        guard case let .learner(employeeID) = try context.caller.scope else {
            throw ProblemWording.describe(.wrongKind(needed: ["learner"]), scope: try context.caller.scope)
        }
        return employeeID
    }

    func unknownLearner(_ employeeID: String) -> APIProblem {
        APIProblem(.forbidden, type: "unknown-learner", title: "Not allowed with this token",
                   detail: "The roster no longer holds employee '\(employeeID)' this token is for. Ask an administrator for a new token.")
    }

    func service(for person: Person) -> LocalLearnerService {
        LocalLearnerService(person: person, catalog: environment.catalog, store: environment.store, clock: environment.clock,
                            randomness: environment.randomness, searchIndex: environment.searchIndex, sharedFacts: environment.learnerFacts)
    }

    /// The learner's service, refusing other scopes (403) and, for quizzes, people no longer active.
    func learner(_ context: APIContext, mustBeActive: Bool) async throws -> LocalLearnerService {
        let employeeID = try employeeID(of: context)
        guard let person = try await environment.store.person(employeeID: employeeID) else { throw unknownLearner(employeeID) }
        let service = service(for: person)
        if mustBeActive && !service.person.active {
            throw APIProblem(.forbidden, type: "inactive-learner", title: "Not allowed with this token",
                             detail: "Employee '\(service.person.employeeID)' is no longer active in the roster, so they cannot take quizzes. Their status can still be read.")
        }
        return service
    }

    func register(on group: RouterGroup<APIContext>) {
        group.get("me/status") { _, context in
            // The person and their record in one read: every learner's tutor asks for this.
            let employeeID = try employeeID(of: context)
            guard let record = try await environment.store.learnerRecord(employeeID: employeeID) else { throw unknownLearner(employeeID) }
            return try Rendering.json(try await service(for: record.person).overview(from: record))
        }
        // Reading attempts changes nothing: the remote tutor offers a quiz left open and re-reads
        // one after every answer (another terminal may have answered meanwhile).
        group.get("me/attempts") { _, context in
            try Rendering.json(try await learner(context, mustBeActive: false).openQuizzes())
        }
        group.get("me/attempts/:id") { _, context in
            let service = try await learner(context, mustBeActive: false)
            return try Rendering.json(try await service.quiz(attemptID: try context.parameters.require("id")))
        }
        group.post("me/attempts") { request, context in
            let service = try await learner(context, mustBeActive: true)
            let body = try await request.decode(StartQuiz.self, limit: environment.limits.json, timeout: environment.limits.bodyTimeout)
            let state = try await service.quiz(moduleID: body.moduleID, language: body.lang ?? .nb)
            return try Rendering.json(state, status: state.started ? .created : .ok)
        }
        group.post("me/attempts/:id/answers") { request, context in
            let service = try await learner(context, mustBeActive: true)
            let id = try context.parameters.require("id")
            let body = try await request.decode(Answer.self, limit: environment.limits.json, timeout: environment.limits.bodyTimeout)
            return try Rendering.json(try await service.answer(attemptID: id, position: body.position, chosen: Set(body.chosen)))
        }
        group.post("me/attempts/:id/finish") { _, context in
            let service = try await learner(context, mustBeActive: true)
            return try Rendering.json(try await service.finish(attemptID: try context.parameters.require("id")))
        }
    }
}
