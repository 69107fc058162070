import Foundation
import KyndigCore
import KyndigStore

/// A storage backend the contract tests run against. A PostgreSQL backend adds a case here and
/// runs every contract test unchanged.
public enum StoreBackend: String, CaseIterable, Sendable {
    /// A real SQLite file in a temporary directory (WAL, a pool of connections).
    case sqliteFile
    /// A private in-memory SQLite database.
    case sqliteMemory

    /// A new, empty, migrated store. The file lives as long as `directory`: keep it to the end of the
    /// test (`withExtendedLifetime`), or later connections find no file.
    public func makeStore() throws -> (store: any KyndigStore, directory: TemporaryDirectory?) {
        switch self {
        case .sqliteFile:
            let directory = try TemporaryDirectory("kyndig-store")
            return (try SQLiteStore.open(path: directory.path("contract.sqlite"), create: true), directory)
        case .sqliteMemory:
            return (try SQLiteStore.inMemory(), nil)
        }
    }
}

extension LearnerStore where Self: PeopleStore {
    /// The passes of the person with `employeeID` (none when there is no such person).
    public func completions(of employeeID: String) async throws -> [Completion] {
        guard let person = try await person(employeeID: employeeID) else { return [] }
        return try await learnerRecord(of: person).completions
    }
}

/// Builders for small organisations and catalogs, so tests state only what matters to them.
public enum Build {
    public static func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    /// The day tests change things on, unless they say otherwise.
    public static let today = date("2026-03-01")

    /// An instant from ISO 8601 text (`2026-03-01T23:30:00Z`).
    public static func instant(_ iso: String) -> Date { try! Date(iso, strategy: .iso8601) }

    public static func person(
        _ employeeID: String, username: String? = nil, unit: String = "W", roles: [String] = ["clinician"],
        start: String = "2025-03-01", active: Bool = true
    ) -> Person {
        Person(employeeID: employeeID, name: "Person \(employeeID)", email: "\(employeeID.lowercased())@example.org",
               username: username ?? employeeID.lowercased(), unitID: unit, roleIDs: roles, startDate: date(start),
               managerEmployeeID: nil, active: active)
    }

    /// A hospital H with a clinic C and two wards W (under C) and X (under H), and `people`.
    public static func roster(_ people: [Person]) -> RosterSnapshot {
        RosterSnapshot(
            units: [
                OrgUnit(id: "H", name: "Hospital", parentID: nil), OrgUnit(id: "C", name: "Clinic", parentID: "H"),
                OrgUnit(id: "W", name: "Ward", parentID: "C"), OrgUnit(id: "X", name: "Other ward", parentID: "H"),
            ],
            people: people)
    }

    /// The plan that adds `roster` to an empty database.
    public static func plan(adding roster: RosterSnapshot) -> RosterPlan {
        RosterPlan(current: RosterSnapshot(units: [], people: []), incoming: roster, full: false)
    }

    public static func change(_ source: String = "test", actor: String = "tester", at: Date = instant("2026-03-01T10:00:00Z")) -> Change {
        Change(actor: actor, at: at, source: source)
    }

    /// A module with one text per language, `questionCount` single-choice questions per pool
    /// (option 0 right), sections `s1`, `s2`.
    public static func module(
        _ id: String, version: String = "1.0", roles: [String] = ["clinician"], contexts: [String] = [],
        languages: [Language] = [.nb, .en], hashSuffix: String = "", obligations: [String] = ["art-4"], kind: Module.Kind = .course
    ) -> (module: Module, pools: [Language: QuizPool]) {
        var texts: [Language: ModuleText] = [:]
        var pools: [Language: QuizPool] = [:]
        for language in languages {
            let sections = ["s1", "s2"].enumerated().map { index, anchor in
                Section(anchor: anchor, title: "Section \(index + 1)", level: 2, parentAnchor: nil, markdown: "Text \(anchor).", line: 10 * (index + 1))
            }
            texts[language] = ModuleText(
                moduleID: id, language: language, title: "\(id) (\(language.rawValue))", objectives: ["o"], sources: ["s"],
                introduction: "", sections: sections, wordCount: 100,
                contentHash: "hash-\(id)-\(language.rawValue)-\(version)\(hashSuffix)", hashedTexts: .init(module: "m", quiz: "q"))
            pools[language] = QuizPool(moduleID: id, language: language, questions: (1...5).map { n in
                Question(id: "q\(n)", kind: .single, scenario: false, section: n % 2 == 0 ? "s2" : "s1", text: "Question \(n)?",
                         options: [.init(text: "right", correct: true), .init(text: "wrong", correct: false), .init(text: "also wrong", correct: false)],
                         explanation: "Because.")
            })
        }
        let module = Module(id: id, version: ModuleVersion(version)!, level: .basic, roleIDs: roles, contextIDs: contexts,
                            obligationIDs: obligations, minutes: 5, kind: kind, texts: texts)
        return (module, pools)
    }

    public static let policy = Policy(
        passMark: 0.6, questionsPerQuiz: 3, validityMonths: 24, graceDays: 30, expiringSoonDays: 60, invalidatePassOn: .major,
        timeZone: TimeZone(identifier: "Europe/Oslo")!, jurisdiction: .norway)

    /// A catalog where clinicians take `basics` and a high-risk system asks for `oversight`.
    /// The obligation the fixture modules serve: EU law, so not in force for the Norwegian policy.
    public static let artFour = Obligation(
        id: "art-4", instrument: "AI Act", article: "Art. 4", title: .init(nb: "KI-kompetanse", en: "AI literacy"),
        summary: .init(nb: "", en: ""), jurisdiction: .eu, effectiveFrom: date("2025-02-02"), supersededBy: nil)

    public static func catalog(
        modules: [(module: Module, pools: [Language: QuizPool])]? = nil, obligations: [Obligation] = [artFour], policy: Policy = policy
    ) -> Catalog {
        let modules = modules ?? [module("basics"), module("oversight", roles: [], contexts: ["high-risk"])]
        return Catalog(
            roles: [Role(id: "clinician", name: .init(nb: "Kliniker", en: "Clinician"), description: .init(nb: "", en: ""),
                         moduleIDs: modules.filter { $0.module.roleIDs.contains("clinician") }.map(\.module.id))],
            contexts: [SystemContext(id: "high-risk", name: .init(nb: "Høy risiko", en: "High risk"), description: .init(nb: "", en: ""),
                                     moduleIDs: modules.filter { $0.module.contextIDs.contains("high-risk") }.map(\.module.id))],
            obligations: obligations, policy: policy, glossary: [],
            modules: Dictionary(uniqueKeysWithValues: modules.map { ($0.module.id, $0.module) }),
            quizzes: Dictionary(uniqueKeysWithValues: modules.map { ($0.module.id, $0.pools) }))
    }
}
