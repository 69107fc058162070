import Foundation
import KyndigCatalog
import KyndigCore
import KyndigTestSupport
import Testing

/// The course Kyndig ships, held to the content brief: both languages, 600–1,500 words,
/// 4–8 sections, pools of at least 12 questions of all three kinds with at least 4 scenarios.
struct ShippedCourseTests {
    /// Loaded once for all tests; a broken catalog fails each test instead of crashing the run.
    static let loaded = Result { try CatalogLoader.load(root: TestPaths.packageRoot) }

    static let expectedModules = [
        "ai-basics", "ai-act-essentials", "safe-use-of-ai-tools", "trustworthy-ai-and-ethics", "leading-ai-adoption",
        "ai-in-clinical-practice", "ai-law-for-health", "building-and-running-ai", "ai-in-everyday-admin-work",
        "procurement-of-ai", "human-oversight-high-risk", "generative-ai-assistants",
    ]

    /// The hospitals' own units on their systems: the demo hospital's example.
    static let expectedLocalUnits = ["sepsis-early-warning-local"]

    @Test func everyModuleShipsInBothLanguages() throws {
        let catalog = try Self.loaded.get()
        #expect(Set(catalog.moduleIDs) == Set(Self.expectedModules + Self.expectedLocalUnits))
        for id in Self.expectedModules + Self.expectedLocalUnits {
            #expect(Set(catalog.modules[id]?.languages ?? []) == [.nb, .en], "\(id)")
        }
    }

    @Test(arguments: expectedModules)
    func moduleMeetsTheContentBrief(_ id: String) throws {
        let catalog = try Self.loaded.get()
        for language in Language.allCases {
            let module = try #require(catalog.modules[id]?.texts[language])
            let pool = try #require(catalog.quiz(id, language: language))
            let label = "\(id) (\(language.rawValue))"
            #expect((600...1500).contains(module.wordCount), "\(label): \(module.wordCount) words")
            #expect((4...8).contains(module.sections.count { $0.level == 2 }), "\(label): sections")
            #expect(pool.questions.count >= 12, "\(label): pool of \(pool.questions.count)")
            #expect(pool.questions.count { $0.scenario } >= 4, "\(label): scenarios")
            #expect(Set(pool.questions.map(\.kind)) == Set(Question.Kind.allCases), "\(label): question kinds")
            #expect(!module.objectives.isEmpty && !module.sources.isEmpty && catalog.modules[id]!.minutes > 0, "\(label): front matter")
            #expect(pool.questions.allSatisfy { !$0.explanation.isEmpty }, "\(label): explanations")
        }
        // The two languages are the same course: same questions, same sections.
        let nb = catalog.quiz(id, language: .nb)!.questions.map(\.id)
        let en = catalog.quiz(id, language: .en)!.questions.map(\.id)
        #expect(nb == en, "\(id): question ids differ between nb and en")
    }

    /// The example local unit is short, has both languages saying the same (same sections and
    /// questions), draws a small quiz, and says it is an example for a fictional hospital.
    @Test(arguments: expectedLocalUnits)
    func localUnitIsShortAndMarkedAsAnExample(_ id: String) throws {
        let catalog = try Self.loaded.get()
        let module = try #require(catalog.modules[id])
        #expect(module.kind == .localUnit && module.roleIDs.isEmpty && module.contextIDs.isEmpty)
        let size = try #require(module.questionsPerQuiz)
        for language in Language.allCases {
            let text = try #require(module.texts[language])
            let pool = try #require(catalog.quiz(id, language: language))
            #expect(text.wordCount <= LocalUnitTemplate.maxWords && pool.questions.count >= size)
            #expect(text.topSections.map(\.anchor) == LocalUnitTemplate.sections.map(\.anchor))
        }
        #expect(module.texts[.en]!.introduction.contains("This is an example") && module.texts[.en]!.introduction.contains("invented"))
        #expect(module.texts[.nb]!.introduction.contains("Dette er et eksempel") && module.texts[.nb]!.introduction.contains("oppdiktet"))
        #expect(catalog.quiz(id, language: .nb)!.questions.map(\.id) == catalog.quiz(id, language: .en)!.questions.map(\.id))
    }

