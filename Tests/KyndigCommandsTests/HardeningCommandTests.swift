import Foundation
import GRDB
import KyndigCore
import KyndigStore
import KyndigTestSupport
import Testing

/// Defects found by trying the product as a new user would, then pushing it: each command refuses
/// what would lose data or record false evidence, and says what to do.
struct HardeningCommandTests {
    let catalog = ["--catalog", TestPaths.fixture("good-catalog").path]
    let shipped = ["--catalog", TestPaths.packageRoot.path]
    static let header = "employee_id,name,email,username,unit_id,unit_name,parent_unit_id,roles,start_date,manager_employee_id"

    func imported(_ directory: TemporaryDirectory) async throws -> String {
        let db = directory.path("k.sqlite")
        let result = await InProcess.run(["roster", "import", TestPaths.fixture("roster/good.csv").path, "--db", db] + catalog)
        #expect(result.status == 0, "\(result.stderr)")
        return db
    }

    // MARK: - demo

    @Test func demoNeverDeletesADirectoryOrSomeoneElsesFile() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("folder/keep.txt", "precious")
        let folder = directory.path("folder")
        let onFolder = await InProcess.run(["demo", "--db", folder, "--no-tutor", "--force"] + shipped)
        #expect(onFolder.status == 1)
        #expect(onFolder.stderr.contains("'\(folder)' is a directory. kyndig demo never deletes a directory"))
        #expect(FileManager.default.fileExists(atPath: directory.path("folder/keep.txt")))

