import KyndigCore
import KyndigTestSupport
import PropertyBased
import Testing

/// The planner works requirements out once per (unit, roles) and dates per person: over generated
/// organisations it must give exactly what `Catalog.requirements` gives, person by person, in
/// whatever order the people come.
struct RequirementPlannerTests {
    static let units = ["H", "C", "W", "X", "Y"]
    /// Each unit's ancestry, nearest first: H ← C ← W, H ← X ← Y.
    static let ancestry = ["H": ["H"], "C": ["C", "H"], "W": ["W", "C", "H"], "X": ["X", "H"], "Y": ["Y", "X", "H"]]
    static let roles = ["clinician", "leader", "lawyer"]
    static let contexts = ["high-risk", "generative"]

    /// Modules spread over the roles and contexts, some shared by both.
    static let catalog: Catalog = {
        let modules = [
            Build.module("basics", roles: ["clinician", "leader", "lawyer"]),
            Build.module("lead", roles: ["leader"]),
            Build.module("law", roles: ["lawyer"], contexts: ["high-risk"]),
            Build.module("oversight", roles: [], contexts: ["high-risk"]),
            Build.module("genai", roles: ["clinician"], contexts: ["generative"]),
            Build.module("local", roles: [], kind: .localUnit),
            Build.module("local-2", roles: [], kind: .localUnit),
        ]
        func ids(_ keep: (Module) -> Bool) -> [String] { modules.map(\.module).filter(keep).map(\.id) }
        return Catalog(
            roles: roles.map { role in
                Role(id: role, name: .init(nb: role, en: role), description: .init(nb: "", en: ""), moduleIDs: ids { $0.roleIDs.contains(role) },
                     measureIDs: role == "clinician" ? ["workshop"] : [])
            },
            contexts: contexts.map { context in
                SystemContext(id: context, name: .init(nb: context, en: context), description: .init(nb: "", en: ""),
                              moduleIDs: ids { $0.contextIDs.contains(context) })
            },
            obligations: [],
            measures: [
                Measure(id: "workshop", name: .init(nb: "", en: ""), description: .init(nb: "", en: ""), moduleIDs: ["basics", "genai"]),
                Measure(id: "hands-on", name: .init(nb: "", en: ""), description: .init(nb: "", en: ""), moduleIDs: ["oversight", "local"]),
            ],
            policy: Build.policy, glossary: [],
            modules: Dictionary(uniqueKeysWithValues: modules.map { ($0.module.id, $0.module) }),
            quizzes: Dictionary(uniqueKeysWithValues: modules.map { ($0.module.id, $0.pools) }))
    }()

    /// A register and a staff drawn from `seed`: systems in random units, for random roles, some
    /// with link dates and overseers, some with a local unit (shared, of their own, or an ordinary
    /// module or one the catalog lacks, which bring nothing); people with random roles, start dates and histories.
    static func organisation(seed: UInt64) -> (systems: [AISystem], people: [(Person, PersonHistory?)]) {
        var random = SeededRandom(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        func some<T>(_ items: [T]) -> [T] { items.filter { _ in random.next() % 2 == 0 } }
        func day() -> CalendarDate { Build.date("2020-01-01").adding(days: Int(random.next() % 2_500)) }
        let employeeIDs = (0..<40).map { "E\($0)" }
        let systems = (0..<Int(random.next() % 5)).map { index in
            let unitIDs = some(units)
            return AISystem(
                id: "s\(4 - index)", name: "S", vendor: "V", purpose: "P", contextIDs: some(contexts), unitIDs: unitIDs,
                roleIDs: random.next() % 3 == 0 ? some(roles) : [],
                overseerIDs: random.next() % 3 == 0 ? some(Array(employeeIDs.prefix(6))) : [],
                measureIDs: random.next() % 2 == 0 ? ["hands-on"] : [],
                localUnitID: random.next() % 2 == 0 ? pick(["local", "local-2", "basics", "gone"]) : nil,
                unitSince: Dictionary(uniqueKeysWithValues: unitIDs.filter { _ in random.next() % 2 == 0 }.map { ($0, day()) }),
                overseerSince: [:])
        }
        let people = employeeIDs.map { id -> (Person, PersonHistory?) in
            var person = Build.person(id, unit: pick(units), roles: some(roles).shuffled(using: &random), start: day().description)
            person.active = random.next() % 8 != 0
            let history = random.next() % 4 == 0 ? nil : PersonHistory(
                roleSince: Dictionary(uniqueKeysWithValues: person.roleIDs.filter { _ in random.next() % 2 == 0 }.map { ($0, day()) }),
                unitSince: day())
            return (person, history)
        }
        return (systems, people)
    }

    @Test func givesExactlyWhatTheCatalogGives() async {
        await propertyCheck(input: Gen.int(in: 0...1_000_000)) { seed in
            let (systems, people) = Self.organisation(seed: UInt64(seed))
            var planner = RequirementPlanner(catalog: Self.catalog, systems: systems)
            // Twice over: the second pass is served from the plans the first one made.
            for (person, history) in people + people.reversed() {
                let ancestry = Self.ancestry[person.unitID]!
                let expected = Self.catalog.requirements(for: person, unitAncestry: ancestry, systems: systems, history: history)
                #expect(planner.requirements(for: person, unitAncestry: ancestry, history: history) == expected, "seed \(seed), \(person.employeeID)")
            }
        }
    }

    /// Two people in the same unit with the same roles share a plan but not their dates.
    @Test func peopleSharingAPlanKeepTheirOwnDates() {
        let triage = AISystem(id: "triage", name: "T", vendor: "V", purpose: "P", contextIDs: ["high-risk"], unitIDs: ["C"], roleIDs: [],
                              unitSince: ["C": Build.date("2026-01-01")])
        var planner = RequirementPlanner(catalog: Self.catalog, systems: [triage])
        let early = Build.person("E1", unit: "W", roles: ["clinician"], start: "2020-01-01")
        let late = Build.person("E2", unit: "W", roles: ["clinician"], start: "2026-06-01")
        let first = planner.requirements(for: early, unitAncestry: ["W", "C", "H"], history: nil)
        let second = planner.requirements(for: late, unitAncestry: ["W", "C", "H"], history: nil)
        #expect(first.map(\.moduleID) == second.map(\.moduleID))
        #expect(first.map(\.arose) == [Build.date("2020-01-01"), Build.date("2020-01-01"), Build.date("2026-01-01"), Build.date("2026-01-01")])
        #expect(second.map(\.arose) == Array(repeating: Build.date("2026-06-01"), count: 4))
    }
}
