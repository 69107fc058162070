import Foundation
import KyndigTestSupport
import Testing

/// Long imports show progress on a terminal, and nothing of it elsewhere.
struct RosterProgressTests {
    func roster(rows: Int, in directory: TemporaryDirectory) throws -> String {
        var text = "employee_id,name,email,username,unit_id,unit_name,parent_unit_id,roles,start_date,manager_employee_id\n"
        text += "E0,Boss,,boss,H,Hospital,,leader,2020-01-01,\n"
        for n in 1..<rows {
            text += "E\(n),Person \(n),,user\(n),W\(n % 50),Ward \(n % 50),H,clinician,2024-05-0\(1 + n % 9),E0\n"
        }
        return try directory.write("big.csv", text)
    }

    @Test func aTerminalSeesRowsPerSecondAndJSONSeesNone() throws {
        let directory = try TemporaryDirectory()
        let file = try roster(rows: 25_000, in: directory)
        let catalog = ["--catalog", TestPaths.fixture("good-catalog").path]
        let terminal = try PseudoTerminal(TestPaths.kyndigBinary, ["roster", "import", file, "--db", directory.path("a.sqlite")] + catalog)
        try terminal.expect("20000 rows read")
        try terminal.expect("rows/s")
        try terminal.expect("Imported 25000 rows.")
        try terminal.expect("people: 25000 added")
        #expect(terminal.waitForExit() == 0)

        let json = try PseudoTerminal(TestPaths.kyndigBinary, ["roster", "import", file, "--db", directory.path("b.sqlite"), "--json"] + catalog)
        try json.expect("\"people_added\" : 25000")
        #expect(json.waitForExit() == 0)
        #expect(!json.screen.contains("rows read"))
    }
}
