import KyndigClient
import KyndigCore
import KyndigTutor
import KyndigServices
import KyndigStore

/// The words a person at the terminal reads for an error from a lower layer, with what to do.
/// Lower layers report what happened as data; only here is it worded for the command line.
enum ErrorWording {
    /// `--unit` names no active unit (report, export requirements).
    static func describe(_ problem: ComplianceReporting.Problem) -> String {
        switch problem {
        case let .unknownUnit(id, suggestion):
            "No active unit '\(id)'.\(suggestion.map { " Did you mean '\($0)'?" } ?? "") Leave out --unit for the whole organisation."
        }
    }

    static func describe(_ error: StoreError) -> String {
        let path = error.path ?? "the database"
        switch error.code {
        case .notFound:
            return "No database at '\(path)'. Create it by importing a roster (kyndig roster import FILE --db \(path)) or with kyndig sync, try the demo hospital (kyndig demo), or pass --db with the right path."
        case .cannotOpen:
            return "Cannot open the database '\(path)': \(error.reason ?? "unknown reason"). Check the path and its permissions, or pass --db."
        case .newerSchema:
            return "The database '\(path)' was written by a newer version of Kyndig. Update Kyndig to use it; this version changes nothing in it."
        case .outdatedSchema:
            return "The database '\(path)' was written by an older version of Kyndig. Upgrade it once with kyndig sync --db \(path) (this command only reads), then try again."
        case .damagedRow:
            let row = error.row.map { "table \($0.table), row \($0.key), column \($0.column)" } ?? "a row"
            return "The database holds a damaged record (\(row)). Nothing was changed. Restore the database from a backup, or ask your Kyndig administrator to repair that record."
        case .unknownAttempt:
            return "No quiz attempt '\(error.attemptID ?? "")' in this database. It may belong to another database (check --db)."
        case .busy:
            return "The database '\(path)' is busy: another Kyndig process has been writing to it for too long. Nothing was changed; try again in a moment."
        }
    }

    /// The first `limit` problems (a broken export can have 100,000), then one line on what
    /// happened and what to do. `--json` output lists them all.
    static func describe(_ problems: Problems, nothingWritten: String, fix: String, limit: Int = 50) -> String {
        let count = problems.items.count
        var lines = problems.items.prefix(limit).map(\.description)
        if count > limit { lines.append("\(Console.symbols.ellipsis) and \(count - limit) more (--json lists them all).") }
        lines.append("\(count) problem\(count == 1 ? "" : "s"); \(nothingWritten) \(fix)")
        return lines.joined(separator: "\n")
    }

    static func describe(_ refusal: ImportRefusal) -> String {
        switch refusal {
        case let .tooManyDeactivated(deactivated, active, maxShare):
            let percent = Int((Double(deactivated) / Double(max(active, 1)) * 100).rounded())
            return "Nothing was imported: this full roster would deactivate \(deactivated) of \(active) active people (\(percent) %), more than the \(Int((maxShare * 100).rounded())) % allowed. If the export is truncated or filtered, export it again. To see who would be deactivated, run again with --dry-run; if they really left, run again with --force (or raise --max-deactivate)."
        case let .nobodyLeft(deactivated):
            return "Nothing was imported: this full roster has no people, so it would deactivate all \(deactivated) active people. An export with only a header is usually a failed export; export it again, or run with --force if the organisation really is empty."
        case let .noSystemsLeft(removed):
            return "Nothing was imported: this register lists no AI systems, so it would remove all \(removed) registered systems and the training they require. If that is what you mean, run again with --force."
        }
    }

    /// A lower layer's error as a `CommandFailure` with its words; other errors pass through.
    static func present(_ error: any Error) -> any Error {
        switch error {
        case let error as StoreError: CommandFailure(describe(error))
        case let problems as Problems: CommandFailure(describe(problems, nothingWritten: "nothing was changed.", fix: "Fix the file and try again."))
        case let refusal as ImportRefusal: CommandFailure(describe(refusal))
        case let problem as ClientSetupProblem: CommandFailure(problem.description)
        case let failure as LearnerServiceFailure: CommandFailure(failure.message)
        default: error
        }
    }
}
