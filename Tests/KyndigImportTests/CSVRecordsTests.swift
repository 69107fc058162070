@testable import KyndigImport
import Testing

/// The CSV reader under the roster and the register, on the shapes spreadsheets and HR systems
/// write, and on the broken ones it must name rather than guess.
struct CSVRecordsTests {
    /// Every record of `text` as fields, or the problem in its place.
    func records(_ text: String) -> [String] {
        var reader = CSVRecords(bytes: Array(text.utf8))
        var fields: [String] = []
        var out: [String] = []
        while true {
            do throws(CSVRecords.Problem) {
                guard try reader.next(into: &fields) else { break }
                out.append("\(reader.row): " + fields.map { "[\($0)]" }.joined())
            } catch {
                switch error {
                case let .malformed(row, field, message): out.append("\(row): field \(field) \(message.prefix(30))")
                case .notUTF8: out.append("\(reader.row): not UTF-8")
                }
            }
        }
        return out
    }

    @Test func quotedFieldsHoldDelimitersLineBreaksAndDoubledQuotes() {
        #expect(records("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"\"\n") == [
            "1: [a][b]", "2: [x,y][say \"hi\"]", "3: [two\nlines][]",
        ])
    }

    @Test func lineEndsMayBeCRLFOrCROrLFAndTheLastMayBeMissing() {
        #expect(records("a,b\r\n1,2\r3,4\n5,6") == ["1: [a][b]", "2: [1][2]", "3: [3][4]", "4: [5][6]"])
        #expect(records("a,b\r\n\"1\r\n2\",3\r\n") == ["1: [a][b]", "2: [1\r\n2][3]"])
    }

    @Test func emptyLinesAndTrailingDelimitersKeepTheirFields() {
        #expect(records("a,b\n\n1,\n,\n") == ["1: [a][b]", "2: []", "3: [1][]", "4: [][]"])
    }

    @Test func aQuoteInsideAnUnquotedFieldIsText() {
        #expect(records("name\nO\"Brien\n") == ["1: [name]", "2: [O\"Brien]"])
    }

    @Test func spacesAfterAClosingQuoteAreLetGo() {
        #expect(records("\"a\"  ,b\n") == ["1: [a][b]"])
    }

    @Test func textAfterAClosingQuoteIsAProblemOfItsRowAndReadingGoesOn() {
        #expect(records("a,b\n\"x\"y,2\n3,4\n") == [
            "1: [a][b]", "2: field 0 has text after its closing quo", "3: [3][4]",
        ])
    }

    @Test func aQuoteNeverClosedIsAProblemOfTheRowWhereItOpens() {
        #expect(records("a,b\n1,2\n3,\"open\n5,6\n") == [
            "1: [a][b]", "2: [1][2]", "3: field 1 opens a quote that is never cl",
        ])
    }

    @Test func bytesThatAreNotUTF8AreNamed() {
        var reader = CSVRecords(bytes: Array("a,b\n".utf8) + [0x4B, 0xF8, 0x72, 0x0A])
        var fields: [String] = []
        #expect((try? reader.next(into: &fields)) == true)
        #expect(throws: CSVRecords.Problem.notUTF8) { _ = try reader.next(into: &fields) }
    }

    @Test func theDelimiterIsTheHeadersOrWhatASepLineNames() {
        #expect(CSVRecords(bytes: Array("a;b;\"c,d,e\"\n".utf8)).delimiter == UInt8(ascii: ";"))
        #expect(CSVRecords(bytes: Array("a,b;c\n".utf8)).delimiter == UInt8(ascii: ","))
        #expect(records("\u{FEFF}sep=;\r\na;b\r\n1;2\r\n") == ["1: [a][b]", "2: [1][2]"])
        #expect(records("SEP=\t\na\tb\n") == ["1: [a][b]"])
        #expect(records("sep=\t\n\"a\"\t\"b c\" \t\"\"\n") == ["1: [a][b c][]"])
        #expect(records("sep=;\ra;b\r") == ["1: [a][b]"])
        #expect(records("\u{FEFF}a,b\n") == ["1: [a][b]"])
    }

    @Test func aBlankFileIsBlank() {
        #expect(CSVRecords(bytes: Array("\u{FEFF} \r\n\t\n".utf8)).isBlank)
        #expect(CSVRecords(bytes: Array("sep=,\n".utf8)).isBlank)
        #expect(!CSVRecords(bytes: Array("a\n".utf8)).isBlank)
    }
}
