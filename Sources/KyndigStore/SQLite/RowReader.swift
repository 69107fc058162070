import Foundation
import GRDB
import KyndigCore

/// Reads the columns of one stored row strictly: a NULL where a value belongs, a wrong type or
/// text that does not parse (a language, a version, a date) is `StoreError.damagedRow` naming the
/// table, the row's key and the column. Nothing falls back to a default: a default would be false
/// evidence.
struct RowReader {
    let row: Row
    let table: String
    private let keyText: String?
    private let keyColumn: String?

    init(_ row: Row, table: String, key: String) {
        self.row = row
        self.table = table
        keyText = key
        keyColumn = nil
    }

    /// Reads a row whose key is the text of column `keyColumn` (`employee_id=E1`), looked up only
    /// when an error needs it (a lookup by name costs on 100,000 rows).
    init(_ row: Row, table: String, keyColumn: String) {
        self.row = row
        self.table = table
        keyText = nil
        self.keyColumn = keyColumn
    }

    var key: String {
        if let keyText { return keyText }
        let column = keyColumn ?? "?"
        return "\(column)=\((try? row.decode(String.self, forColumn: column)) ?? "?")"
    }

    private func damaged(_ column: String) -> StoreError { .damagedRow(table: table, key: key, column: column) }

    func text(_ column: String) throws -> String {
        guard let value = try optionalText(column) else { throw damaged(column) }
        return value
    }

    func optionalText(_ column: String) throws -> String? { try value(String.self, column) }

    func int(_ column: String) throws -> Int {
        guard let value = try value(Int.self, column) else { throw damaged(column) }
        return value
    }

    func double(_ column: String) throws -> Double {
        guard let value = try value(Double.self, column) else { throw damaged(column) }
        return value
    }

    // By position, for hot paths that select their columns in a known order; `column` names it
    // in errors.

    func text(at index: Int, _ column: String) throws -> String {
        guard let value = try value(String.self, at: index, column) else { throw damaged(column) }
        return value
    }

    func optionalText(at index: Int, _ column: String) throws -> String? { try value(String.self, at: index, column) }

    func date(at index: Int, _ column: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: try text(at: index, column)) else { throw damaged(column) }
        return date
    }

    func bool(at index: Int, _ column: String) throws -> Bool {
        switch try value(Int.self, at: index, column) {
        case 0: return false
        case 1: return true
        default: throw damaged(column)
        }
    }

    /// GRDB's column-reading fast path, for the bulk reads: NULL is checked first and the value
    /// decoded as `T` itself, since decoding an `Optional<T>` looks up generic metadata per value.
    private func value<T: DatabaseValueConvertible & StatementColumnConvertible>(_ type: T.Type, at index: Int, _ column: String) throws -> T? {
        guard index < row.count else { throw damaged(column) }
        if row.hasNull(atIndex: index) { return nil }
        do {
            return try row.decode(T.self, atIndex: index)
        } catch {
            throw damaged(column)
        }
    }

    private func value<T: DatabaseValueConvertible>(_ type: T.Type, at index: Int, _ column: String) throws -> T? {
        guard index < row.count else { throw damaged(column) }
        do {
            return try row.decode(T?.self, atIndex: index)
        } catch {
            throw damaged(column)
        }
    }

    /// The column's value, nil for NULL; damaged when it has another type.
    private func value<T: DatabaseValueConvertible>(_ type: T.Type, _ column: String) throws -> T? {
        do {
            return try row.decode(T?.self, forColumn: column)
        } catch {
            throw damaged(column)
        }
    }

    func bool(_ column: String) throws -> Bool {
        switch try int(column) {
        case 0: return false
        case 1: return true
        default: throw damaged(column)
        }
    }

    /// A text column parsed by `parse`; damaged when it is NULL or does not parse.
    func parsed<T>(_ column: String, _ parse: (String) -> T?) throws -> T {
        guard let value = parse(try text(column)) else { throw damaged(column) }
        return value
    }

    /// An optional text column parsed by `parse`; damaged when present but unparsable.
    func optionalParsed<T>(_ column: String, _ parse: (String) -> T?) throws -> T? {
        guard let text = try optionalText(column) else { return nil }
        guard let value = parse(text) else { throw damaged(column) }
        return value
    }

    func language(_ column: String = "lang") throws -> Language { try parsed(column, Language.init(rawValue:)) }
    func version(_ column: String = "version") throws -> ModuleVersion { try parsed(column) { ModuleVersion($0) } }
    func date(_ column: String) throws -> CalendarDate { try parsed(column) { CalendarDate(iso: $0) } }
    func instant(_ column: String) throws -> Date { try parsed(column, Timestamp.date) }

    /// A JSON text column decoded as `T`.
    func json<T: Decodable>(_ column: String, as type: T.Type) throws -> T {
        try parsed(column) { try? JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }
}
