import KyndigReports
import KyndigServices

/// A page of an export as CSV, cell by cell into bytes (no byte-order mark: the header line
/// before the pages has it).
struct CSVPageWriter: ExportPageWriter {
    private var lines: CSVLines
    private var rows = 0

    init(dialect: CSVWriter.Dialect) {
        lines = CSVLines(dialect: dialect)
    }

    mutating func cell(_ cell: ExportCell) {
        lines.field(cell.csvField(decimalSeparator: lines.dialect.decimalSeparator))
    }

    mutating func endRow() {
        lines.endLine()
        rows += 1
    }

    mutating func finish() -> (rows: Int, text: String) {
        (rows, String(decoding: lines.take(), as: UTF8.self))
    }
}

/// A page of an export as JSON Lines: one object per row, its keys the columns.
struct JSONLinesPageWriter: ExportPageWriter {
    private var records: ExportRecords
    private let encoder = JSONOutput.encoder(pretty: false)
    private var text = ""
    private var rows = 0

    init(columns: [String]) {
        records = ExportRecords(columns: columns)
    }

    mutating func cell(_ cell: ExportCell) {
        records.cell(cell)
    }

    mutating func endRow() throws {
        records.endRow()
        for record in records.finish() { text += String(decoding: try encoder.encode(record), as: UTF8.self) + "\n" }
        rows += 1
    }

    mutating func finish() -> (rows: Int, text: String) {
        (rows, text)
    }
}