    @Test func rolesTakeTheCommonCoreAndTheirTrack() throws {
        let catalog = try Self.loaded.get()
        let core = ["ai-basics", "ai-act-essentials", "safe-use-of-ai-tools", "trustworthy-ai-and-ethics"]
        // Contractors and students on placement take the core; their profession's track comes
        // with a second role (an agency nurse is also a clinician). Every other role has a track.
        let coreOnly: Set = ["contractor", "student"]
        for role in catalog.roles {
            #expect(Array(role.moduleIDs.prefix(4)) == core, "\(role.id)")
            #expect(coreOnly.contains(role.id) ? role.moduleIDs == core : role.moduleIDs.count > 4, "\(role.id)")
        }
        #expect(catalog.roles.map(\.id) == [
            "leader", "clinician", "lawyer", "technologist", "admin-staff", "contractor", "student", "it-partner",
        ])
    }

    /// DOMAIN.md §4: words the search must treat as one. "leverandør" is the supplier, not the AI Act
    /// provider (tilbyder), so it has a group of its own (health-lawyer review, finding 11).
    @Test(arguments: [
        ["KI", "AI", "kunstig intelligens"], ["KI-forordningen", "AI Act"], ["KI-kompetanse", "AI literacy", "KI-kunnskap"],
        ["ROS-analyse", "risiko- og sårbarhetsanalyse", "risk and vulnerability analysis"],
        ["DPIA", "personvernkonsekvensvurdering", "data protection impact assessment"], ["språkmodell", "LLM", "large language model"],
        ["høyrisiko", "high-risk"], ["idriftsetter", "deployer"], ["tilbyder", "provider"], ["leverandør", "supplier", "vendor"],
        ["medisinsk utstyr", "medical device", "MDR"], ["automatiseringsskjevhet", "automation bias"],
        ["gevinstrealisering", "benefit realisation"], ["menneskelig tilsyn", "menneskelig kontroll", "human oversight"],
        ["taushetsplikt", "duty of confidentiality"],
    ])
    func glossaryGroupsTheDomainSynonyms(_ forms: [String]) throws {
        let catalog = try Self.loaded.get()
        let groups = catalog.glossary.filter { term in forms.allSatisfy { form in term.allForms.contains { $0.caseInsensitiveCompare(form) == .orderedSame } } }
        #expect(groups.count == 1, "\(forms) are not one glossary term")
    }

    @Test func theAmendedArticle4SupersedesTheOriginal() throws {
        let catalog = try Self.loaded.get()
        let original = try #require(catalog.obligation("ai-act-art-4"))
        let amended = try #require(catalog.obligation(original.supersededBy ?? ""))
        #expect(original.effectiveFrom.description == "2025-02-02")
        #expect(amended.summary.en.contains("support the development of AI literacy"))
        #expect(amended.effectiveFrom > original.effectiveFrom)
    }

    /// The quizzes test the module, not test-wiseness: true-false answers balanced, the right
    /// option not habitually the longest, not copied word for word from the text, and no
    /// absolute words in true-false statements (`QuizLintTests` shows each check can fail).
    @Test func quizzesGiveNoAnswerAway() throws {
        let catalog = try Self.loaded.get()
        let (byLanguage, figures) = QuizLint.figures(catalog: catalog)
        let problems = figures.problems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        // The same statements in both languages: the answer key cannot differ.
        #expect(byLanguage[.nb]?.trueAnswers == byLanguage[.en]?.trueAnswers)
        for id in Self.expectedModules {
            let nb = catalog.quiz(id, language: .nb)!.questions.map(\.correctIndices)
            let en = catalog.quiz(id, language: .en)!.questions.map(\.correctIndices)
            #expect(nb == en, "\(id): right answers differ between nb and en")
        }
    }
}
