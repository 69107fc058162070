import CSV
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
    /// Columns that may be left empty.
    static let optional: Set<String> = ["email", "parent_unit_id", "manager_employee_id"]

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

    public func read(path: String, displayName: String? = nil) throws(Problems) -> Result {
        let name = displayName ?? path
        func fail(_ problem: String, column: String? = nil) -> Problems {
            Problems([Problem(file: name, line: 1, field: column, problem)])
        }
        // The whole file is decoded up front: it reports invalid UTF-8 clearly, and CSV.swift's
        // stream reader misreads end-of-file on Linux. 100,000 rows are about 15 MB.
        // The bytes are released as soon as they are decoded (peak memory on 100,000 rows).
        // Decoded inside a closure so the file's bytes are freed as soon as the text exists.
        let decoded: Swift.Result<String, Problems> = {
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(fail("cannot read the file. Check the path and its permissions."))
            }
            if let text = String(data: data, encoding: .utf8) { return .success(text) }
            let problem = TextEncoding.firstInvalidUTF8(in: data)
            return .failure(Problems([Problem(file: name, line: problem.line, field: nil, problem.message)]))
        }()
        var text = try decoded.get()
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // Excel's "sep=;" first line names the delimiter; Excel does not show it as a row.
        let delimiter: UnicodeScalar
        if let separator = HeaderLine.separatorLine(of: text) {
            delimiter = separator.delimiter
            text.removeFirst(separator.length)
        } else {
            delimiter = HeaderLine.delimiter(of: text)
        }
        guard text.unicodeScalars.contains(where: { !$0.isSpace }) else {
            throw fail("the file is empty. The first line must be the header.")
        }
        guard let reader = try? CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter)
        else { throw fail("the file cannot be read as CSV. Check the header line.") }
        let headers = (reader.headerRow ?? []).map { $0.trimmed.lowercased() }
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
        // Where each of Kyndig's columns is in the file, in the order of `columns`: a row's fields
        // are found by a short scan of those names rather than hashing each name on every row.
        let positions = Self.columns.map { column in headers.firstIndex(of: column)! }
        let extra = headers.filter { !Self.columns.contains($0) }
        let notes = extra.isEmpty ? [] : ["ignored column\(extra.count == 1 ? "" : "s") \(extra.joined(separator: ", ")) (not used by Kyndig)."]

        var validator = RosterValidator(file: name, knownRoles: knownRoles, existing: existing, full: full, asOf: asOf)
        var rowNumber = 1
        while let fields = reader.next() {
            rowNumber += 1
            // A blank line, or a row of empty cells (Excel leaves ",,,,,,,,," below the data).
            if fields.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            guard fields.count == headers.count else {
                validator.report(rowNumber, "row", "has \(fields.count) fields, the header has \(headers.count). Check the delimiters and quotes on this row.")
                continue
            }
            let values = fields.map { $0.trimmed }
            validator.add(row: rowNumber) { column in values[positions[Self.columns.firstIndex(of: column)!]] }
            if (rowNumber - 1) % 10_000 == 0 { progress?(rowNumber - 1) }
        }
        if let error = reader.error {
            validator.report(rowNumber + 1, "file", "is not valid CSV after this row (\(error)). Check quotes and that the file is UTF-8.")
        }
        let snapshot = validator.finish()
        if !validator.problems.isEmpty { throw Problems(validator.problems) }
        return Result(snapshot: snapshot, notes: notes, rowCount: rowNumber - 1)
    }
}

/// Chooses the delimiter from the header line: the one of `,` and `;` used more outside quotes.
enum HeaderLine {
    static func delimiter(of text: String) -> UnicodeScalar {
        var commas = 0, semicolons = 0, quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && !quoted { break }
            switch scalar {
            case "\"": quoted.toggle()
            case "," where !quoted: commas += 1
            case ";" where !quoted: semicolons += 1
            default: break
            }
        }
        return semicolons > commas ? ";" : ","
    }

    /// Excel's `sep=;` (or `sep=,`) first line: the delimiter and the length of the line with its
    /// line break, or nil when the file does not start with one.
    static func separatorLine(of text: String) -> (delimiter: UnicodeScalar, length: Int)? {
        let scalars = Array(text.unicodeScalars.prefix(7))
        guard scalars.count >= 5, String(String.UnicodeScalarView(scalars[0..<4])).lowercased() == "sep=",
              scalars[4] == "," || scalars[4] == ";" || scalars[4] == "\t"
        else { return nil }
        let rest = scalars.dropFirst(5)
        guard let first = rest.first else { return (scalars[4], 5) }
        // "\r\n" is one Character in Swift, as is "\n": the line is six Characters either way.
        return first == "\r" || first == "\n" ? (scalars[4], 6) : nil
    }
}
