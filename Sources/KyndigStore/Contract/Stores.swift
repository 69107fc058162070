public import Foundation
public import KyndigCore

// The storage contract. `SQLiteStore` implements it on one SQLite file; a PostgreSQL backend
// implements the same protocols and runs the same contract tests (Tests/KyndigStoreTests).
// Every method is `async throws`, takes and returns named values, and is one transaction.
// A row that cannot be decoded is a `StoreError` naming the table and key, never a default.

/// The organisation: units, people and their roles, as the HR roster describes them.
public protocol RosterStore: Sendable {
    /// Everything a roster import compares against: all units and people, active or not.
    func rosterSnapshot() async throws -> RosterSnapshot
    /// Applies a plan's parts in one transaction as they are sent, and records the whole plan in
    /// the audit log (no entry when it changes nothing). New people's roles and unit date from
    /// their start; a role given, a move or a return dates from `day`. When the sender fails, the
    /// store rolls back everything and throws the sender's error.
    func apply(_ parts: RosterPlanParts, on day: CalendarDate, change: Change) async throws
}

extension RosterStore {
    /// Applies a whole plan in one transaction (see `apply(_:on:change:)` with parts).
    public func apply(_ plan: RosterPlan, on day: CalendarDate, change: Change) async throws {
        try await apply(RosterPlanParts(plan), on: day, change: change)
    }
}

/// Who a person is and where they sit.
public protocol PeopleStore: Sendable {
    func person(employeeID: String) async throws -> Person?
    /// The active person with this username (the OS user in local mode).
    func person(username: String) async throws -> Person?
    /// Everyone who has had this username, active or not, active first.
    func people(username: String) async throws -> [Person]
    /// The unit and its ancestors, nearest first.
    func unitAncestry(of unitID: String) async throws -> [OrgUnit]
    /// Every active unit, by id.
    func units() async throws -> [OrgUnit]
}

/// The AI-system register.
public protocol SystemStore: Sendable {
    func systems() async throws -> [AISystem]
    /// Applies a register diff in one transaction and records it in the audit log. A system
    /// newly registered for a unit dates from `day`; links that stay keep their date.
    func apply(_ plan: SystemsPlan, on day: CalendarDate, change: Change) async throws
}

/// Exemptions from a module: granted, revoked, in force.
public protocol ExemptionStore: Sendable {
    /// Grants an exemption (replacing one in force for the same person and module) and audits it.
    func grant(_ exemption: Exemption, change: Change) async throws
    /// Revokes the exemption in force from `day`; false when there was none.
    func revokeExemption(employeeID: String, moduleID: String, on day: CalendarDate, change: Change) async throws -> Bool
    /// The person's exemptions not revoked, oldest first.
    func exemptions(employeeID: String) async throws -> [Exemption]
}

/// Other measures than the course (a hands-on sign-off, a workshop), attested person by person.
public protocol AttestationStore: Sendable {
    /// Records that `attestation.employeeID` took part in the measure, and audits it.
    func attest(_ attestation: Attestation, change: Change) async throws
    /// The person's attested measures, oldest first.
    func attestations(employeeID: String) async throws -> [Attestation]
}

/// Module versions from the catalog: what attempts and passes are pinned to.
public protocol CatalogStore: Sendable {
    func storedVersions() async throws -> [StoredModuleVersion]
    /// Stores the versions not stored yet; returns the ones that were new. Idempotent.
    func store(_ versions: [ModuleVersionRecord], change: Change) async throws -> [ModuleVersionRecord]
}

/// The append-only, hash-chained audit log (its rules are `AuditChain`, in KyndigCore).
public protocol AuditStore: Sendable {
    /// The newest `limit` entries, oldest first.
    func auditEntries(limit: Int) async throws -> [AuditEntry]
    /// Re-computes the chain from the first entry.
    func verifyAuditChain() async throws -> AuditVerification
}

/// Quiz attempts and answers. Every answer is committed when given; repeating a call (a retry
/// after a dropped connection, a second terminal) changes nothing.
public protocol AttemptStore: Sendable {
    /// Stores `new` as the person's open attempt in its module, unless one is open already:
    /// then that one is returned and `new` is dropped (one open attempt per person and module).
    func startAttempt(_ new: AttemptRecord) async throws -> AttemptStart
    func attempt(id: String) async throws -> AttemptRecord?
    func openAttempts(employeeID: String) async throws -> [AttemptRecord]
    func answers(attemptID: String) async throws -> [AnswerRecord]
    func recordAnswer(_ answer: AnswerRecord, attemptID: String, at: Date) async throws -> AnswerRecording
    /// Closes the attempt with the score of its stored answers, passed or failed by its pass mark.
    /// A second call returns the attempt as it was closed the first time.
    /// - Parameter on: the calendar day of `change.at` in the organisation's time zone.
    func finishAttempt(id: String, on: CalendarDate, change: Change) async throws -> AttemptRecord
    /// Closes an open attempt without a result (the module changed under it); its answers stay.
    func abandonAttempt(id: String, on: CalendarDate, change: Change) async throws -> AttemptRecord
    /// Brings in attempts recorded elsewhere, as they were (a synthetic hospital's history; later a
    /// migration from another learning system): finished or open, without per-question answers,
    /// all or none, with one audit entry for the batch. An attempt id already stored is an error.
    func importAttempts(_ attempts: [AttemptRecord], change: Change) async throws
}

