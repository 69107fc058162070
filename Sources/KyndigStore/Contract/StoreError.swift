/// A storage failure, as data. The store says what happened; the words a person reads, and what
/// they should do about it, are chosen where the error is shown (the CLI, an HTTP problem document).
///
/// A struct wrapping a private enum (as Hummingbird's errors do), so cases can be added without
/// breaking callers; `code` is what callers switch on.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// No database at the path, and the caller did not ask to create one.
        case notFound = "not_found"
        /// The database exists but cannot be opened or created.
        case cannotOpen = "cannot_open"
        /// A newer Kyndig wrote this database: its schema has migrations this build does not know.
        case newerSchema = "newer_schema"
        /// An older Kyndig wrote this database and a read-only open cannot upgrade it.
        case outdatedSchema = "outdated_schema"
        /// A stored row does not decode: a damaged or hand-edited record.
        case damagedRow = "damaged_row"
        /// No attempt with that id.
        case unknownAttempt = "unknown_attempt"
        /// Another writer held the database for longer than the busy timeout.
        case busy
    }

    private enum Value: Hashable {
        case notFound(path: String)
        case cannotOpen(path: String, reason: String)
        case newerSchema(path: String)
        case outdatedSchema(path: String)
        case damagedRow(table: String, key: String, column: String)
        case unknownAttempt(id: String)
        case busy(path: String)
    }

    private let value: Value

    public static func notFound(path: String) -> StoreError { StoreError(value: .notFound(path: path)) }
    public static func cannotOpen(path: String, reason: String) -> StoreError { StoreError(value: .cannotOpen(path: path, reason: reason)) }
    public static func newerSchema(path: String) -> StoreError { StoreError(value: .newerSchema(path: path)) }
    public static func outdatedSchema(path: String) -> StoreError { StoreError(value: .outdatedSchema(path: path)) }
    /// - Parameters: the table, the row's key (`employee_id=E1`) and the column that did not decode.
    public static func damagedRow(table: String, key: String, column: String) -> StoreError {
        StoreError(value: .damagedRow(table: table, key: key, column: column))
    }
    public static func unknownAttempt(id: String) -> StoreError { StoreError(value: .unknownAttempt(id: id)) }
    public static func busy(path: String) -> StoreError { StoreError(value: .busy(path: path)) }

    public var code: Code {
        switch value {
        case .notFound: .notFound
        case .cannotOpen: .cannotOpen
        case .newerSchema: .newerSchema
        case .outdatedSchema: .outdatedSchema
        case .damagedRow: .damagedRow
        case .unknownAttempt: .unknownAttempt
        case .busy: .busy
        }
    }

    /// The database the error is about, where it names one.
    public var path: String? {
        switch value {
        case let .notFound(path), let .cannotOpen(path, _), let .newerSchema(path), let .outdatedSchema(path), let .busy(path): path
        default: nil
        }
    }

    /// What the operating system or the database engine said, for `cannotOpen`.
    public var reason: String? {
        if case let .cannotOpen(_, reason) = value { return reason }
        return nil
    }

    /// Table, key and column of a damaged row.
    public var row: (table: String, key: String, column: String)? {
        if case let .damagedRow(table, key, column) = value { return (table, key, column) }
        return nil
    }

    public var attemptID: String? {
        if case let .unknownAttempt(id) = value { return id }
        return nil
    }

    /// A neutral, technical description (logs, tests). No personal data: ids and paths only.
    public var description: String {
        switch value {
        case let .notFound(path): "no database at '\(path)'"
        case let .cannotOpen(path, reason): "cannot open the database '\(path)': \(reason)"
        case let .newerSchema(path): "the database '\(path)' was written by a newer Kyndig"
        case let .outdatedSchema(path): "the database '\(path)' was written by an older Kyndig and is opened read-only"
        case let .damagedRow(table, key, column): "\(table) row \(key): column \(column) does not decode"
        case let .unknownAttempt(id): "no quiz attempt '\(id)'"
        case let .busy(path): "the database '\(path)' is busy (another writer holds its lock)"
        }
    }
}
