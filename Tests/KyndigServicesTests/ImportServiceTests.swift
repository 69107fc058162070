import Foundation
import KyndigCatalog
import KyndigCore
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Testing

/// The roster and AI-system register imports and the catalog sync, as services on a real store.
struct ImportServiceTests {
    let catalog: Catalog
    let store: any KyndigStore
    let clock = WallClock.fixed(Build.instant("2026-03-01T10:00:00Z"))
    let directory: TemporaryDirectory

    init() async throws {
        catalog = try CatalogLoader.load(root: TestPaths.fixture("good-catalog"))
        store = try SQLiteStore.inMemory()
        directory = try TemporaryDirectory()
    }

    func importRoster(_ file: String = "roster/good.csv", full: Bool = false, dryRun: Bool = false) async throws -> RosterImport.Summary {
        try await RosterImport(store: store, clock: clock).run(
            path: TestPaths.fixture(file).path, name: URL(fileURLWithPath: file).lastPathComponent, catalog: catalog, full: full,
            dryRun: dryRun, actor: "hr")
    }

    func importSystems(_ yaml: String, dryRun: Bool = false) async throws -> SystemsImport.Summary {
        let path = try directory.write("ai-systems.yaml", yaml)
        return try await SystemsImport(store: store, clock: clock).run(
            path: path, name: "ai-systems.yaml", catalog: catalog, dryRun: dryRun, actor: "it")
    }

    static let register = """
        format_version: 1
        systems:
          - id: triage
            name: Triage
            vendor: Example AS
            purpose: Ranks the queue.
            risk: high
            route: annex-i
            contexts: [high-risk]
            units: [AKU]
            roles: [clinician]
        """

    @Test func aRosterImportReportsWhatItChangedAndIsIdempotent() async throws {
        let dry = try await importRoster(dryRun: true)
        #expect(dry.peopleAdded == 4 && dry.unitsAdded == 2 && dry.rows == 4 && dry.dryRun)
        #expect(try await store.rosterSnapshot().people.isEmpty)
        let first = try await importRoster()
        #expect(first.peopleAdded == 4 && first.notes == ["ignored column phone (not used by Kyndig)."])
        #expect(try await importRoster().changeCount == 0)
        let audit = try await store.auditEntries(limit: 10)
        #expect(audit.map(\.action) == [.rosterImport])
        #expect(audit[0].actor == "hr" && audit[0].subject == "good.csv" && audit[0].at == clock.now())
    }