/// The evidence behind statuses, for one person and in bulk.
public protocol LearnerStore: Sendable {
    /// The person's passes (oldest first) and the modules they have an attempt under way in.
    func learnerRecord(of person: Person) async throws -> LearnerRecord
    /// The person with `employeeID` (active or not) and their record, read together; nil when
    /// the roster has nobody with that id.
    func learnerRecord(employeeID: String) async throws -> LearnerRecord?
    /// One page of the active people in `unitID` and every unit below it (everyone when nil),
    /// by employee id after `after`, each with roles, passes and open attempts.
    func learnerRecords(inUnit unitID: String?, after: String?, limit: Int) async throws -> [LearnerRecord]
    /// Where the pages of `learnerRecords(inUnit:after:limit:)` begin: the employee id each page
    /// after the first reads after (the last of every full page of `pageSize`), in one query, so
    /// that pages can be read side by side.
    func pageBoundaries(inUnit unitID: String?, pageSize: Int) async throws -> [String]
}

/// Questions the course material did not answer, without who asked them.
public protocol QuestionLogStore: Sendable {
    func logUnanswered(_ question: UnansweredQuestion) async throws
    /// Those asked at or after `since` (all when nil), oldest first.
    func unansweredQuestions(since: Date?) async throws -> [UnansweredQuestion]
    /// Deletes those asked before `cutoff` (the retention period); returns how many.
    func purgeUnanswered(before cutoff: Date) async throws -> Int
}

/// What HR integrations poll: rows changed after a cursor (the audit log's sequence number of
/// the change), a page at a time.
public protocol ExportStore: Sendable {
    /// The cursor now: the number of the newest audit entry (0 when there is none).
    func changeCursor() async throws -> Int
    /// People, active or not, changed after `since` and up to `upTo` (every one when `since` is
    /// nil), by employee id after `after`.
    func peopleChanged(since: Int?, upTo: Int, after: String?, limit: Int) async throws -> [Person]
    /// Passes recorded after `since` and up to `upTo`, by attempt id after `after`.
    func passesChanged(since: Int?, upTo: Int, after: String?, limit: Int) async throws -> [AttemptRecord]
}

/// Everything Kyndig stores, as one backend provides it.
public typealias KyndigStore = RosterStore & PeopleStore & SystemStore & CatalogStore & AuditStore & AttemptStore & LearnerStore
    & QuestionLogStore & ExemptionStore & AttestationStore & ExportStore & TokenStore

extension LearnerStore {
    /// The active people of a unit subtree (everyone when `unitID` is nil) with their evidence,
    /// read a page at a time as the caller iterates: memory stays flat for 100,000 people.
    public func learnerRecords(inUnit unitID: String?, pageSize: Int = 1_000) -> LearnerRecords {
        LearnerRecords(store: self, unitID: unitID, pageSize: pageSize)
    }
}

/// The people of a unit subtree with their evidence, fetched page by page on iteration.
public struct LearnerRecords: AsyncSequence, Sendable {
    public typealias Element = LearnerRecord
    let store: any LearnerStore
    let unitID: String?
    let pageSize: Int

    public struct AsyncIterator: AsyncIteratorProtocol {
        let records: LearnerRecords
        var page: [LearnerRecord] = []
        var index = 0
        var exhausted = false
        var started = false
        /// The next page, already being read while the caller works through this one: on two
        /// cores the reading and the caller's work overlap.
        var next: Task<[LearnerRecord], any Error>?

        public mutating func next() async throws -> LearnerRecord? {
            if index == page.count {
                guard !exhausted else { return nil }
                if let next {
                    page = try await next.value
                } else if !started {
                    page = try await records.store.learnerRecords(inUnit: records.unitID, after: nil, limit: records.pageSize)
                } else {
                    return nil
                }
                started = true
                index = 0
                exhausted = page.count < records.pageSize
                next = nil
                guard let last = page.last else { return nil }
                if !exhausted {
                    let (store, unitID, pageSize, after) = (records.store, records.unitID, records.pageSize, last.person.employeeID)
                    next = Task { try await store.learnerRecords(inUnit: unitID, after: after, limit: pageSize) }
                }
            }
            defer { index += 1 }
            return page[index]
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(records: self) }
}
