import Foundation
import KyndigTestSupport
import Testing

/// `kyndig roster import` run as a user runs it: the real binary, a real SQLite file.
struct RosterImportCommandTests {
    let catalog = ["--catalog", TestPaths.fixture("good-catalog").path]

    func importing(_ fixture: String, db: String, _ extra: [String] = []) throws -> CommandResult {
        try Kyndig.run(["roster", "import", TestPaths.fixture("roster/\(fixture)").path, "--db", db] + catalog + extra)
    }

    @Test func importingTheSameFileTwiceReportsZeroChanges() throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        let first = try importing("good.csv", db: db)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Imported 4 rows.\n  people: 4 added, 0 changed, 0 deactivated\n  units:  2 added, 0 changed, 0 deactivated\n"))
        #expect(first.stdout.contains("note: ignored column phone"))
        let second = try importing("good.csv", db: db)
        #expect(second.stdout.contains("  people: 0 added, 0 changed, 0 deactivated\n  units:  0 added, 0 changed, 0 deactivated\n"))
        #expect(second.stdout.contains("0 changes: the database already matches the file."))
        // The semicolon/BOM/CRLF export of the same roster is the same roster.
        let third = try importing("good-semicolon-bom.csv", db: db)
        #expect(third.stdout.contains("0 changes"))
    }

    @Test func aBadFileWritesNothingAndListsEveryProblem() throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        _ = try importing("good.csv", db: db)
        let before = try Kyndig.run(["status", "--user", "ingrid", "--db", db, "--json"] + catalog)
        let bad = try importing("bad.csv", db: db)
        #expect(bad.status == 1)
        #expect(bad.stderr.components(separatedBy: "\n").filter { $0.contains("bad.csv:") }.count == 7)
        #expect(bad.stderr.contains("7 problems; nothing was imported."))
        let after = try Kyndig.run(["status", "--user", "ingrid", "--db", db, "--json"] + catalog)
        #expect(before.stdout == after.stdout)
        // E1 from bad.csv would have renamed Hanne: she is unchanged.
        #expect(try Kyndig.run(["status", "--user", "hanne", "--db", db] + catalog).stdout.hasPrefix("Hanne Solberg"))
    }

    @Test func dryRunWritesNothingAndFullDeactivatesTheAbsent() throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        _ = try importing("good.csv", db: db)
        let smaller = try directory.write("smaller.csv", """
            employee_id,name,email,username,unit_id,unit_name,parent_unit_id,roles,start_date,manager_employee_id
            E1,Hanne Solberg,hanne@fjordvik.example,hanne,H,Fjordvik sykehus,,leader,2015-08-01,

            """)
        let args = ["roster", "import", smaller, "--db", db, "--full", "--json"] + catalog
        let dry = try Kyndig.run(args + ["--dry-run"])
        #expect(dry.stdout.contains("\"people_deactivated\" : 3"))
        #expect(dry.stdout.contains("\"units_deactivated\" : 1"))
        let again = try Kyndig.run(args + ["--dry-run"])
        #expect(again.stdout == dry.stdout)
        // Deactivating 3 of 4 is more than the 10 % a full import may do unasked.
        let refused = try Kyndig.run(args)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Nothing was imported: this full roster would deactivate 3 of 4 active people (75 %), more than the 10 % allowed."))
        let real = try Kyndig.run(args + ["--force"])
        #expect(real.stdout.replacingOccurrences(of: "\"dry_run\" : false", with: "\"dry_run\" : true") == dry.stdout)
        let status = try Kyndig.run(["status", "--user", "E2", "--db", db] + catalog)
        #expect(status.stdout.contains("— ikke lenger aktiv"))
        // Bringing the full file back reactivates them.
        let back = try importing("good.csv", db: db, ["--json"])
        #expect(back.stdout.contains("\"people_changed\" : 3"))
    }
}
