import Foundation
import KyndigCore
import KyndigServices

/// The course as the API serves it (`GET /modules`, `GET /modules/{id}?lang=`, `GET /roles`), as a
/// `Catalog` the tutor reads: modules, their texts and the roles' names. Quiz pools, contexts and
/// obligations stay on the server; the policy is a placeholder nothing on the client reads, since
/// every rule runs on the server.
enum RemoteCourse {
    /// Every module in every language it is written in: one request per text, a few at a time.
    static func load(_ client: APIClient) async throws -> Catalog {
        let summaries: [CourseDocuments.ModuleSummary] = try await client.get("modules")
        let roles: [CourseDocuments.RoleSummary] = try await client.get("roles")
        let texts = try await withThrowingTaskGroup(of: (String, ModuleText).self) { group in
            var started = 0
            var texts: [String: [Language: ModuleText]] = [:]
            let wanted = summaries.flatMap { summary in summary.languages.map { (summary.id, $0) } }
            for (id, language) in wanted {
                // At most four requests in flight: a course is a few dozen texts.
                if started >= 4, let done = try await group.next() { texts[done.0, default: [:]][done.1.language] = done.1 }
                group.addTask { (id, try await text(id, language, client)) }
                started += 1
            }
            for try await (moduleID, loaded) in group { texts[moduleID, default: [:]][loaded.language] = loaded }
            return texts
        }
        var modules: [String: Module] = [:]
        for summary in summaries {
            guard let moduleTexts = texts[summary.id], !moduleTexts.isEmpty else { continue }
            // An unknown level is a server of another version: say so rather than guess one.
            guard let level = Module.Level(rawValue: summary.level) else {
                throw LearnerServiceFailure(
                    "The server describes module \(summary.id) with level '\(summary.level)', which this kyndig does not know. Check that the server runs the same Kyndig version as this terminal.",
                    transient: false)
            }
            modules[summary.id] = Module(
                id: summary.id, version: summary.version, level: level, roleIDs: summary.roleIDs,
                contextIDs: summary.contextIDs, obligationIDs: summary.obligationIDs, minutes: summary.minutes, texts: moduleTexts)
        }
        // Reading only: the server applies the policy; the tutor shows no rule from this one.
        let placeholder = Policy(passMark: 0.8, questionsPerQuiz: 0, validityMonths: 0, graceDays: 0, expiringSoonDays: 0,
                                 invalidatePassOn: .never, timeZone: .current, jurisdiction: .norway)
        return Catalog(
            roles: roles.map { Role(id: $0.id, name: $0.name, description: $0.description, moduleIDs: $0.moduleIDs) }, contexts: [], obligations: [], policy: placeholder, glossary: [], modules: modules, quizzes: [:])
    }

    private static func text(_ id: String, _ language: Language, _ client: APIClient) async throws -> ModuleText {
        let document: CourseDocuments.ModuleDocument = try await client.get("modules/\(APIClient.segment(id))", query: [URLQueryItem(name: "lang", value: language.rawValue)])
        let sections = document.sections.map {
            Section(anchor: $0.anchor, title: $0.title, level: $0.level, parentAnchor: $0.parentAnchor, markdown: $0.markdown, line: 0)
        }
        return ModuleText(
            moduleID: document.id, language: document.lang, title: document.title, objectives: document.objectives, sources: document.sources,
            introduction: document.introduction, sections: sections,
            wordCount: sections.reduce(0) { $0 + $1.markdown.split(whereSeparator: \.isWhitespace).count },
            contentHash: document.contentHash, hashedTexts: .init(module: document.contentHash, quiz: ""))
    }
}