        let csv = try directory.write("roster.csv", Self.header + "\n")
        let onCSV = await InProcess.run(["demo", "--db", csv, "--no-tutor"] + shipped)
        #expect(onCSV.status == 1 && onCSV.stderr.contains("exists and is not a demo database"))
        #expect(try String(contentsOfFile: csv, encoding: .utf8) == Self.header + "\n")
    }

    @Test func demoRefusesAProductionDatabaseButReplacesItsOwn() async throws {
        let directory = try TemporaryDirectory()
        let production = try await imported(directory)
        let refused = await InProcess.run(["demo", "--db", production, "--no-tutor"] + shipped)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is a Kyndig database with 4 people and 1 audit-log entries, not an earlier demo"))
        #expect(try await SQLiteStore.openReadOnly(path: production).rosterSnapshot().people.count == 4)

        let demo = directory.path("demo.sqlite")
        #expect(await InProcess.run(["demo", "--db", demo, "--no-tutor"] + shipped).status == 0)
        #expect(SQLiteStore.inspect(path: demo) == .demo)
        #expect(await InProcess.run(["demo", "--db", demo, "--no-tutor"] + shipped).status == 0)
        // --force replaces a file that is not a demo (never a directory).
        #expect(await InProcess.run(["demo", "--db", production, "--no-tutor", "--force"] + shipped).status == 0)
        #expect(SQLiteStore.inspect(path: production) == .demo)
    }

    // MARK: - full imports and registers

    @Test func aHeaderOnlyFullRosterDeactivatesNobody() async throws {
        let directory = try TemporaryDirectory()
        let db = try await imported(directory)
        let empty = try directory.write("empty.csv", Self.header + "\n")
        let result = await InProcess.run(["roster", "import", empty, "--full", "--db", db] + catalog)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Nothing was imported: this full roster has no people, so it would deactivate all 4 active people."))
        #expect(try await SQLiteStore.openReadOnly(path: db).rosterSnapshot().people.allSatisfy(\.active))
        // A dry run shows who would go, by name.
        let dry = await InProcess.run(["roster", "import", empty, "--full", "--dry-run", "--db", db] + catalog)
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("Would deactivate:\n  E1  Hanne Solberg\n  E2  Berg, Ingrid\n"))
    }

    @Test func anEmptyRegisterRemovesNothingUnlessForced() async throws {
        let directory = try TemporaryDirectory()
        let db = try await imported(directory)
        let register = try directory.write("ai.yaml", "format_version: 1\nsystems:\n  - {id: triage, name: T, vendor: V, purpose: P, risk: high, route: annex-i, contexts: [high-risk], units: [AKU]}\n")
        #expect(await InProcess.run(["systems", "import", register, "--db", db] + catalog).status == 0)
        let empty = try directory.write("empty.yaml", "format_version: 1\nsystems: []\n")
        let refused = await InProcess.run(["systems", "import", empty, "--db", db] + catalog)
        #expect(refused.status == 1 && refused.stderr.contains("it would remove all 1 registered systems"))
        let dry = await InProcess.run(["systems", "import", empty, "--dry-run", "--db", db] + catalog)
        #expect(dry.stdout.contains("Dry run, nothing written. The register would change: 0 added, 0 changed, 1 removed.\n  removed: triage"))
        #expect(try await SQLiteStore.openReadOnly(path: db).systems().count == 1)
        #expect(await InProcess.run(["systems", "import", empty, "--force", "--db", db] + catalog).status == 0)
        #expect(try await SQLiteStore.openReadOnly(path: db).systems().isEmpty)
    }

    @Test func aRegisterWithTyposIsRefusedWithLinesAndSuggestions() async throws {
        let directory = try TemporaryDirectory()
        let db = try await imported(directory)
        let register = try directory.write("ai.yaml", """
            format_version: 1
            systemz: []
            systems:
              - id: Stroke CT
                name: T
                vendor: V
                purpose: P
                risk: high
                route: annex-i
                contexs: [high-risk]
                units: [AKU]
            """)
        let result = await InProcess.run(["systems", "import", register, "--db", db] + catalog)
        #expect(result.status == 1)
        #expect(result.stderr == """
            \(register):2: systemz: is not a field of the register. Did you mean 'systems'? The fields are: format_version, systems.
            \(register):4: id: 'Stroke CT' is not a valid id. Use lower-case letters, digits and hyphens, e.g. 'stroke-ct'.
            \(register):10: contexs: is not a field of the register. Did you mean 'contexts'? The fields are: id, name, vendor, purpose, risk, route, contexts, units, roles, overseers, measures, local_unit.
            3 problems; nothing was imported. Fix the file and import again.

            """)
        let broken = try directory.write("broken.yaml", "format_version: 1\nsystems:\n  - id: [unclosed\n")
        let syntax = await InProcess.run(["systems", "import", broken, "--db", db] + catalog)
        #expect(syntax.stderr.hasPrefix("\(broken):4:1: YAML syntax error:"))
        #expect(!syntax.stderr.contains("unclosed\n"))
    }

    // MARK: - databases that should not be created or written

    @Test func aFailedFirstImportLeavesNoDatabase() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("new/k.sqlite")
        let result = await InProcess.run(["roster", "import", TestPaths.fixture("roster/bad.csv").path, "--db", db] + catalog)
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: db))
        // A dry run against a database that does not exist compares with an empty one.
        let dry = await InProcess.run(["roster", "import", TestPaths.fixture("roster/good.csv").path, "--dry-run", "--db", db] + catalog)
        #expect(dry.status == 0 && dry.stdout.contains("Dry run of 4 rows, nothing written. It would change:\n  people: 4 added"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func readingCommandsDoNotWrite() async throws {
        let directory = try TemporaryDirectory()
        let db = try await imported(directory)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        #expect(await InProcess.run(["status", "--user", "ingrid", "--db", db] + catalog).status == 0)
        #expect(await InProcess.run(["systems", "list", "--db", db]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        // Reading a WAL database may leave an empty write-ahead log, never a written one.
        let wal = (try? FileManager.default.attributesOfItem(atPath: db + "-wal")[.size] as? Int) ?? 0
        #expect(wal == 0)
        #expect(try await SQLiteStore.openReadOnly(path: db).auditEntries(limit: 10).count == 1)
    }

    // MARK: - errors people read

    @Test func manyBadRowsPrintTheFirstFiftyAndJSONListsThemAll() async throws {
        let directory = try TemporaryDirectory()
        let rows = (1...120).map { "E\($0),Name,n@x.no,user\($0),H,Hospital,,nurse,2025-01-01," }
        let path = try directory.write("big.csv", ([Self.header] + rows).joined(separator: "\n"))
        let text = await InProcess.run(["roster", "import", path, "--db", directory.path("k.sqlite")] + catalog)
        #expect(text.stderr.components(separatedBy: "\n").count { $0.contains("roles: unknown role 'nurse'") } == 50)
        #expect(text.stderr.contains("… and 70 more (--json lists them all).\n120 problems; nothing was imported."))
        let json = await InProcess.run(["roster", "import", path, "--json", "--db", directory.path("k.sqlite")] + catalog)
        #expect(json.status == 1)
        let decoded = try JSONDecoder().decode([String: [Problem]].self, from: Data(json.stdout.utf8))
        #expect(decoded["problems"]?.count == 120)
        #expect(decoded["problems"]?.first == Problem(file: path, line: 2, field: "roles", "unknown role 'nurse'. Known roles: admin-staff, clinician, leader; separate several with '|'."))
    }

    @Test func aMistypedCommandIsNamedWithASuggestion() async {
        let result = await InProcess.run(["stauts"])
        #expect(result.status == 64)
        #expect(result.stderr == "Error: unknown command 'stauts'. Did you mean 'status'? Run 'kyndig --help' for the list of commands.\n")
    }

    @Test func anInactivePersonIsToldSoByUsernameAndByEmployeeId() async throws {
        let directory = try TemporaryDirectory()
        let db = try await imported(directory)
        let smaller = try directory.write("smaller.csv", Self.header + "\nE1,Hanne Solberg,hanne@fjordvik.example,hanne,H,Fjordvik sykehus,,leader,2015-08-01,\n")
        #expect(await InProcess.run(["roster", "import", smaller, "--full", "--force", "--db", db] + catalog).status == 0)
        for who in ["ingrid", "E2"] {
            let tutor = await InProcess.run(["tutor", "--user", who, "--db", db] + catalog)
            #expect(tutor.status == 1)
            #expect(tutor.stderr == "Error: E2 (Berg, Ingrid) is no longer active in the roster, so the tutor cannot start for them; their records are kept. If this is wrong, ask HR to include them in the next roster import.\n")
            let status = await InProcess.run(["status", "--user", who, "--lang", "en", "--db", db] + catalog)
            #expect(status.stdout.hasPrefix("Berg, Ingrid (ingrid, E2) — inactive"))
        }
    }

    /// Records stored before imports refused control characters are shown escaped, never raw.
    @Test func controlCharactersFromOlderRecordsAreEscapedInOutput() async throws {
        let directory = try TemporaryDirectory()
        let db = try await imported(directory)
        let queue = try DatabaseQueue(path: db)
        try await queue.write { try $0.execute(sql: "UPDATE person SET name = 'Ingrid \u{1B}[2J\u{202E}Berg' WHERE employee_id = 'E2'") }
        try queue.close()
        let status = await InProcess.run(["status", "--user", "ingrid", "--db", db] + catalog)
        #expect(status.stdout.hasPrefix("Ingrid \\u{1B}[2J\\u{202E}Berg (ingrid, E2)"))
        #expect(!status.stdout.contains("\u{1B}") && !status.stdout.contains("\u{202E}"))
    }

    /// Outside a UTF-8 locale (LANG=C) the commands' own marks are ASCII; names stay as written.
    @Test func aNonUTF8LocaleGetsASCIIMarks() async throws {
        let directory = try TemporaryDirectory()
        let db = try await imported(directory)
        let locale = ["LANG": "C", "LC_ALL": "", "LC_CTYPE": ""]
        let status = try Kyndig.run(["status", "--user", "ingrid", "--db", db] + catalog, environment: locale)
        #expect(status.stdout.contains("Enhet: Fjordvik sykehus > Akuttmottak, voksne"))
        let list = try Kyndig.run(["catalog", "list"] + catalog, environment: locale)
        #expect(list.stdout.hasPrefix("basics  1.0 - basic - 5 min"))
        let utf8 = try Kyndig.run(["catalog", "list"] + catalog, environment: ["LANG": "C.UTF-8", "LC_ALL": "", "LC_CTYPE": ""])
        #expect(utf8.stdout.hasPrefix("basics  1.0 · basic · 5 min"))
    }

    /// `kyndig demo` chooses its database like every other command: --db, else KYNDIG_DB.
    @Test func demoHonoursKyndigDB() throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("from-env.sqlite")
        let shipped = ["--catalog", TestPaths.packageRoot.path]
        let demo = try Kyndig.run(["demo", "--no-tutor"] + shipped, environment: ["KYNDIG_DB": db])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("Demo database ready: \(db)"))
        let report = try Kyndig.run(["report", "--format", "csv"] + shipped, environment: ["KYNDIG_DB": db])
        #expect(report.status == 0 && report.stdout.contains(",Fjordvik sykehus,,0,52,"))
    }

    /// `kyndig verify` walks the chain and names the first entry edited behind its back.
    @Test func verifyNamesTheFirstBrokenEntry() async throws {
        let directory = try TemporaryDirectory()
        let db = try await imported(directory)
        #expect(await InProcess.run(["sync", "--db", db] + catalog).status == 0)
        let intact = await InProcess.run(["verify", "--db", db])
        #expect(intact.status == 0 && intact.stdout == "Audit log intact: 2 entries, each following from the one before.\n")
        let queue = try DatabaseQueue(path: db)
        try await queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "UPDATE audit_log SET actor = 'someone else' WHERE seq = 2")
        }
        try queue.close()
        let broken = await InProcess.run(["verify", "--db", db])
        #expect(broken.status == 1)
        #expect(broken.stderr.hasPrefix("The audit log is broken at entry 2:"))
        let json = await InProcess.run(["verify", "--json", "--db", db])
        #expect(json.stdout.contains("\"first_broken\" : 2") && json.stdout.contains("\"intact\" : false"))
    }
}