    @Test func aBadRosterThrowsEveryProblemAndWritesNothing() async throws {
        await #expect {
            _ = try await importRoster("roster/bad.csv")
        } throws: { error in
            (error as? Problems)?.items.count == 7
        }
        #expect(try await store.rosterSnapshot().people.isEmpty)
        #expect(try await store.auditEntries(limit: 10).isEmpty)
    }

    /// A roster of `count` people in wards under one clinic, each reporting to the one before
    /// (a chain as long as the file), as CSV rows in the order given.
    static func chainRoster(count: Int, order: (Int) -> Int = { $0 }) -> String {
        let header = "employee_id,name,email,username,unit_id,unit_name,parent_unit_id,roles,start_date,manager_employee_id"
        let rows = (0..<count).map(order).map { index in
            let unit = index == 0 ? "AKU,Akuttklinikken," : "W\(index % 7),Ward \(index % 7),AKU"
            return "E\(index),Person \(index),,user\(index),\(unit),clinician,2024-01-01,\(index == 0 ? "" : "E\(index - 1)")"
        }
        return ([header] + rows).joined(separator: "\n") + "\n"
    }

    func importRoster(text: String, full: Bool = false) async throws -> RosterImport.Summary {
        let path = try directory.write("roster.csv", text)
        return try await RosterImport(store: store, clock: clock).run(path: path, name: "roster.csv", catalog: catalog, full: full, dryRun: false, actor: "hr")
    }

    /// A file larger than what the store is sent at a time: the first rows are written while the
    /// last are read, yet a problem on the last row leaves nothing of the file.
    @Test func aProblemOnTheLastRowOfALargeRosterLeavesNothing() async throws {
        let rows = RosterImport.batchSize * 3
        let text = Self.chainRoster(count: rows) + "E\(rows),Late,,late,W1,Ward 1,AKU,no-such-role,2024-01-01,\n"
        await #expect {
            _ = try await importRoster(text: text)
        } throws: { error in
            (error as? Problems)?.items.map(\.line) == [rows + 2]
        }
        let left = try await store.rosterSnapshot()
        #expect(left.people.isEmpty && left.units.isEmpty)
        #expect(try await store.auditEntries(limit: 10).isEmpty)
        // The same file without that row is imported whole.
        #expect(try await importRoster(text: Self.chainRoster(count: rows)).peopleAdded == rows)
        #expect(try await store.rosterSnapshot().people.count == rows)
    }

    /// Reports before their managers and wards before their clinic: the same organisation as the
    /// file in its natural order, and the same summary.
    @Test func aRosterInAnyOrderGivesTheSameOrganisation() async throws {
        let rows = RosterImport.batchSize + 500
        let reversed = try await importRoster(text: Self.chainRoster(count: rows) { rows - 1 - $0 })
        let stored = try await store.rosterSnapshot()
        #expect(reversed.peopleAdded == rows && reversed.unitsAdded == 8)
        #expect(reversed.added.first?.employeeID == "E\(rows - 1)")
        let other = try SQLiteStore.inMemory()
        let path = try directory.write("natural.csv", Self.chainRoster(count: rows))
        _ = try await RosterImport(store: other, clock: clock).run(path: path, name: "natural.csv", catalog: catalog, full: false, dryRun: false, actor: "hr")
        let expected = try await other.rosterSnapshot()
        #expect(Set(stored.people) == Set(expected.people) && Set(stored.units) == Set(expected.units))
    }

    /// A whole-organisation roster in which a newcomer takes a leaver's username, someone takes
    /// the username a colleague gives up, and two colleagues swap theirs.
    @Test func usernamesPassFromLeaversAndFromThoseWhoChangeTheirs() async throws {
        _ = try await importRoster(text: Self.chainRoster(count: 20))
        var lines = Self.chainRoster(count: 19).split(separator: "\n").map(String.init)
        // E19 leaves; newcomer E99 takes user19. E1 takes user2; E2 becomes user2b. E5 and E6 swap.
        lines.append("E99,Newcomer,,user19,W2,Ward 2,AKU,clinician,2026-02-01,E0")
        lines[2] = lines[2].replacingOccurrences(of: "user1", with: "user2")
        lines[3] = lines[3].replacingOccurrences(of: "user2", with: "user2b")
        lines[6] = lines[6].replacingOccurrences(of: "user5", with: "user6")
        lines[7] = lines[7].replacingOccurrences(of: "user6", with: "user5")
        let summary = try await importRoster(text: lines.joined(separator: "\n") + "\n", full: true)
        #expect(summary.peopleAdded == 1 && summary.peopleChanged == 4 && summary.peopleDeactivated == 1)
        #expect(try await store.person(username: "user5")?.employeeID == "E6")
        #expect(try await store.person(username: "user6")?.employeeID == "E5")
        #expect(try await store.person(username: "user19")?.employeeID == "E99")
        #expect(try await store.person(username: "user2")?.employeeID == "E1")
        #expect(try await store.person(username: "user2b")?.employeeID == "E2")
    }

    @Test func aRegisterImportIsADiffOfTheWholeRegister() async throws {
        _ = try await importRoster()
        let dry = try await importSystems(Self.register, dryRun: true)
        #expect(dry.added == ["triage"] && dry.dryRun)
        #expect(try await store.systems().isEmpty)
        let first = try await importSystems(Self.register)
        #expect(first.added == ["triage"] && first.changed.isEmpty && first.removed.isEmpty)
        #expect(try await store.systems() == [AISystem(id: "triage", name: "Triage", vendor: "Example AS", purpose: "Ranks the queue.",
                                                        risk: .high, route: .annexI, contextIDs: ["high-risk"], unitIDs: ["AKU"], roleIDs: ["clinician"],
                                                        unitSince: ["AKU": Build.date("2026-03-01")])])
        let again = try await importSystems(Self.register)
        #expect(again.added.isEmpty && again.changed.isEmpty && again.removed.isEmpty)
        let moved = try await importSystems(Self.register.replacingOccurrences(of: "units: [AKU]", with: "units: [H]"))
        #expect(moved.changed == ["triage"])
        #expect(try await store.auditEntries(limit: 10).filter { $0.action == .systemsImport }.count == 2)
    }

    /// Every problem of a register, located by line and field, in one run; nothing is written.
    @Test func aBadRegisterListsEveryProblemWithLineAndField() async throws {
        _ = try await importRoster()
        let yaml = """
            format_version: 1
            systems:
              - id: triage
                name: Triage
                vendor: Example AS
                purpose: Ranks the queue.
                risk: high
                route: annex-i
                contexts: [high-risk, magic]
                units: [AKU, ICU]
                roles: [nurse]
              - id: triage
                vendor: Example AS
                purpose: Again.
                risk: high
                route: annex-i
                contexts: [high-risk]
                units: []
            """
        await #expect {
            _ = try await importSystems(yaml)
        } throws: { error in
            let problems = (error as? Problems)?.items.map(\.description) ?? []
            return problems == [
                "ai-systems.yaml:9: contexts: unknown context 'magic'. Use one of: high-risk.",
                "ai-systems.yaml:10: units: unknown unit 'ICU'. Import the roster first, or fix the unit id.",
                "ai-systems.yaml:11: roles: unknown role 'nurse'. Use one of: clinician, admin-staff, leader.",
                "ai-systems.yaml:12: id: 'triage' is used twice. Give each system its own id.",
                "ai-systems.yaml:12: name: is missing. Add 'name'.",
                "ai-systems.yaml:18: units: is empty. List the units that use the system.",
            ]
        }
        #expect(try await store.systems().isEmpty)
    }

    @Test(arguments: [
        ("", "ai-systems.yaml:1: the file is empty. Start it with 'format_version: 1' and a 'systems:' list."),
        ("systems: []\n", "ai-systems.yaml:1: format_version: missing or newer than this Kyndig understands (1). Add 'format_version: 1' or update Kyndig."),
        ("format_version: 2\nsystems: []\n", "ai-systems.yaml:1: format_version: missing or newer than this Kyndig understands (1). Add 'format_version: 1' or update Kyndig."),
    ])
    func aRegisterThatIsNotARegisterIsOneClearProblem(_ yaml: String, _ message: String) async throws {
        await #expect {
            _ = try await importSystems(yaml)
        } throws: { error in
            (error as? Problems)?.items.map(\.description) == [message]
        }
    }

    @Test func catalogSyncStoresEachLanguageVersionOnce() async throws {
        let sync = CatalogSync(store: store, clock: clock)
        let added = try await sync.sync(catalog, actor: "author")
        #expect(added.map { "\($0.moduleID)/\($0.language.rawValue)" } == ["basics/nb", "basics/en", "oversight/nb", "oversight/en"])
        #expect(added[0].contentHash == catalog.text("basics", language: .nb)?.contentHash)
        #expect(added[0].moduleText.hasPrefix("---\nid: basics"))
        #expect(try await sync.sync(catalog, actor: "author").isEmpty)
        #expect(try await store.auditEntries(limit: 10).map(\.details["versions_added"]) == ["4"])
    }
}

