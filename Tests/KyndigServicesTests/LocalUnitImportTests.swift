import Foundation
import KyndigCatalog
import KyndigCore
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Testing

/// The register's `local_unit`: checked against the catalog (a module written as a local unit),
/// stored, and turned into requirements for the people the system names.
struct LocalUnitImportTests {
    let catalog: Catalog
    let store: any KyndigStore
    let clock = WallClock.fixed(Build.instant("2026-03-01T10:00:00Z"))
    let directory: TemporaryDirectory

    init() async throws {
        directory = try TemporaryDirectory()
        let root = try directory.copyFixture("good-catalog")
        try LocalUnitFixture.write("triage-local", into: root)
        catalog = try CatalogLoader.load(root: root)
        store = try SQLiteStore.inMemory()
        _ = try await RosterImport(store: store, clock: clock).run(
            path: TestPaths.fixture("roster/good.csv").path, name: "good.csv", catalog: catalog, full: false, dryRun: false, actor: "hr")
    }

    func importSystems(_ text: String, file: String = "ai-systems.yaml") async throws -> SystemsImport.Summary {
        let path = try directory.write(file, text)
        return try await SystemsImport(store: store, clock: clock).run(path: path, name: file, catalog: catalog, dryRun: false, actor: "it")
    }

    static func register(localUnit: String) -> String {
        """
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
            overseers: [E1]
            local_unit: \(localUnit)
        """
    }

    @Test func theLocalUnitIsStoredAndRequiredForThePeopleTheSystemNames() async throws {
        _ = try await importSystems(Self.register(localUnit: "triage-local"))
        let systems = try await store.systems()
        #expect(systems.map(\.localUnitID) == ["triage-local"])
        func requirements(_ id: String) async throws -> [Requirement] {
            let person = try #require(try await store.person(employeeID: id))
            return catalog.requirements(for: person, unitAncestry: [person.unitID, "H"], systems: systems)
        }
        // E2 is a clinician in AKU; E1, a leader in H, oversees it.
        #expect(try await requirements("E2").first { $0.moduleID == "triage-local" }?.reasons == [.localUnit(systemID: "triage")])
        #expect(try await requirements("E1").first { $0.moduleID == "triage-local" }?.reasons == [.localUnit(systemID: "triage")])
        // Importing the same register again changes nothing.
        let again = try await importSystems(Self.register(localUnit: "triage-local"))
        #expect(again.added.isEmpty && again.changed.isEmpty && again.removed.isEmpty)
    }

    @Test(arguments: [
        ("triage-locl", "ai-systems.yaml:13: local_unit: unknown module 'triage-locl'. Did you mean 'triage-local'? Write the unit in curricula/triage-locl/ from docs/local-unit-template/ and load the catalog, or fix the id."),
        ("basics", "ai-systems.yaml:13: local_unit: module 'basics' is not a local unit. Name a module with 'kind: local-unit' in its front matter. Local units: triage-local."),
    ])
    func aLocalUnitThatIsNotOneIsRefused(_ named: String, _ message: String) async throws {
        await #expect {
            _ = try await importSystems(Self.register(localUnit: named))
        } throws: { error in
            (error as? Problems)?.items.map(\.description) == [message]
        }
        #expect(try await store.systems().isEmpty)
    }

    @Test func theSpreadsheetRegisterHasALocalUnitColumn() async throws {
        let csv = """
            id,name,vendor,purpose,risk,route,contexts,units,roles,local_unit
            triage,Triage,Example AS,Ranks the queue.,high,annex-i,high-risk,AKU,clinician,triage-local
            scribe,Scribe,Example AS,Writes notes.,limited,,,AKU,,

            """
        _ = try await importSystems(csv, file: "ai-systems.csv")
        #expect(try await store.systems().map(\.localUnitID) == [nil, "triage-local"])
    }
}
