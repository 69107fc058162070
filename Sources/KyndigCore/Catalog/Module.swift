/// A course module: the facts that hold in every language (version, who must take it, the
/// obligations it serves, reading time) and its text in each language it is written in.
///
/// Keeping the language-independent facts in one place means the languages cannot disagree on
/// them: `catalog check` rejects a module whose language files do.
public struct Module: Sendable, Hashable, Codable, Identifiable {
    public enum Level: String, Sendable, Hashable, Codable, CaseIterable {
        case basic, advanced
    }

    /// What a module is: part of the course, or a hospital's own short unit on one AI system in
    /// its register (`local-unit`), required through the register's `local_unit` field.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case course
        case localUnit = "local-unit"
    }

    public let id: String
    public let version: ModuleVersion
    public let level: Level
    public let roleIDs: [String]
    public let contextIDs: [String]
    public let obligationIDs: [String]
    public let minutes: Int
    public let kind: Kind
    /// Questions drawn per attempt when the module sets its own (`questions:`); nil: the policy's.
    public let questionsPerQuiz: Int?
    /// The module's text by language; never empty.
    public let texts: [Language: ModuleText]

    public init(
        id: String, version: ModuleVersion, level: Level, roleIDs: [String], contextIDs: [String],
        obligationIDs: [String], minutes: Int, kind: Kind = .course, questionsPerQuiz: Int? = nil, texts: [Language: ModuleText]
    ) {
        precondition(!texts.isEmpty, "a module has at least one text")
        self.id = id
        self.version = version
        self.level = level
        self.roleIDs = roleIDs
        self.contextIDs = contextIDs
        self.obligationIDs = obligationIDs
        self.minutes = minutes
        self.kind = kind
        self.questionsPerQuiz = questionsPerQuiz
        self.texts = texts
    }

    /// How many questions an attempt draws from a pool of `poolSize`: the module's own number or
    /// the policy's, never more than the pool holds.
    public func quizSize(policy: Policy, poolSize: Int) -> Int {
        min(questionsPerQuiz ?? policy.questionsPerQuiz, poolSize)
    }

    /// The languages the module is written in, in `Language` order.
    public var languages: [Language] { texts.keys.sorted() }

    /// The text in `language`, or in the first language it is written in when that one is missing.
    public func text(preferring language: Language) -> ModuleText {
        texts[language] ?? texts[languages[0]]!
    }
}

/// One language version of a module: what the learner reads, and the content hash that pins
/// quiz attempts and passes to exactly this text and its quiz pool.
public struct ModuleText: Sendable, Hashable, Codable {
    public let moduleID: String
    public let language: Language
    public let title: String
    public let objectives: [String]
    public let sources: [String]
    /// Text before the first section, if any.
    public let introduction: String
    public let sections: [Section]
    public let wordCount: Int
    /// SHA-256 over the normalised module file and its quiz pool (hex).
    public let contentHash: String
    /// The normalised texts the hash covers, stored with the version as evidence.
    public let hashedTexts: HashedTexts

    public struct HashedTexts: Sendable, Hashable, Codable {
        public let module: String
        public let quiz: String

        public init(module: String, quiz: String) {
            self.module = module
            self.quiz = quiz
        }
    }

    public init(
        moduleID: String, language: Language, title: String, objectives: [String], sources: [String],
        introduction: String, sections: [Section], wordCount: Int, contentHash: String, hashedTexts: HashedTexts
    ) {
        self.moduleID = moduleID
        self.language = language
        self.title = title
        self.objectives = objectives
        self.sources = sources
        self.introduction = introduction
        self.sections = sections
        self.wordCount = wordCount
        self.contentHash = contentHash
        self.hashedTexts = hashedTexts
    }

    public func section(_ anchor: String) -> Section? {
        sections.first { $0.anchor == anchor }
    }

    /// The `##` sections, in order (each with its `###` subsections under it).
    public var topSections: [Section] { sections.filter { $0.level == 2 } }
}

/// A `##` or `###` heading of a module and the Markdown under it (up to the next heading).
public struct Section: Sendable, Hashable, Codable {
    public let anchor: String
    public let title: String
    /// 2 for a section, 3 for a subsection.
    public let level: Int
    /// Anchor of the enclosing `##` section, for subsections.
    public let parentAnchor: String?
    /// Markdown source of the section body, without the heading line.
    public let markdown: String
    /// Line of the heading in the module file (1-based).
    public let line: Int

    public init(anchor: String, title: String, level: Int, parentAnchor: String?, markdown: String, line: Int) {
        self.anchor = anchor
        self.title = title
        self.level = level
        self.parentAnchor = parentAnchor
        self.markdown = markdown
        self.line = line
    }

    /// How a citation names this section: `module-id §anchor`.
    public func citation(moduleID: String) -> String { "\(moduleID) §\(anchor)" }
}
