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
    let progress: ((Int) -> Void)?

    /// - Parameters:
    ///   - knownRoles: role ids from the catalog.
    ///   - existing: stored units and people a partial import may refer to (nil with `--full`).
    ///   - progress: called every 10,000 rows with the rows read so far.
    public init(knownRoles: Set<String>, existing: RosterSnapshot?, progress: ((Int) -> Void)? = nil) {
        self.knownRoles = knownRoles
        self.existing = existing
        self.progress = progress
    }

    public func read(path: String, displayName: String? = nil) throws(RosterErrors) -> Result {
        let name = displayName ?? path
        func fail(_ problem: String, column: String = "file") -> RosterErrors {
            RosterErrors(problems: [RosterProblem(file: name, row: 1, column: column, problem: problem)])
        }
        guard let header = HeaderLine.read(path: path) else {
            throw fail("cannot read the file, or it is empty. Check the path; the first line must be the header.")
        }
        guard let stream = InputStream(fileAtPath: path),
              let reader = try? CSVReader(stream: stream, hasHeaderRow: true, delimiter: header.delimiter)
        else { throw fail("cannot open the file as CSV.") }
        let headers = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = Self.columns.filter { !headers.contains($0) }
        if !missing.isEmpty {
            throw fail("missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")). The header must name: \(Self.columns.joined(separator: ", ")).", column: "header")
        }
        var index: [String: Int] = [:]
        for (position, header) in headers.enumerated() where index[header] == nil { index[header] = position }
        let extra = headers.filter { !Self.columns.contains($0) }
        let notes = extra.isEmpty ? [] : ["ignored column\(extra.count == 1 ? "" : "s") \(extra.joined(separator: ", ")) (not used by Kyndig)."]

        var validator = RosterValidator(file: name, knownRoles: knownRoles, existing: existing)
        var rowNumber = 1
        while let fields = reader.next() {
            rowNumber += 1
            if fields.count == 1 && fields[0].isEmpty { continue }  // blank line
            guard fields.count == headers.count else {
                validator.report(rowNumber, "row", "has \(fields.count) fields, the header has \(headers.count). Check the delimiters and quotes on this row.")
                continue
            }
            validator.add(row: rowNumber) { fields[index[$0]!].trimmingCharacters(in: .whitespaces) }
            if rowNumber % 10_000 == 0 { progress?(rowNumber - 1) }
        }
        if let error = reader.error {
            validator.report(rowNumber + 1, "file", "is not valid CSV after this row (\(error)). Check quotes and that the file is UTF-8.")
        }
        let snapshot = validator.finish()
        if !validator.problems.isEmpty { throw RosterErrors(problems: validator.problems) }
        return Result(snapshot: snapshot, notes: notes, rowCount: rowNumber - 1)
    }
}

/// The header line, read by hand only to choose the delimiter before the CSV parser starts.
struct HeaderLine {
    let delimiter: UnicodeScalar

    static func read(path: String) -> HeaderLine? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var bytes = [UInt8]()
        while bytes.count < 65_536, let chunk = try? handle.read(upToCount: 4096), !chunk.isEmpty {
            bytes.append(contentsOf: chunk)
            if chunk.contains(UInt8(ascii: "\n")) { break }
        }
        guard !bytes.isEmpty else { return nil }
        var commas = 0, semicolons = 0, quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\n") && !quoted { break }
            switch byte {
            case UInt8(ascii: "\""): quoted.toggle()
            case UInt8(ascii: ",") where !quoted: commas += 1
            case UInt8(ascii: ";") where !quoted: semicolons += 1
            default: break
            }
        }
        return HeaderLine(delimiter: semicolons > commas ? ";" : ",")
    }
}
