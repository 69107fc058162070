import ArgumentParser
import Foundation
import KyndigCore
import KyndigTutor
import KyndigImport
import KyndigServices

extension KyndigCommand {
    struct Roster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "roster",
            abstract: "Import the HR roster (people, units, roles).",
            subcommands: [Import.self])
    }
}

extension KyndigCommand.Roster {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a roster CSV atomically: all rows or none.",
            discussion: """
                Columns: \(RosterReader.columns.joined(separator: ", ")). Comma or semicolon \
                delimited, UTF-8 with or without BOM; roles separated by '|'; start_date YYYY-MM-DD. \
                Importing the same file twice changes nothing.
                """)

        @Argument(help: ArgumentHelp("Roster CSV file.", valueName: "file")) var file: String
        @Flag(help: "Check the file and show what would change, without writing.") var dryRun = false
        @Flag(help: "The file is the whole organisation: mark people and units missing from it inactive.") var full = false
        @Flag(help: "Print the result as JSON (no progress output); problems too.") var json = false
        @Flag(help: "With --full: import even when it deactivates more people than --max-deactivate allows, or everyone.")
        var force = false
        @Option(help: ArgumentHelp("With --full: the most people a full import may deactivate, as a percentage of those active.", valueName: "percent"))
        var maxDeactivate = 10
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (0...100).contains(maxDeactivate) else {
                throw ValidationError("--max-deactivate must be a percentage from 0 to 100, not \(maxDeactivate).")
            }
        }

        func run() async throws {
            let catalog = try catalogOptions.load(quizPools: false)
            let progress = json || !Console.isTTY(STDERR_FILENO) ? nil : ProgressLine()
            defer { progress?.finish() }
            let summary: RosterImport.Summary
            do {
                summary = try await database.importing(dryRun: dryRun) { store in
                    try await Log.timed("importing the roster") {
                        try await RosterImport(store: store, clock: KyndigCommand.clock).run(
                            path: file, catalog: catalog, full: full, dryRun: dryRun, actor: AuditActor.current,
                            safety: RosterImport.Safety(maxDeactivatedShare: Double(maxDeactivate) / 100, force: force),
                            progress: progress.map { line in { line.update(rows: $0) } })
                    }
                }
            } catch let problems as Problems {
                progress?.finish()
                if json {
                    try JSONOutput.print(["problems": problems.items])
                } else {
                    Console.error(ErrorWording.describe(problems, nothingWritten: "nothing was imported.", fix: "Fix the rows and import again."))
                }
                throw ExitCode.failure
            }
            progress?.finish()
            if json { return try JSONOutput.print(summary) }
            for note in summary.notes { Console.print("note: \(note)") }
            Console.print("""
                \(dryRun ? "Dry run of \(summary.rows) rows, nothing written. It would change:" : "Imported \(summary.rows) rows.")
                  people: \(summary.peopleAdded) added, \(summary.peopleChanged) changed, \(summary.peopleDeactivated) deactivated
                  units:  \(summary.unitsAdded) added, \(summary.unitsChanged) changed, \(summary.unitsDeactivated) deactivated
                """)
            if dryRun {
                for (label, people) in [("add", summary.added), ("change", summary.changed), ("deactivate", summary.deactivated)] where !people.isEmpty {
                    Console.print("Would \(label):")
                    for person in people.prefix(50) { Console.print("  \(person.employeeID)  \(PlainText.escaped(person.name))") }
                    if people.count > 50 { Console.print("  \(Console.symbols.ellipsis) and \(people.count - 50) more (--json lists them all).") }
                }
            }
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
