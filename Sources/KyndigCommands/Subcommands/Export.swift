import ArgumentParser
import Foundation
import KyndigCore
import KyndigReports
import KyndigServices
import KyndigStore

extension KyndigCommand {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Flat exports for HR systems: people, completions (passes) or requirements (statuses as of a day).",
            discussion: """
                people and completions can be pulled incrementally: each export ends by telling the \
                cursor of the newest change it covers (on standard error, and in --cursor-file); pass it \
                as --since to the next export to get only what changed after it. requirements is always \
                a full snapshot as of --as-of, since statuses also change as days pass. Columns: docs/exports.md.
                  kyndig export completions --cursor-file hr.cursor --output completions.csv
                  kyndig export requirements --format jsonl --unit medicine
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case csv, jsonl
        }

        @Argument(help: ArgumentHelp("What to export: people, completions or requirements.", valueName: "kind"))
        var kind: HRExports.Kind
        @Option(help: ArgumentHelp("Only changes after this cursor (from the previous export).", valueName: "cursor")) var since: Int?
        @Option(help: ArgumentHelp("Read --since from this file when it exists; write the new cursor to it after a successful export.",
                                   valueName: "file"))
        var cursorFile: String?
        @Option(help: ArgumentHelp("requirements: only this unit and the units below it.", valueName: "unit")) var unit: String?
        @Option(help: ArgumentHelp("requirements: the day to compute statuses for (YYYY-MM-DD).", valueName: "date")) var asOf: String?
        @Option(help: "Output format: csv (RFC 4180) or jsonl (one JSON object per line).") var format: Format = .csv
        @Flag(help: "CSV for Norwegian Excel: semicolons, decimal commas, CRLF and a byte-order mark.") var excel = false
        @Option(help: ArgumentHelp("Write to this file (whole or not at all) instead of standard output.", valueName: "file"))
        var output: String?
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if excel && format != .csv { throw ValidationError("--excel is for --format csv.") }
            if let since, since < 0 { throw ValidationError("--since \(since) is not a cursor: cursors are whole numbers from 0.") }
            if since != nil && cursorFile != nil { throw ValidationError("Give --since or --cursor-file, not both.") }
            if kind == .requirements {
                if since != nil || cursorFile != nil {
                    throw ValidationError("requirements is always a full snapshot (statuses change as days pass): leave out --since and --cursor-file.")
                }
                if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date. Write it as YYYY-MM-DD.") }
            } else if unit != nil || asOf != nil {
                throw ValidationError("--unit and --as-of are for requirements; \(kind.rawValue) exports the whole organisation.")
            }
        }

        func run() async throws {
            let since = try since ?? readCursorFile()
            let exports = HRExports(store: try database.openReadOnly())
            let encoder = JSONOutput.encoder(pretty: false)
            let dialect: CSVWriter.Dialect = excel ? .excel : .standard
            var rows = 0
            var cursor: Int?
            do {
                try await CommandOutput.writing(to: output) { out in
                    var writer = CSVWriter(dialect: dialect) { try out.write($0) }
                    if format == .csv { try writer.write(HRExports.columns(of: kind)) }
                    let sink: (ExportRecord) throws -> Void = { record in
                        rows += 1
                        switch format {
                        case .csv: try writer.write(record.csvFields(decimalSeparator: dialect.decimalSeparator))
                        case .jsonl: try out.write(String(decoding: try encoder.encode(record), as: UTF8.self) + "\n")
                        }
                    }
                    switch kind {
                    case .people: cursor = try await exports.people(since: since, sink)
                    case .completions: cursor = try await exports.completions(since: since, sink)
                    case .requirements:
                        let catalog = try catalogOptions.load(quizPools: false)
                        let day = asOf.flatMap { CalendarDate(iso: $0) } ?? catalog.policy.calendarDate(of: KyndigCommand.clock.now())
                        // Each page's rows are written where the page is worked out, on every core.
                        let write = { (piece: (rows: Int, text: String)) throws in
                            rows += piece.rows
                            try out.write(piece.text)
                        }
                        switch format {
                        case .csv:
                            try await exports.requirements(unitID: unit, catalog: catalog, asOf: day, makeWriter: { CSVPageWriter(dialect: dialect) },
                                                           write: write)
                        case .jsonl:
                            try await exports.requirements(unitID: unit, catalog: catalog, asOf: day,
                                                           makeWriter: { JSONLinesPageWriter(columns: HRExports.columns(of: .requirements)) }, write: write)
                        }
                    }
                }
            } catch let HRExports.Problem.cursorAhead(given, newest) {
                throw CommandFailure("Cursor \(given) is beyond the newest change in this database (\(newest)). Use the cursor the previous export printed, or leave out --since for everything.")
            } catch let problem as ComplianceReporting.Problem {
                throw CommandFailure(ErrorWording.describe(problem))
            }
            if let cursor {
                try writeCursorFile(cursor)
                Console.error("\(rows) \(kind.rawValue) row\(rows == 1 ? "" : "s") exported. Next cursor: \(cursor) (pass it as --since next time).")
            } else {
                Console.error("\(rows) requirement row\(rows == 1 ? "" : "s") exported.")
            }
        }

        func readCursorFile() throws -> Int? {
            guard let cursorFile, FileManager.default.fileExists(atPath: cursorFile) else { return nil }
            let text = (try? String(contentsOfFile: cursorFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let text, let value = Int(text), value >= 0 else {
                throw CommandFailure("'\(cursorFile)' does not hold a cursor (a whole number). Delete it to export everything again.")
            }
            return value
        }

        func writeCursorFile(_ cursor: Int) throws {
            guard let cursorFile else { return }
            do {
                try Data("\(cursor)\n".utf8).write(to: URL(fileURLWithPath: cursorFile), options: .atomic)
            } catch {
                throw CommandFailure("The export is written, but the cursor could not be saved to '\(cursorFile)': \(error.localizedDescription). Next time pass --since \(cursor).")
            }
        }
    }
}

extension HRExports.Kind: ExpressibleByArgument {}
