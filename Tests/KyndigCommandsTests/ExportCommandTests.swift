import Foundation
import KyndigTestSupport
import Testing

/// `kyndig export` as an HR integration runs it: polling with a cursor file into an output
/// file that is written whole or not at all.
struct ExportCommandTests {
    let catalog = ["--catalog", TestPaths.fixture("good-catalog").path]
    let now = Build.instant("2026-11-30T09:00:00Z")

    @Test func pollingWithACursorFileSendsEachChangeOnce() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        #expect(await InProcess.run(["roster", "import", TestPaths.fixture("roster/good.csv").path, "--db", db] + catalog, now: now).status == 0)
        let (output, cursor) = (directory.path("people.csv"), directory.path("hr.cursor"))
        let first = await InProcess.run(["export", "people", "--cursor-file", cursor, "--output", output, "--db", db], now: now)
        #expect(first.status == 0, "\(first.stderr)")
        let csv = try String(contentsOfFile: output, encoding: .utf8)
        #expect(csv.hasPrefix("employee_id,name,email,username,unit_id,role_ids,manager_employee_id,start_date,active\r\n"))
        let rows = csv.split(separator: "\r\n").count - 1
        #expect(rows > 1 && first.stderr.contains("\(rows) people rows exported. Next cursor: "))
        let saved = try String(contentsOfFile: cursor, encoding: .utf8)
        #expect(Int(saved.trimmingCharacters(in: .newlines)) ?? 0 > 0)
        // Nothing changed since: only the header, and the same cursor.
        let second = await InProcess.run(["export", "people", "--cursor-file", cursor, "--output", output, "--db", db], now: now)
        #expect(second.status == 0)
        #expect(try String(contentsOfFile: output, encoding: .utf8).split(separator: "\r\n").count == 1)
        #expect(try String(contentsOfFile: cursor, encoding: .utf8) == saved)
        // A failed export leaves the earlier file and the cursor as they were, and no stray file.
        let before = try String(contentsOfFile: output, encoding: .utf8)
        let bad = await InProcess.run(["export", "requirements", "--unit", "NOPE", "--output", output, "--db", db] + catalog, now: now)
        #expect(bad.status == 1 && bad.stderr.contains("No active unit 'NOPE'"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.hasSuffix(".partial") }.isEmpty)
        let ahead = await InProcess.run(["export", "completions", "--since", "999999", "--db", db], now: now)
        #expect(ahead.status == 1 && ahead.stderr.contains("Cursor 999999 is beyond the newest change"))
        try "yesterday".write(toFile: cursor, atomically: true, encoding: .utf8)
        let garbled = await InProcess.run(["export", "people", "--cursor-file", cursor, "--db", db], now: now)
        #expect(garbled.status == 1 && garbled.stderr.contains("does not hold a cursor"))
    }

    @Test func requirementsAreASnapshotInCSVOrJSONLines() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        #expect(await InProcess.run(["roster", "import", TestPaths.fixture("roster/good.csv").path, "--db", db] + catalog, now: now).status == 0)
        let jsonl = await InProcess.run(["export", "requirements", "--format", "jsonl", "--as-of", "2026-12-01", "--db", db] + catalog, now: now)
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        let lines = jsonl.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object.count == 18 && object["as_of"] as? String == "2026-12-01")
        }
        let excel = await InProcess.run(["export", "requirements", "--excel", "--db", db] + catalog, now: now)
        #expect(excel.stdout.hasPrefix("\u{FEFF}as_of;employee_id;unit_id;module_id;state;"))
        let refused = await InProcess.run(["export", "requirements", "--since", "3", "--db", db] + catalog, now: now)
        #expect(refused.status != 0 && refused.stderr.contains("requirements is always a full snapshot"))
    }

    /// Standard output carries the same bytes as --output, however many chunks the rows fill
    /// (the demo's requirements are over 64 KB): no empty line where CRLF meets a chunk's end.
    @Test func standardOutputEqualsTheFile() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("demo.sqlite")
        let shipped = ["--catalog", TestPaths.packageRoot.path]
        #expect(await InProcess.run(["demo", "--db", db, "--no-tutor"] + shipped, now: now).status == 0)
        for kind in ["requirements", "completions"] {
            let file = directory.path("\(kind).csv")
            let arguments = ["export", kind, "--db", db] + (kind == "requirements" ? shipped + ["--as-of", "2026-11-30"] : [])
            #expect(try Kyndig.run(arguments + ["--output", file]).status == 0)
            let piped = try Kyndig.run(arguments)
            let written = try String(contentsOfFile: file, encoding: .utf8)
            #expect(written.utf8.count > (kind == "requirements" ? 65_536 : 0))
            #expect(piped.stdout == written)
            #expect(!piped.stdout.contains("\n\n") && !piped.stdout.contains("\r\n\r\n"))
        }
    }
}
