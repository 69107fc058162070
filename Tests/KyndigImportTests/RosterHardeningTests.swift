import Foundation
import KyndigCore
import KyndigImport
import KyndigTestSupport
import Testing

/// Bad rosters found by trying the product as a new user would: each is refused with its row and
/// column, and nothing of it is kept.
struct RosterHardeningTests {
    static let header = "employee_id,name,email,username,unit_id,unit_name,parent_unit_id,roles,start_date,manager_employee_id"
    let reader = RosterReader(knownRoles: ["leader", "clinician"], existing: RosterSnapshot(units: [], people: []),
                              asOf: CalendarDate(iso: "2026-11-30")!)

    /// The problems of a roster whose rows follow the standard header.
    func problems(_ rows: [String], reader: RosterReader? = nil) throws -> [String] {
        let directory = try TemporaryDirectory()
        let path = try directory.write("r.csv", ([Self.header] + rows).joined(separator: "\n") + "\n")
        do {
            _ = try (reader ?? self.reader).read(path: path, displayName: "r.csv")
            return []
        } catch {
            return error.items.map(\.description)
        }
    }

    @Test(arguments: [
        ("E1,Kari \u{1B}[2JNordmann,k@x.no,kari,H,Hospital,,clinician,2025-01-01,", "r.csv:2: name: contains the control character U+001B at character 6. Remove it: names, ids and addresses are plain text."),
        ("E1,\"Kari\nNordmann\",k@x.no,kari,H,Hospital,,clinician,2025-01-01,", "r.csv:2: name: contains the control character U+000A at character 5. Remove it: names, ids and addresses are plain text."),
        ("E1,Kari\u{0}Nordmann,k@x.no,kari,H,Hospital,,clinician,2025-01-01,", "r.csv:2: name: contains the control character U+0000 at character 5. Remove it: names, ids and addresses are plain text."),
        ("E1,Kari \u{202E}nnamdroN,k@x.no,kari,H,Hospital,,clinician,2025-01-01,", "r.csv:2: name: contains the control character U+202E at character 6. Remove it: names, ids and addresses are plain text."),
        ("E1,Kari,k@x.no,kari,H,Hos\u{9B}pital,,clinician,2025-01-01,", "r.csv:2: unit_name: contains the control character U+009B at character 4. Remove it: names, ids and addresses are plain text."),
        ("E1,Kari,k@x.no,ka\u{7F}ri,H,Hospital,,clinician,2025-01-01,", "r.csv:2: username: contains the control character U+007F at character 3. Remove it: names, ids and addresses are plain text."),
    ])
    func controlAndBidiCharactersAreRefusedWhereTheyAre(_ row: String, _ expected: String) throws {
        #expect(try problems([row]) == [expected])
    }

