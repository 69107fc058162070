public import KyndigCore
public import KyndigStore

/// What HR systems pull: people, passes and requirement statuses as flat rows.
///
/// People and passes can be pulled incrementally. Every change to a person (a roster import)
/// or a pass (a quiz finished) carries the number of its audit entry; an export
/// reads the newest number first (the cursor it returns), then the rows changed after `since`
/// and up to that cursor. The next poll passes that cursor as `since`: a change made while an
/// export runs gets a higher number and comes in the next one, and two changes in the same
/// second still have two numbers, so nothing is missed or sent twice.
///
/// Requirement statuses change with the calendar as well as with data (a due day passes), so
/// that export is always a full snapshot as of a day.
public struct HRExports: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case people, completions, requirements
    }

    public enum Problem: Error, Sendable, Hashable {
        /// `--since` beyond the newest change: a cursor from another database, or mistyped.
        case cursorAhead(given: Int, newest: Int)
    }

    let store: any KyndigStore
    let pageSize: Int

    public init(store: any KyndigStore, pageSize: Int = 1_000) {
        self.store = store
        self.pageSize = pageSize
    }

    public static func columns(of kind: Kind) -> [String] {
        switch kind {
        case .people: personColumns
        case .completions: completionColumns
        case .requirements: requirementColumns
        }
    }

    /// Everyone, active or not (`active` says which), or those changed after `since`; by
    /// employee id. Returns the cursor for the next poll.
    public func people(since: Int?, _ sink: (ExportRecord) throws -> Void) async throws -> Int {
        try await changed(since: since, key: \.employeeID, record: Self.record, sink: sink) { cursor, after in
            try await store.peopleChanged(since: since, upTo: cursor, after: after, limit: pageSize)
        }
    }

    /// Every pass, or those recorded after `since`; by attempt id. Returns the cursor for the next poll.
    public func completions(since: Int?, _ sink: (ExportRecord) throws -> Void) async throws -> Int {
        try await changed(since: since, key: \.id, record: Self.record, sink: sink) { cursor, after in
            try await store.passesChanged(since: since, upTo: cursor, after: after, limit: pageSize)
        }
    }

    /// Reads the cursor, then the rows changed after `since` and up to it a page at a time (each
    /// page after the last key of the one before), and returns the cursor.
    private func changed<Row>(
        since: Int?, key: (Row) -> String, record: (Row) throws -> ExportRecord, sink: (ExportRecord) throws -> Void,
        page: (_ cursor: Int, _ after: String?) async throws -> [Row]
    ) async throws -> Int {
        let cursor = try await checkedCursor(since)
        var after: String?
        while true {
            let rows = try await page(cursor, after)
            for row in rows { try sink(try record(row)) }
            guard rows.count == pageSize, let last = rows.last else { return cursor }
            after = key(last)
        }
    }

    /// One row per requirement of every active person of the subtree, as of `asOf`.
    public func requirements(unitID: String?, catalog: Catalog, asOf: CalendarDate, _ sink: (ExportRecord) throws -> Void) async throws {
        try await requirements(unitID: unitID, catalog: catalog, asOf: asOf) { ExportRecords(columns: Self.requirementColumns) } write: {
            try $0.forEach(sink)
        }
    }

    /// The same rows, a page of people at a time, written cell by cell into a fresh `Writer`
    /// (`makeWriter`) in the task that worked the page out, side by side with the other pages (one
    /// per core); `write` gets each page's piece in order. No row of cells is made in between: a
    /// whole organisation's export is 600,000 rows.
    public func requirements<Writer: ExportPageWriter>(
        unitID: String?, catalog: Catalog, asOf: CalendarDate, makeWriter: @escaping @Sendable () -> Writer,
        write: (Writer.Piece) throws -> Void
    ) async throws {
        try await ComplianceReporting(store: store, pageSize: pageSize).forEachPage(unitID: unitID, catalog: catalog, days: [asOf], start: { _ in }) { _, people in
            var lists = ListTexts()
            var writer = makeWriter()
            for person in people {
                for status in person.statuses[0] {
                    Self.writeRow(status, of: person.record.person, asOf: asOf, lists: &lists, into: &writer)
                    try writer.endRow()
                }
            }
            return try writer.finish()
        } take: { piece in
            try write(piece)
        }
    }

    func checkedCursor(_ since: Int?) async throws -> Int {
        let cursor = try await store.changeCursor()
        if let since, since > cursor { throw Problem.cursorAhead(given: since, newest: cursor) }
        return cursor
    }
}

