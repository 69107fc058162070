import KyndigReports
import Testing

struct CSVWriterTests {
    func csv(_ rows: [[String]], dialect: CSVWriter.Dialect = .standard) throws -> String {
        var text = ""
        var writer = CSVWriter(dialect: dialect) { text += $0 }
        for row in rows { try writer.write(row) }
        return text
    }

    @Test func fieldsAreQuotedOnlyWhenTheyMustBe() throws {
        #expect(try csv([["a", "b c", "d,e", "say \"hi\"", "two\nlines", " padded "]])
                == "a,b c,\"d,e\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded \"\r\n")
    }

    /// OWASP CSV injection: a cell a spreadsheet would evaluate is made text; numbers stay numbers.
    @Test(arguments: [
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""), ("+47 22 00 00 00", "'+47 22 00 00 00"), ("@SUM(A1)", "'@SUM(A1)"),
        ("-cmd", "'-cmd"), ("\tx", "'\tx"), ("-5", "-5"), ("+3.25", "+3.25"), ("-0,5", "\"-0,5\""), ("-", "'-"),
    ])
    func formulasAreNeutralisedAndNumbersKept(_ value: String, _ written: String) throws {
        #expect(try csv([[value]]) == written + "\r\n")
    }

    @Test func excelGetsSemicolonsABOMAndNoSepLine() throws {
        let text = try csv([["enhet", "navn"], ["Ø1", "Ærlig; Åse"]], dialect: .excel)
        #expect(text == "\u{FEFF}enhet;navn\r\nØ1;\"Ærlig; Åse\"\r\n")
        #expect(!text.contains("sep="))
    }

    /// Rows made apart (a page of an export each) are the lines a writer writes after its first,
    /// without a second byte-order mark.
    @Test(arguments: [CSVWriter.Dialect.standard, .excel])
    func rowsMadeApartAreTheWritersLines(_ dialect: CSVWriter.Dialect) throws {
        let rows = [["Ø1", "Ærlig; Åse", "=1+1", "1.2", " x", "say \"hi\""], ["", "-5", "a,b", "two\nlines"]]
        let header = try csv([["a", "b"]], dialect: dialect)
        #expect(try csv([["a", "b"]] + rows, dialect: dialect) == header + CSVWriter.rows(rows, dialect: dialect))
        #expect(!CSVWriter.rows(rows, dialect: dialect).hasPrefix("\u{FEFF}"))
    }
}

/// A module version such as 1.1 is a date (1 January) to a Norwegian spreadsheet: the Excel
/// dialect keeps it text; decimal numbers (comma) and ISO dates (hyphens) are left alone.
struct CSVWriterDottedDigitsTests {
    @Test(arguments: [("1.1", "'1.1"), ("12.10", "'12.10"), ("1.2.3", "'1.2.3"), ("2.0", "'2.0"), ("0,8500", "0,8500"),
                      ("2026-11-30", "2026-11-30"), ("1.", "1."), (".5", ".5"), ("E1.1", "E1.1"), ("1..1", "1..1"), ("17", "17")])
    func excelKeepsDottedDigitsText(_ value: String, _ written: String) throws {
        var text = ""
        var writer = CSVWriter(dialect: .excel) { text += $0 }
        try writer.write([value])
        #expect(text == "\u{FEFF}" + written + "\r\n")
    }

    @Test func theStandardDialectWritesVersionsAsTheyAre() throws {
        var text = ""
        var writer = CSVWriter(dialect: .standard) { text += $0 }
        try writer.write(["1.1"])
        #expect(text == "1.1\r\n")
    }
}
