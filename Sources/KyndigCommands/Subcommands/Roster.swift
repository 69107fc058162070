import ArgumentParser
import Foundation
import Logging
import KyndigCore
import KyndigImport
import KyndigStore

extension KyndigCommand {
    struct Roster: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the HR roster (people, units, roles).",
            subcommands: [Import.self])
    }
}

extension KyndigCommand.Roster {
    struct Import: ParsableCommand {
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

        struct Summary: Encodable {
            let file: String
            let dryRun: Bool
            let full: Bool
            let rows: Int
            let peopleAdded: Int, peopleChanged: Int, peopleDeactivated: Int
            let unitsAdded: Int, unitsChanged: Int, unitsDeactivated: Int
            let notes: [String]
        }

        func run() throws {
            let catalog = try catalogOptions.load()
            let store = try database.open()
            let summary = try Self.importRoster(
                path: file, catalog: catalog, store: store, full: full, dryRun: dryRun,
                progress: json || !Terminal.isTTY(STDERR_FILENO) ? nil : ProgressLine())
            if json { return try JSONOutput.print(summary) }
            for note in summary.notes { print("note: \(note)") }
            print("""
                \(dryRun ? "Dry run, nothing written: would change" : "Imported \(summary.rows) rows:") \
                people \(summary.peopleAdded) added, \(summary.peopleChanged) changed, \(summary.peopleDeactivated) deactivated; \
                units \(summary.unitsAdded) added, \(summary.unitsChanged) changed, \(summary.unitsDeactivated) deactivated.
                """)
            let total = summary.peopleAdded + summary.peopleChanged + summary.peopleDeactivated + summary.unitsAdded + summary.unitsChanged + summary.unitsDeactivated
            if total == 0 { print("0 changes: the database already matches the file.") }
        }

        /// Reads, validates, diffs and (unless a dry run) applies a roster in one transaction.
        static func importRoster(
            path: String, catalog: KyndigCore.Catalog, store: some RosterRepository, full: Bool, dryRun: Bool,
            progress: ProgressLine? = nil
        ) throws -> Summary {
            let current = try Log.timed("loading the stored roster") { try store.rosterSnapshot() }
            let reader = RosterReader(knownRoles: Set(catalog.roles.map(\.id)), existing: current, progress: progress.map { line in { line.update(rows: $0) } })
            let result: RosterReader.Result
            do {
                result = try Log.timed("reading and validating \(URL(fileURLWithPath: path).lastPathComponent)") { try reader.read(path: path) }
            } catch let errors as RosterErrors {
                progress?.finish()
                Terminal.error(errors.description)
                throw ExitCode.failure
            }
            progress?.finish()
            let plan = Log.timed("comparing") { RosterPlan(current: current, incoming: result.snapshot, full: full) }
            Log.logger.info("roster plan: \(plan.changeCount) changes")
            if !dryRun && !plan.isEmpty {
                try Log.timed("writing") {
                    try store.apply(plan, source: URL(fileURLWithPath: path).lastPathComponent, actor: Actor.current, at: Date())
                }
            }
            return Summary(
                file: path, dryRun: dryRun, full: full, rows: result.rowCount,
                peopleAdded: plan.addedPeople.count, peopleChanged: plan.changedPeople.count,
                peopleDeactivated: plan.deactivatedEmployeeIDs.count, unitsAdded: plan.addedUnits.count,
                unitsChanged: plan.changedUnits.count, unitsDeactivated: plan.deactivatedUnitIDs.count, notes: result.notes)
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