    @Test func rolesThatNameNoRoleAreRefused() throws {
        #expect(try problems(["E1,Kari,k@x.no,kari,H,Hospital,,|,2025-01-01,"]) == [
            "r.csv:2: roles: '|' names no role. Give at least one of: clinician, leader; separate several with '|'.",
        ])
        #expect(try problems(["E1,Kari,k@x.no,kari,H,Hospital,,clinician||leader|,2025-01-01,"]).isEmpty)
    }

    @Test func managerCyclesAreRefused() throws {
        #expect(try problems([
            "E1,A,a@x.no,a,H,Hospital,,leader,2025-01-01,E3",
            "E2,B,b@x.no,b,H,Hospital,,leader,2025-01-01,E1",
            "E3,C,c@x.no,c,H,Hospital,,leader,2025-01-01,E2",
        ]) == ["r.csv:2: manager_employee_id: managers E1 → E3 → E2 → E1 form a cycle (rows 2, 3, 4). Nobody can be their own manager's manager; fix one manager id."])
    }

    @Test(arguments: [
        ("9999-12-31", "r.csv:2: start_date: 9999-12-31 is more than a year after today (2026-11-30), so it is probably a placeholder or a typo. Give the real start date."),
        ("1899-12-31", "r.csv:2: start_date: 1899-12-31 is before 1900-01-01, so it cannot be a real start date. Check the export."),
        ("2025-02-30", "r.csv:2: start_date: '2025-02-30' is not a date. Write it as YYYY-MM-DD, e.g. 2025-03-01."),
    ])
    func implausibleStartDatesAreRefused(_ date: String, _ expected: String) throws {
        #expect(try problems(["E1,Kari,k@x.no,kari,H,Hospital,,clinician,\(date),"]) == [expected])
    }

    @Test func aStartDateWithinTheComingYearIsFine() throws {
        #expect(try problems(["E1,Kari,k@x.no,kari,H,Hospital,,clinician,2027-06-01,"]).isEmpty)
    }

    @Test(arguments: ["@", "kari@", "@x.no", "kari@x", "kari@@x.no", "kari x@x.no", "kari@.no", "kari@x..no"])
    func addressesThatCannotBeAddressesAreRefused(_ email: String) throws {
        #expect(try problems(["E1,Kari,\(email),kari,H,Hospital,,clinician,2025-01-01,"]) == [
            "r.csv:2: email: '\(email)' is not an e-mail address (name@domain.example). Fix it or leave it empty.",
        ])
    }

    /// A username already held by an active person the file leaves as they are would credit one
    /// person's answers to another.
    @Test func aUsernameOfAnotherActivePersonIsRefusedWithBothIds() throws {
        let stored = RosterSnapshot(
            units: [OrgUnit(id: "H", name: "Hospital", parentID: nil)],
            people: [Build.person("E7", username: "kari", unit: "H"), Build.person("E8", username: "ola", unit: "H", active: false)])
        let partial = RosterReader(knownRoles: ["clinician"], existing: stored)
        #expect(try problems(["E1,Kari,k@x.no,kari,H,Hospital,,clinician,2025-01-01,"], reader: partial) == [
            "r.csv:2: username: 'kari' already belongs to E7, who is active in the database; E1 cannot have it too. Give E1 another username, or include E7 in the file with a new one.",
        ])
        // An inactive person's old username may be reused, and E7 may hand theirs over in the same file.
        #expect(try problems(["E1,Ola,o@x.no,ola,H,Hospital,,clinician,2025-01-01,"], reader: partial).isEmpty)
        #expect(try problems([
            "E1,Kari,k@x.no,kari,H,Hospital,,clinician,2025-01-01,", "E7,Kari Old,k7@x.no,kari.old,H,Hospital,,clinician,2025-01-01,",
        ], reader: partial).isEmpty)
        // A full file deactivates E7, so the username is free.
        let full = RosterReader(knownRoles: ["clinician"], existing: stored, full: true)
        #expect(try problems(["E1,Kari,k@x.no,kari,H,Hospital,,clinician,2025-01-01,"], reader: full).isEmpty)
    }

    @Test func aColumnNamedTwiceIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("r.csv", Self.header + ",roles\nE1,Kari,k@x.no,kari,H,Hospital,,clinician,2025-01-01,,leader\n")
        #expect(throws: Problems([Problem(file: "r.csv", line: 1, field: "header", "'roles' (columns 8 and 11) appears twice. Keep one column of each name.")])) {
            _ = try reader.read(path: path, displayName: "r.csv")
        }
    }

    /// What Excel writes: a "sep=;" first line, semicolons, CRLF, and rows of empty cells below the data.
    @Test func excelsSeparatorLineAndBlankRowsAreRead() throws {
        let directory = try TemporaryDirectory()
        let text = "sep=;\r\n" + Self.header.replacingOccurrences(of: ",", with: ";") + "\r\n"
            + "E1;Kari;k@x.no;kari;H;Hospital;;clinician;2025-01-01;\r\n;;;;;;;;;\r\n;;;;;;;;;\r\n"
        let path = try directory.write("r.csv", text)
        let result = try reader.read(path: path, displayName: "r.csv")
        #expect(result.snapshot.people.map(\.employeeID) == ["E1"])
        // Rows are numbered as Excel shows them: the separator line is not a row.
        let bad = try directory.write("bad.csv", "sep=;\n" + Self.header.replacingOccurrences(of: ",", with: ";") + "\nE1;Kari;k@x.no;kari;H;Hospital;;nurse;2025-01-01;\n")
        #expect(throws: Problems.self) { _ = try reader.read(path: bad) }
        do {
            _ = try reader.read(path: bad, displayName: "bad.csv")
        } catch {
            #expect(error.items.map(\.line) == [2])
        }
    }

    @Test func brokenQuotingIsNamedByRowAndColumnAndTheOtherRowsAreStillChecked() throws {
        #expect(try problems([
            "E1,\"Kari\" Nordmann,k@x.no,kari,H,Hospital,,clinician,2025-01-01,",
            "E2,Bjørn,b@x.no,bjorn,H,Hospital,,nurse,2025-01-01,",
            "E3,Eva,e@x.no,eva,H,\"Hospital,,clinician,2025-01-01,",
        ]) == [
            "r.csv:2: name: has text after its closing quote. Inside a quoted field, write a quote as two (\"\"); or quote the whole field.",
            "r.csv:3: roles: unknown role 'nurse'. Known roles: clinician, leader; separate several with '|'.",
            "r.csv:4: unit_name: opens a quote that is never closed, so the rest of the file would be read as this one field. Close the quote, or double a quote meant as text (\"\").",
        ])
    }

    @Test func invalidUTF8IsLocatedByRowAndByteWithWhatTheFileLooksLike() throws {
        let directory = try TemporaryDirectory()
        var latin1 = Data((Self.header + "\nE1,Kari,k@x.no,kari,H,Hospital,,clinician,2025-01-01,\nE2,Bj").utf8)
        latin1.append(0xF8)  // "ø" in Latin-1
        latin1.append(contentsOf: Array("rn,b@x.no,bjorn,H,Hospital,,clinician,2025-01-01,\n".utf8))
        let path = directory.path("latin1.csv")
        try latin1.write(to: URL(fileURLWithPath: path))
        #expect(throws: Problems([Problem(file: "latin1.csv", line: 3, "byte 6 of the row (0xF8) is not UTF-8; the file looks like Latin-1 or Windows-1252, where æ, ø and å are single bytes. Save it as \"CSV UTF-8\" and import again.")])) {
            _ = try reader.read(path: path, displayName: "latin1.csv")
        }
        let utf16 = directory.path("utf16.csv")
        try Self.header.data(using: .utf16)!.write(to: URL(fileURLWithPath: utf16))
        #expect(throws: Problems([Problem(file: "utf16.csv", line: 1, "the file looks like UTF-16 (Excel's \"Unicode text\"), not UTF-8. Save it as \"CSV UTF-8\" and import again.")])) {
            _ = try reader.read(path: utf16, displayName: "utf16.csv")
        }
    }
}
