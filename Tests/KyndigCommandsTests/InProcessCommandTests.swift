import Foundation
import KyndigCore
import KyndigStore
import KyndigTestSupport
import Testing

/// Commands run in-process (same parsing, services and words as the binary), with the clock
/// fixed so that dated output can be compared with a snapshot.
struct InProcessCommandTests {
    let catalog = ["--catalog", TestPaths.fixture("good-catalog").path]
    let now = Build.instant("2026-11-30T09:00:00Z")

    func importedRoster() async throws -> (directory: TemporaryDirectory, db: String) {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        let result = await InProcess.run(["roster", "import", TestPaths.fixture("roster/good.csv").path, "--db", db] + catalog, now: now)
        #expect(result.status == 0, "\(result.stderr)")
        return (directory, db)
    }

    @Test func statusPrintsRolesRequirementsAndWhy() async throws {
        let (directory, db) = try await importedRoster()
        let register = try directory.write("ai.yaml", """
            format_version: 1
            systems:
              - {id: triage, name: Triage, vendor: V, purpose: P, risk: high, route: annex-i, contexts: [high-risk], units: [AKU], roles: [clinician]}
            """)
        #expect(await InProcess.run(["systems", "import", register, "--db", db] + catalog, now: now).status == 0)
        let status = await InProcess.run(["status", "--user", "ingrid", "--db", db, "--lang", "en"] + catalog, now: now)
        #expect(status.status == 0)
        #expect(Snapshot.check(status.stdout, named: "status-ingrid.txt") == nil)
        let list = await InProcess.run(["systems", "list", "--db", db], now: now)
        #expect(Snapshot.check(list.stdout, named: "systems-list.txt") == nil)
        // The documented JSON shape (docs/json.md): snake_case, ISO dates, plain-string enums.
        let json = await InProcess.run(["status", "--user", "ingrid", "--json", "--db", db] + catalog, now: now)
        #expect(Snapshot.check(json.stdout, named: "status-ingrid.json") == nil)
    }

    @Test func aMissingDatabaseIsNamedAndNotCreated() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("typo/k.sqlite")
        for command in [["status", "--user", "ingrid"], ["systems", "list"], ["tutor", "--user", "ingrid"]] {
            let result = await InProcess.run(command + ["--db", db] + (command[0] == "systems" ? [] : catalog))
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("Error: No database at '\(db)'. Create it by importing a roster"))
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path("typo")))
    }

    @Test func anUnknownPersonIsAClearError() async throws {
        let (directory, db) = try await importedRoster()
        defer { withExtendedLifetime(directory) {} }
        let result = await InProcess.run(["status", "--user", "nobody", "--db", db] + catalog)
        #expect(result.status == 1)
        #expect(result.stderr == "Error: No person 'nobody' in the roster. Check the username, import the roster (kyndig roster import FILE), or try the demo hospital (kyndig demo).\n")
    }

    /// The demo: the shipped course, the fictional hospital and its register, ready for the tutor.
    @Test func demoBuildsTheFictionalHospital() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("demo.sqlite")
        let shipped = ["--catalog", TestPaths.packageRoot.path]
        let result = await InProcess.run(["demo", "--db", db, "--no-tutor"] + shipped, now: now)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Demo database ready: \(db)\n  52 people, 6 AI systems, the full course catalog."))
        #expect(result.stdout.contains("kyndig tutor --db \(db) --user ingrid.berg"))
        let store = try SQLiteStore.open(path: db, create: false)
        #expect(try await store.storedVersions().count == 26)
        let audit = try await store.auditEntries(limit: 100_000)
        #expect(audit.prefix(3).map(\.action) == [.catalogSync, .rosterImport, .systemsImport])
        #expect(try await store.verifyAuditChain() == AuditVerification(entries: audit.count, firstBroken: nil))
        // Two years of history, made through the quiz service: every status occurs.
        let report = await InProcess.run(["report", "--db", db, "--format", "json"] + shipped, now: now)
        for state in ["met", "expiring_soon", "in_progress", "not_started", "expired", "exempt"] {
            #expect(report.stdout.contains("\"\(state)\" : "), "\(state)")
        }
        #expect(audit.contains { $0.action == .quizPass } && audit.contains { $0.action == .exemptionGrant })
        // The demo learner has requirements from her role and from her unit's AI systems.
        let status = await InProcess.run(["status", "--user", "ingrid.berg", "--db", db, "--json"] + shipped, now: now)
        #expect(status.status == 0)
        #expect(status.stdout.contains("\"system\""))
        // Her unit's sepsis warning system links the hospital's own local unit on it.
        #expect(status.stdout.contains(#""module_id" : "sepsis-early-warning-local""#))
        #expect(status.stdout.contains(#""kind" : "local_unit""#))
        // Making the demo again starts from scratch.
        #expect(await InProcess.run(["demo", "--db", db, "--no-tutor"] + shipped, now: now).status == 0)
        #expect(try await SQLiteStore.open(path: db, create: false).auditEntries(limit: 100_000).count == audit.count)
    }

    /// Every listing fits an 80-column terminal, whatever the lengths of the lists in it.
    @Test func listingsFitEightyColumns() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("demo.sqlite")
        let shipped = ["--catalog", TestPaths.packageRoot.path]
        #expect(await InProcess.run(["demo", "--db", db, "--no-tutor"] + shipped, now: now).status == 0)
        let outputs = [
            await InProcess.run(["catalog", "list"] + shipped),
            await InProcess.run(["status", "--user", "ingrid.berg", "--db", db] + shipped, now: now),
            await InProcess.run(["status", "--user", "ingrid.berg", "--lang", "en", "--db", db] + shipped, now: now),
            await InProcess.run(["systems", "list", "--db", db]),
            await InProcess.run(["roster", "import", TestPaths.packageRoot.path + "/Resources/demo/roster.csv", "--dry-run", "--db", db] + shipped),
        ]
        for output in outputs {
            #expect(output.status == 0, "\(output.stderr)")
            let widest = output.stdout.split(separator: "\n").map(\.count).max() ?? 0
            #expect(widest <= 80, "\(output.stdout)")
        }
        // In bokmål, the status reads in bokmål.
        #expect(outputs[1].stdout.contains("Krav oppfylt: "))
        #expect(outputs[1].stdout.contains("\nmodul "))
        #expect(outputs[1].stdout.contains("rolle Kliniker"))
    }
}