/// The register from a spreadsheet, its overseers, and the Art. 26(2) check over them.
struct RegisterOversightTests {
    @Test func aCSVRegisterReadsAsTheYAMLOneAndOverseersMustBeActiveEmployees() async throws {
        let catalog = try CatalogLoader.load(root: TestPaths.fixture("good-catalog"))
        let store = try SQLiteStore.inMemory()
        let clock = WallClock.fixed(Build.instant("2026-11-30T10:00:00Z"))
        _ = try await RosterImport(store: store, clock: clock).run(path: TestPaths.fixture("roster/good.csv").path, catalog: catalog,
                                                                     full: false, dryRun: false, actor: "hr")
        let directory = try TemporaryDirectory()
        let csv = try directory.write("register.csv", """
            id;name;vendor;purpose;risk;route;contexts;units;roles;overseers
            triage;Triage;Example AS;"Ranks the queue; flags the sickest";high;annex-iii;high-risk;AKU;clinician;E2|E1
            ;;;;;;;;;
            """)
        let summary = try await SystemsImport(store: store, clock: clock).run(path: csv, name: "register.csv", catalog: catalog, dryRun: false, actor: "it")
        #expect(summary.added == ["triage"])
        let system = try #require(try await store.systems().first)
        #expect(system.risk == .high && system.route == .annexIII && system.overseerIDs == ["E1", "E2"])
        #expect(system.purpose == "Ranks the queue; flags the sickest")
        let bad = try directory.write("bad.csv", """
            id,name,vendor,purpose,risk,route,units,overseers
            scribe,Scribe,V,P,extreme,,AKU,E99
            pump,Pump,V,P,high,,AKU,
            chat,Chat,V,P,limited,annex-iii,AKU,
            ecg,ECG,V,P,high,annex 1,AKU,

            """)
        await #expect {
            _ = try await SystemsImport(store: store, clock: clock).run(path: bad, name: "bad.csv", catalog: catalog, dryRun: false, actor: "it")
        } throws: { error in
            (error as? Problems)?.items.map(\.description) == [
                "bad.csv:2: overseers: 'E99' is not an active employee id in the roster. Give the employee id of the person who oversees the system.",
                "bad.csv:2: risk: 'extreme' is not a risk class. Use one of: high, limited, minimal, gpai.",
                "bad.csv:3: route: is missing for a high-risk system: the deployer duties start on a different day on each route. Use annex-i for AI in a product such as a medical device (Art. 6(1)) or annex-iii for a use listed in Annex III (Art. 6(2)).",
                "bad.csv:4: route: is given for a limited-risk system. Only high-risk systems have a route: remove it, or set risk: high.",
                "bad.csv:5: route: 'annex 1' is not a route. Use one of: annex-i, annex-iii.",
            ]
        }
    }

    /// Art. 26(2): an overseer must have met the oversight training; a system nobody oversees is flagged.
    @Test func theOversightCheckNamesUntrainedOverseersAndUnassignedSystems() async throws {
        let catalog = Build.catalog()
        let store = try SQLiteStore.inMemory()
        let clock = WallClock.fixed(Build.instant("2026-03-01T10:00:00Z"))
        try await store.apply(Build.plan(adding: Build.roster([Build.person("E1"), Build.person("E2", unit: "X")])), on: Build.today, change: Build.change())
        _ = try await CatalogSync(store: store, clock: .fixed(Build.instant("2025-01-01T10:00:00Z"))).sync(catalog, actor: "t")
        let triage = AISystem(id: "triage", name: "Triage", vendor: "V", purpose: "P", risk: .high, contextIDs: ["high-risk"], unitIDs: ["W"],
                              roleIDs: [], overseerIDs: ["E1", "E2"])
        let lonely = AISystem(id: "lonely", name: "Lonely", vendor: "V", purpose: "P", risk: .high, contextIDs: ["high-risk"], unitIDs: ["W"], roleIDs: [])
        try await store.apply(SystemsPlan(current: [], incoming: [triage, lonely]), on: Build.date("2026-01-01"), change: Build.change())
        // E1 passes the oversight module; E2 (another ward, so only as overseer) does not.
        let learner = LocalLearnerService(person: Build.person("E1"), catalog: catalog, store: store, clock: clock)
        let state = try await learner.quiz(moduleID: "oversight", language: .en)
        for position in state.questions.indices {
            _ = try await learner.answer(attemptID: state.attempt.id, position: position, chosen: [state.questions[position].options.firstIndex(of: "right")!])
        }
        _ = try await learner.finish(attemptID: state.attempt.id)
        let check = try await OversightCheck(store: store, clock: clock).run(catalog)
        #expect(check.map(\.systemID) == ["lonely", "triage"])
        #expect(check[0].unassigned && !check[0].allTrained)
        #expect(check[1].overseers.map(\.employeeID) == ["E1", "E2"])
        #expect(check[1].overseers.map(\.trained) == [true, false])
        #expect(check[1].overseers[1].statuses.map(\.requirement.reasons) == [[.oversight(systemID: "triage")]])
        #expect(!check[1].allTrained)
    }
}
