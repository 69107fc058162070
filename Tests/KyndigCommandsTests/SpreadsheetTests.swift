import Foundation
import KyndigTestSupport
import Testing

/// The `--excel` exports opened by a real spreadsheet: LibreOffice headless reads them as a
/// Norwegian Excel user would (semicolons, UTF-8, nb-NO number format) and writes them back as
/// plain CSV, quoting exactly the cells it took as text. `make test` installs LibreOffice.
struct SpreadsheetTests {
    let shipped = ["--catalog", TestPaths.packageRoot.path]
    let now = Build.instant("2026-11-30T09:00:00Z")

    /// One field of LibreOffice's re-export: its text, and whether LibreOffice quoted it (took it as text).
    struct Field: Equatable {
        let text: String
        let quoted: Bool
    }

    @Test func libreOfficeReadsTheExcelExportsIntact() async throws {
        let soffice = try #require(["/usr/bin/soffice", "/usr/local/bin/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                   "LibreOffice is missing: install libreoffice-calc-nogui (make test does).")
        let directory = try TemporaryDirectory()
        let db = directory.path("demo.sqlite")
        #expect(await InProcess.run(["demo", "--db", db, "--no-tutor"] + shipped, now: now).status == 0)
        // Names a spreadsheet must keep as written: Norwegian letters, and a would-be formula.
        let roster = try directory.write("extra.csv", """
            employee_id,name,email,username,unit_id,unit_name,parent_unit_id,roles,start_date,manager_employee_id
            X1,Åse Ærø-Øvrebø,ase@x.example,ase.x,FVS,Fjordvik sykehus,,clinician,2020-01-01,
            X2,"=HYPERLINK(""http://evil.example"";""click"")",x2@x.example,x2,FVS,Fjordvik sykehus,,clinician,2020-01-01,
            """)
        #expect(await InProcess.run(["roster", "import", roster, "--db", db] + shipped, now: now).status == 0)
        for kind in ["people", "completions"] {
            let result = await InProcess.run(["export", kind, "--excel", "--output", directory.path("\(kind).csv"), "--db", db], now: now)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let report = await InProcess.run(["report", "--format", "csv", "--excel", "--output", directory.path("report.csv"), "--db", db] + shipped,
                                         now: now)
        #expect(report.status == 0, "\(report.stderr)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = ["-env:UserInstallation=file://\(directory.path("lo-profile"))", "--headless",
                             "--infilter=CSV:59,34,76,1,,1044", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
                             "--outdir", directory.path("out"), directory.path("people.csv"), directory.path("completions.csv"),
                             directory.path("report.csv")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let people = try rows(directory.path("out/people.csv"))
        let names = people.dropFirst().map { $0[1] }
        #expect(names.contains(Field(text: "Åse Ærø-Øvrebø", quoted: true)))
        #expect(names.contains(Field(text: "'=HYPERLINK(\"http://evil.example\";\"click\")", quoted: true)))
        let written = try Data(contentsOf: URL(fileURLWithPath: directory.path("people.csv")))
        #expect(written.starts(with: [0xEF, 0xBB, 0xBF]))  // the BOM that makes Excel read UTF-8
        #expect(names.count == 54 && names.allSatisfy { !$0.text.contains("Ã") })  // no mojibake anywhere
        #expect(people.dropFirst().allSatisfy { !$0[7].quoted })  // start_date: a date

        try checkReport(directory.path("out/report.csv"))
        let completions = try rows(directory.path("out/completions.csv"))
        #expect(completions.count > 100)
        for row in completions.dropFirst() {
            #expect(row[3].quoted && row[3].text.contains("."))  // version "1.0" stays text
            #expect(!row[5].quoted)  // passed_on: a date
            #expect(!row[9].quoted && Double(row[9].text) != nil)  // score "0,9000": a number
        }
    }

    /// (continued) The manager's report: unit names with æøå as text, the share met as a number.
    func checkReport(_ path: String) throws {
        let units = try rows(path)
        #expect(units[0][7].text == "share_met" && units.count > 5)
        for row in units.dropFirst() {
            #expect(row[2].quoted && !row[7].quoted && Double(row[7].text).map { (0...1).contains($0) } == true)
        }
        #expect(units.contains { $0[2].text.contains("ø") || $0[2].text.contains("å") || $0[2].text.contains("æ") })
    }

    /// LibreOffice's comma-separated re-export, one line per row, with which fields were quoted.
    func rows(_ path: String) throws -> [[Field]] {
        try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).map { line in
            var fields: [Field] = []
            var text = ""
            var quoted = false
            var inQuotes = false
            var characters = Array(line)[...]
            while let character = characters.popFirst() {
                if inQuotes {
                    if character == "\"" {
                        if characters.first == "\"" { text.append("\""); characters = characters.dropFirst() } else { inQuotes = false }
                    } else {
                        text.append(character)
                    }
                } else if character == "\"" {
                    inQuotes = true
                    quoted = true
                } else if character == "," {
                    fields.append(Field(text: text, quoted: quoted))
                    (text, quoted) = ("", false)
                } else {
                    text.append(character)
                }
            }
            fields.append(Field(text: text, quoted: quoted))
            return fields
        }
    }
}