extension HRExports {
    static let personColumns = ["employee_id", "name", "email", "username", "unit_id", "role_ids", "manager_employee_id",
                                "start_date", "active"]

    static func record(_ person: Person) -> ExportRecord {
        ExportRecord(personColumns, [
            .text(person.employeeID), .text(person.name), .text(person.email), .text(person.username), .text(person.unitID),
            .text(person.roleIDs.sorted().joined(separator: " ")), person.managerEmployeeID.map(ExportCell.text) ?? .missing,
            .day(person.startDate), .flag(person.active),
        ])
    }

    static let completionColumns = ["attempt_id", "employee_id", "module_id", "version", "language", "passed_on", "finished_at",
                                    "correct", "total", "score", "content_hash"]

    static func record(_ attempt: AttemptRecord) throws -> ExportRecord {
        // The store hands out passes only; a pass always has its result.
        guard let finished = attempt.finished, let result = finished.result else {
            throw StoreError.damagedRow(table: "quiz_attempt", key: attempt.id, column: "outcome")
        }
        return ExportRecord(completionColumns, [
            .text(attempt.id), .text(attempt.employeeID), .text(attempt.moduleID), .text(attempt.version.description),
            .text(attempt.language.rawValue), .day(finished.on), .instant(finished.at), .integer(result.correct),
            .integer(result.total), .decimal(result.score), .text(attempt.contentHash),
        ])
    }

    static let requirementColumns = ["as_of", "employee_id", "unit_id", "module_id", "state", "reasons", "obligation_ids", "since",
                                     "due_on", "passed_on", "passed_version", "score", "expires_on", "exempt_until", "exemption_approver",
                                     "attested_measure", "attested_on", "attested_by"]

    /// The row of `status`, cell by cell in `requirementColumns`' order.
    /// - Parameter lists: the reasons and obligations written so far, kept from row to row.
    static func writeRow(_ status: RequirementStatus, of person: Person, asOf: CalendarDate, lists: inout ListTexts, into row: inout some ExportRowSink) {
        let completion = status.completion
        let exemption = status.exemption
        let attestation = status.attestation
        let requirement = status.requirement
        row.cell(.day(asOf))
        row.cell(.text(person.employeeID))
        row.cell(.text(person.unitID))
        row.cell(.text(requirement.moduleID))
        row.cell(.text(status.state.rawValue))
        row.cell(.text(lists.reasons.text(of: requirement.reasons) { $0.map(reasonCode).joined(separator: " ") }))
        row.cell(.text(lists.obligations.text(of: requirement.obligationIDs) { $0.joined(separator: " ") }))
        row.cell(.day(status.since))
        row.cell(.day(status.dueOn))
        row.cell(completion.map { .day($0.passedOn) } ?? .missing)
        row.cell(completion.map { .text($0.version.description) } ?? .missing)
        row.cell(completion.map { .decimal($0.score) } ?? .missing)
        row.cell(status.expiresOn.map(ExportCell.day) ?? .missing)
        row.cell(exemption.map { $0.until.map(ExportCell.day) ?? .text("until_revoked") } ?? .missing)
        row.cell(exemption.map { .text($0.approver) } ?? .missing)
        row.cell(attestation.map { .text($0.measureID) } ?? .missing)
        row.cell(attestation.map { .day($0.attestedOn) } ?? .missing)
        row.cell(attestation.map { .text($0.attestedBy) } ?? .missing)
    }

    /// Lists written as text once each: the people with the same roles and unit share the lists
    /// of their requirements (one array, from the planner), and joining them again for every row
    /// was a sixth of an export.
    struct ListTexts {
        var reasons = Joined<RequirementReason>()
        var obligations = Joined<String>()
    }

    /// Texts of lists, found by the array's storage, then checked to be equal to that array
    /// (storage may be reused; an equal list has the same text anyway).
    struct Joined<Element: Equatable> {
        private var texts: [Int: (list: [Element], text: String)] = [:]

        mutating func text(of list: [Element], _ make: ([Element]) -> String) -> String {
            let key = list.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }
            if let known = texts[key], known.list == list { return known.text }
            let text = make(list)
            texts[key] = (list, text)
            return text
        }
    }

    /// `role:clinician`, `system:triage/high-risk`, `oversight:triage`, `local_unit:triage`: one token per reason.
    static func reasonCode(_ reason: RequirementReason) -> String {
        switch reason {
        case let .role(id): "role:\(id)"
        case let .system(systemID, contextID): "system:\(systemID)/\(contextID)"
        case let .oversight(systemID): "oversight:\(systemID)"
        case let .localUnit(systemID): "local_unit:\(systemID)"
        }
    }
}
