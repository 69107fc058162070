public import KyndigCore

/// The course as the API sends it (`GET /modules`, `GET /modules/{id}`, `GET /roles`): one set
/// of documents the server encodes and the remote tutor decodes, so the two cannot drift apart.
public enum CourseDocuments {
    /// A module as `GET /modules` lists it.
    public struct ModuleSummary: Codable, Sendable {
        public let id: String
        public let version: ModuleVersion
        public let level: String
        public let minutes: Int
        public let languages: [Language]
        public let titles: [String: String]
        public let roleIDs: [String]
        public let contextIDs: [String]
        public let obligationIDs: [String]

        public init(_ module: Module) {
            id = module.id
            version = module.version
            level = module.level.rawValue
            minutes = module.minutes
            languages = module.languages
            titles = Dictionary(uniqueKeysWithValues: module.texts.map { ($0.key.rawValue, $0.value.title) })
            roleIDs = module.roleIDs
            contextIDs = module.contextIDs
            obligationIDs = module.obligationIDs
        }
    }

    /// A role as `GET /roles` lists it: its names (the tutor greets with them) and its modules.
    public struct RoleSummary: Codable, Sendable {
        public let id: String
        public let name: LocalizedText
        public let description: LocalizedText
        public let moduleIDs: [String]

        public init(_ role: Role) {
            id = role.id
            name = role.name
            description = role.description
            moduleIDs = role.moduleIDs
        }
    }

    /// A module's text in one language with its sections (Markdown as written).
    public struct ModuleDocument: Codable, Sendable {
        public let id: String
        public let version: ModuleVersion
        public let lang: Language
        public let title: String
        public let objectives: [String]
        public let sources: [String]
        public let introduction: String
        public let contentHash: String
        public let sections: [SectionDocument]

        public init(_ module: Module, text: ModuleText) {
            id = module.id
            version = module.version
            lang = text.language
            title = text.title
            objectives = text.objectives
            sources = text.sources
            introduction = text.introduction
            contentHash = text.contentHash
            sections = text.sections.map(SectionDocument.init)
        }
    }

    public struct SectionDocument: Codable, Sendable {
        public let anchor: String
        public let title: String
        public let level: Int
        public let parentAnchor: String?
        public let markdown: String

        public init(_ section: Section) {
            anchor = section.anchor
            title = section.title
            level = section.level
            parentAnchor = section.parentAnchor
            markdown = section.markdown
        }
    }
}