/// `kyndig ask` and the questions it could not answer, as an author sees them.
struct AskCommandTests {
    let shipped = ["--catalog", TestPaths.packageRoot.path]

    @Test func askAnswersWithASourceAndKeepsDeclinedQuestionsForTheRetentionPeriod() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        let march = Build.instant("2026-03-01T10:00:00Z")
        #expect(await InProcess.run(["demo", "--db", db, "--no-tutor"] + shipped, now: march).status == 0)
        let answered = await InProcess.run(["ask", "--db", db, "Hva", "er", "KI-kompetanse?"], now: march)
        #expect(answered.status == 0)
        #expect(answered.stdout.contains("\nKilde: ai-act-essentials §"))
        for question in ["Hvor mye ferie har jeg krav på i år?", "Kan jeg ta ut ferie i juli?", "Hvordan bestiller jeg nytt adgangskort?"] {
            let declined = await InProcess.run(["ask", "--db", db, question], now: march)
            #expect(declined.stdout.hasPrefix("Kursmateriellet dekker ikke dette"))
        }
        let json = await InProcess.run(["ask", "--db", db, "--json", "--lang", "en", "How do I write a for loop in Python?"], now: march)
        #expect(json.stdout.contains("\"abstained\" : true"))
        let list = await InProcess.run(["questions", "unanswered", "--db", db] + shipped, now: march)
        #expect(list.stdout.hasPrefix("ferie (2)\n    2026-03-01 [nb] Hvor mye ferie har jeg krav på i år?\n"))
        #expect(!list.stdout.contains("KI-kompetanse"))
        // 90 days later they are gone; who asked was never kept.
        let later = await InProcess.run(["questions", "unanswered", "--db", db] + shipped, now: Build.instant("2026-06-15T10:00:00Z"))
        #expect(later.stdout == "No unanswered questions.\n")
    }

    @Test func askWithoutAnIndexSaysHowToBuildIt() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        #expect(await InProcess.run(["roster", "import", TestPaths.fixture("roster/good.csv").path, "--db", db, "--catalog", TestPaths.fixture("good-catalog").path]).status == 0)
        let result = await InProcess.run(["ask", "--db", db, "What is AI?"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("No usable search index at '\(directory.path("k.search.sqlite"))'. Build it (again) with kyndig sync"))
        #expect(await InProcess.run(["ask", "--db", db]).stderr.contains("Give a question"))
    }
}

/// `kyndig exempt`: granted with a reason and an approver, shown in the status, revoked, audited.
struct ExemptCommandTests {
    let catalog = ["--catalog", TestPaths.fixture("good-catalog").path]
    let now = Build.instant("2026-11-30T09:00:00Z")

    @Test func anExemptionShowsInTheStatusUntilItIsRevoked() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        #expect(await InProcess.run(["roster", "import", TestPaths.fixture("roster/good.csv").path, "--db", db] + catalog, now: now).status == 0)
        let granted = await InProcess.run(["exempt", "ingrid", "basics", "--reason", "Completed the regional course", "--approver", "E1",
                                           "--until", "2027-06-30", "--db", db] + catalog, now: now)
        #expect(granted.stdout == "E2 is exempt from basics until 2027-06-30, approved by E1.\n", "\(granted.stderr)")
        let status = await InProcess.run(["status", "--user", "ingrid", "--lang", "en", "--db", db] + catalog, now: now)
        #expect(status.stdout.contains("basics  exempt"))
        #expect(status.stdout.contains("exempt until 2027-06-30 by E1:\n                            Completed the regional course"))
        #expect(status.stdout.contains("Requirements met: 1 of 1"))
        #expect(await InProcess.run(["exempt", "E2", "basics", "--revoke", "--db", db] + catalog, now: now).status == 0)
        #expect(await InProcess.run(["status", "--user", "ingrid", "--lang", "en", "--db", db] + catalog, now: now).stdout.contains("basics  not started"))
        let again = await InProcess.run(["exempt", "E2", "basics", "--revoke", "--db", db] + catalog, now: now)
        #expect(again.stderr == "Error: E2 has no exemption from basics to revoke.\n")
        let typo = await InProcess.run(["exempt", "E2", "basic", "--reason", "x", "--approver", "E1", "--db", db] + catalog, now: now)
        #expect(typo.stderr == "Error: No module 'basic'. Did you mean 'basics'? See kyndig catalog list.\n")
        let audit = try await SQLiteStore.openReadOnly(path: db).auditEntries(limit: 2).map(\.action)
        #expect(audit == [.exemptionGrant, .exemptionRevoke])
    }
}
