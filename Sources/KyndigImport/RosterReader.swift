import Foundation
import KyndigCore

/// Reads an HR roster CSV into a validated `RosterSnapshot`.
///
/// UTF-8 with or without BOM; comma or semicolon delimited (whichever the header uses);
/// RFC 4180 quoting. Every bad row is reported, not just the first; a file with any problem
/// yields no snapshot, so an import is all or nothing.
public struct RosterReader {
    public static let columns = [
        "employee_id", "name", "email", "username", "unit_id", "unit_name", "parent_unit_id", "roles",
        "start_date", "manager_employee_id",
    ]

    public struct Result: Sendable {
        public let snapshot: RosterSnapshot
        /// Non-fatal remarks, e.g. extra columns that were ignored.
        public let notes: [String]
        public let rowCount: Int
    }

    let knownRoles: Set<String>
    /// The organisation already stored: a partial file may refer to its units and managers.
    let existing: RosterSnapshot?
    let full: Bool
    let asOf: CalendarDate?
    let progress: ((Int) -> Void)?

    /// - Parameters:
    ///   - knownRoles: role ids from the catalog.
    ///   - existing: stored units and people a partial import may refer to.
    ///   - full: the file is the whole organisation (stored people missing from it become inactive).
    ///   - asOf: today, to catch start dates far in the future; nil skips that check.
    ///   - progress: called every 10,000 rows with the rows read so far.
    public init(
        knownRoles: Set<String>, existing: RosterSnapshot?, full: Bool = false, asOf: CalendarDate? = nil,
        progress: ((Int) -> Void)? = nil
    ) {
        self.knownRoles = knownRoles
        self.existing = existing
        self.full = full
        self.asOf = asOf
        self.progress = progress
    }

    /// - Parameter each: called with each person whose row has no problem of its own, and the unit
    ///   the row names, as the row is read (a problem found later, such as a manager missing from
    ///   the file, still fails the whole read).
    public func read(path: String, displayName: String? = nil, each: (Person, OrgUnit) -> Void = { _, _ in }) throws(Problems) -> Result {
        let name = displayName ?? path
        func fail(_ problem: String, column: String? = nil) -> Problems {
            Problems([Problem(file: name, line: 1, field: column, problem)])
        }
        // The whole file is read up front (100,000 rows are about 15 MB) and each field decoded
        // from its bytes; the file's `Data` is released as soon as the bytes are copied out.
        guard let bytes = FileManager.default.contents(atPath: path).map({ [UInt8]($0) }) else {
            throw fail("cannot read the file. Check the path and its permissions.")
        }
        func notUTF8() -> Problems {
            let problem = TextEncoding.firstInvalidUTF8(in: bytes)
            return Problems([Problem(file: name, line: problem.line, field: nil, problem.message)])
        }
        var records = CSVRecords(bytes: bytes)
        guard !records.isBlank else { throw fail("the file is empty. The first line must be the header.") }
        var fields: [String] = []
        do throws(CSVRecords.Problem) {
            _ = try records.next(into: &fields)
        } catch {
            guard case let .malformed(_, _, message) = error else { throw notUTF8() }
            throw fail("the header line cannot be read: a column name \(message)", column: "header")
        }
        let headers = fields.map { $0.trimmed.lowercased() }
        let missing = Self.columns.filter { !headers.contains($0) }
        if !missing.isEmpty {
            throw fail("missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")). The header must name: \(Self.columns.joined(separator: ", ")).", column: "header")
        }
        // A column named twice is ambiguous: which of the two is the value?
        let repeated = Self.columns.filter { column in headers.count { $0 == column } > 1 }
        if !repeated.isEmpty {
            let positions = repeated.map { column in
                "'\(column)' (columns \(headers.indices.filter { headers[$0] == column }.map { "\($0 + 1)" }.joined(separator: " and ")))"
            }
            throw fail("\(positions.joined(separator: ", ")) appear\(repeated.count == 1 ? "s" : "") twice. Keep one column of each name.", column: "header")
        }
        // Where each of Kyndig's columns is in the file, in the order of `columns`.
        let positions = Self.columns.map { column in headers.firstIndex(of: column)! }
        let extra = headers.filter { !Self.columns.contains($0) }
        let notes = extra.isEmpty ? [] : ["ignored column\(extra.count == 1 ? "" : "s") \(extra.joined(separator: ", ")) (not used by Kyndig)."]

        var validator = RosterValidator(
            file: name, knownRoles: knownRoles, existing: existing, full: full, asOf: asOf,
            expectedRows: bytes.count { $0 == CSVRecords.lineFeed })
        var row = RosterRow(values: Array(repeating: "", count: Self.columns.count))
        while true {
            do throws(CSVRecords.Problem) {
                guard try records.next(into: &fields) else { break }
            } catch {
                guard case let .malformed(line, field, message) = error else { throw notUTF8() }
                validator.report(line, field < headers.count ? headers[field] : "row", message)
                continue
            }
            // A blank line, or a row of empty cells (Excel leaves ",,,,,,,,," below the data).
            if fields.allSatisfy({ $0.unicodeScalars.allSatisfy(\.isSpace) }) { continue }
            guard fields.count == headers.count else {
                validator.report(records.row, "row", "has \(fields.count) fields, the header has \(headers.count). Check the delimiters and quotes on this row.")
                continue
            }
            for (column, position) in positions.enumerated() { row.values[column] = fields[position].trimmed }
            if let accepted = validator.add(row: records.row, row) { each(accepted.person, accepted.unit) }
            if (records.row - 1) % 10_000 == 0 { progress?(records.row - 1) }
        }
        let snapshot = validator.finish()
        if !validator.problems.isEmpty { throw Problems(validator.problems) }
        return Result(snapshot: snapshot, notes: notes, rowCount: records.row - 1)
    }
}

/// One row's values in the order of `RosterReader.columns`, trimmed.
struct RosterRow {
    var values: [String]

    enum Column: Int, CaseIterable {
        case employeeID, name, email, username, unitID, unitName, parentUnitID, roles, startDate, managerEmployeeID

        /// The column's name in the file's header.
        var header: String { RosterReader.columns[rawValue] }

        /// May be left empty.
        var isOptional: Bool {
            switch self {
            case .email, .parentUnitID, .managerEmployeeID: true
            default: false
            }
        }
    }

    subscript(_ column: Column) -> String { values[column.rawValue] }
}
