import ArgumentParser
import Foundation
import KyndigCore
import KyndigImport
import KyndigServices

extension KyndigCommand {
    struct Roster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the HR roster (people, units, roles).",
            subcommands: [Import.self])
    }
}

extension KyndigCommand.Roster {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a roster CSV atomically: all rows or none.",
            discussion: """
                Columns: \(RosterReader.columns.joined(separator: ", ")). Comma or semicolon \
                delimited, UTF-8 with or without BOM; roles separated by '|'; start_date YYYY-MM-DD. \
                Importing the same file twice changes nothing.
                """)

        @Argument(help: ArgumentHelp("Roster CSV file.", valueName: "file")) var file: String
        @Flag(help: "Check the file and show what would change, without writing.") var dryRun = false
        @Flag(help: "The file is the whole organisation: mark people and units missing from it inactive.") var full = false
        @Flag(help: "Print the result as JSON (no progress output).") var json = false
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let catalog = try catalogOptions.load()
            let store = try database.open(create: !dryRun)
            let progress = json || !Console.isTTY(STDERR_FILENO) ? nil : ProgressLine()
            let summary: RosterImport.Summary
            do {
                summary = try await Log.timed("importing the roster") {
                    try await RosterImport(store: store, clock: KyndigCommand.clock).run(
                        path: file, catalog: catalog, full: full, dryRun: dryRun, actor: AuditActor.current,
                        progress: progress.map { line in { line.update(rows: $0) } })
                }
            } catch let problems as Problems {
                progress?.finish()
                Console.error(ErrorWording.describe(problems, nothingWritten: "nothing was imported.", fix: "Fix the rows and import again."))
                throw ExitCode.failure
            }
            progress?.finish()
            if json { return try JSONOutput.print(summary) }
            for note in summary.notes { Console.print("note: \(note)") }
            Console.print("""
                \(dryRun ? "Dry run, nothing written: would change" : "Imported \(summary.rows) rows:") \
                people \(summary.peopleAdded) added, \(summary.peopleChanged) changed, \(summary.peopleDeactivated) deactivated; \
                units \(summary.unitsAdded) added, \(summary.unitsChanged) changed, \(summary.unitsDeactivated) deactivated.
                """)
            if summary.changeCount == 0 { Console.print("0 changes: the database already matches the file.") }
        }
    }
}

/// "rows read, rows per second" on stderr, rewritten in place; only used on a terminal.
final class ProgressLine: @unchecked Sendable {
    private let start = Date()
    private var shown = false

    func update(rows: Int) {
        let seconds = max(Date().timeIntervalSince(start), 0.001)
        FileHandle.standardError.write(Data("\r\(rows) rows read, \(Int(Double(rows) / seconds)) rows/s".utf8))
        shown = true
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }
}
