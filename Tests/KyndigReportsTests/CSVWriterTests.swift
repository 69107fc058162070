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
}
