public import Foundation
public import KyndigCore

/// One cell of an export row: typed, so JSON keeps numbers as numbers and null as null, while
/// CSV writes the dialect's decimal separator and an empty field for a missing value.
public enum ExportCell: Sendable, Hashable {
    case text(String)
    case integer(Int)
    /// A fraction such as a score of 0.85, written with four decimals in CSV.
    case decimal(Double)
    case flag(Bool)
    case day(CalendarDate)
    case instant(Date)
    case missing

    /// The CSV field: days as YYYY-MM-DD, instants as ISO 8601 UTC, booleans as true/false.
    public func csvField(decimalSeparator: Character) -> String {
        switch self {
        case let .text(value): value
        case let .integer(value): String(value)
        case let .decimal(value): Self.fourDecimals(value, separator: decimalSeparator)
        case let .flag(value): value ? "true" : "false"
        case let .day(value): value.description
        case let .instant(value): Self.iso8601.format(value)
        case .missing: ""
        }
    }

    static let iso8601 = Date.ISO8601FormatStyle()

    /// `0.8500`: four decimals, rounded half away from zero, without Foundation's slow `String(format:)`.
    static func fourDecimals(_ value: Double, separator: Character) -> String {
        let scaled = Int((abs(value) * 10_000).rounded())
        let fraction = String(scaled % 10_000)
        return (value < 0 && scaled > 0 ? "-" : "") + String(scaled / 10_000) + String(separator)
            + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}

/// A flat export row: the same named columns in CSV (the header) and JSON Lines (the keys),
/// every column present in every row (null or empty when there is no value), so HR systems
/// can map them once. docs/exports.md lists them.
public struct ExportRecord: Sendable, Hashable, Encodable {
    public let cells: [ExportCell]
    public let columns: [String]

    init(_ columns: [String], _ cells: [ExportCell]) {
        precondition(columns.count == cells.count, "an export row has one cell per column")
        self.columns = columns
        self.cells = cells
    }

    public func csvFields(decimalSeparator: Character) -> [String] {
        cells.map { $0.csvField(decimalSeparator: decimalSeparator) }
    }

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (column, cell) in zip(columns, cells) {
            let key = Key(stringValue: column)
            switch cell {
            case let .text(value): try container.encode(value, forKey: key)
            case let .integer(value): try container.encode(value, forKey: key)
            case let .decimal(value): try container.encode((value * 10_000).rounded() / 10_000, forKey: key)
            case let .flag(value): try container.encode(value, forKey: key)
            case let .day(value): try container.encode(value.description, forKey: key)
            case let .instant(value): try container.encode(ExportCell.iso8601.format(value), forKey: key)
            case .missing: try container.encodeNil(forKey: key)
            }
        }
    }
}

/// Takes an export row's cells in column order, as they are made: a CSV writer turns each into
/// bytes at once, so a 600,000-row export makes no row of cells or of texts in between.
public protocol ExportRowSink {
    mutating func cell(_ cell: ExportCell)
}

/// Rows written cell by cell into one piece of output (a page of an export).
public protocol ExportPageWriter: ExportRowSink, SendableMetatype {
    associatedtype Piece: Sendable
    /// The row's cells are all written.
    mutating func endRow() throws
    /// The page's output.
    mutating func finish() throws -> Piece
}

/// Rows gathered as `ExportRecord`s: for JSON and for callers that take a row at a time.
public struct ExportRecords: ExportPageWriter {
    let columns: [String]
    private var cells: [ExportCell] = []
    private var records: [ExportRecord] = []

    public init(columns: [String]) {
        self.columns = columns
    }

    public mutating func cell(_ cell: ExportCell) {
        cells.append(cell)
    }

    public mutating func endRow() {
        records.append(ExportRecord(columns, cells))
        cells.removeAll(keepingCapacity: true)
    }

    public mutating func finish() -> [ExportRecord] {
        defer { records = [] }
        return records
    }
}
