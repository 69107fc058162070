import KyndigCore
import KyndigStore

/// The words a person at the terminal reads for an error from a lower layer, with what to do.
/// Lower layers report what happened as data; only here is it worded for the command line.
enum ErrorWording {
    static func describe(_ error: StoreError) -> String {
        let path = error.path ?? "the database"
        switch error.code {
        case .notFound:
            return "No database at '\(path)'. Create it by importing a roster (kyndig roster import FILE --db \(path)) or with kyndig sync, try the demo hospital (kyndig demo), or pass --db with the right path."
        case .cannotOpen:
            return "Cannot open the database '\(path)': \(error.reason ?? "unknown reason"). Check the path and its permissions, or pass --db."
        case .newerSchema:
            return "The database '\(path)' was written by a newer version of Kyndig. Update Kyndig to use it; this version changes nothing in it."
        case .damagedRow:
            let row = error.row.map { "table \($0.table), row \($0.key), column \($0.column)" } ?? "a row"
            return "The database holds a damaged record (\(row)). Nothing was changed. Restore the database from a backup, or ask your Kyndig administrator to repair that record."
        case .unknownAttempt:
            return "No quiz attempt '\(error.attemptID ?? "")' in this database. It may belong to another database (check --db)."
        case .busy:
            return "The database '\(path)' is busy: another Kyndig process has been writing to it for too long. Nothing was changed; try again in a moment."
        }
    }

    /// Every problem, then one line on what happened and what to do.
    static func describe(_ problems: Problems, nothingWritten: String, fix: String) -> String {
        let count = problems.items.count
        return problems.description + "\n\(count) problem\(count == 1 ? "" : "s"); \(nothingWritten) \(fix)"
    }

    /// A lower layer's error as a `CommandFailure` with its words; other errors pass through.
    static func present(_ error: any Error) -> any Error {
        switch error {
        case let error as StoreError: CommandFailure(describe(error))
        case let problems as Problems: CommandFailure(describe(problems, nothingWritten: "nothing was changed.", fix: "Fix the file and try again."))
        default: error
        }
    }
}
