extension RosterPlan {
    /// A roster plan made one unit and one person at a time, for an import that writes while it
    /// reads the file (`RosterPlan(current:incoming:full:)` is this builder run over a whole
    /// roster). Besides the plan in the file's order, it hands out changes as soon as a store can
    /// write them, so that no reference ever points at a row not yet written: someone whose
    /// manager is not written yet waits for them until the part is taken, and past that, like a
    /// unit whose parent comes later, is handed out with the reference empty, set by a link once
    /// its row is written
    /// (SQLite checks a waiting reference at commit, but meanwhile looks up, on every insert, the
    /// rows that refer to the new one: without the indexes a first import builds last, a scan).
    /// A person's unit comes with their row, so it is always there. A username is never shared by
    /// two active people, even for a moment: someone taking a username another active person holds
    /// now is handed out after the holder's change, or in the last part when the holder leaves.
    ///
    /// A store writes each part in this order: leavers, units, changed people, new people (a
    /// changed person may give up the username a new one takes), links.
    public struct Builder: Sendable {
        /// Everything so far, in the order of the file.
        public private(set) var plan = RosterPlan()
        /// Changes handed out and not yet taken.
        private var ready = RosterPlan()

        private let current: RosterSnapshot
        /// Positions rather than copies of people: this runs on 100,000-person rosters.
        private let currentIndex: [String: Int]
        private let currentUnits: [String: OrgUnit]
        /// Who holds each username among the active stored people.
        private let usernameHolders: [String: String]

        /// Units seen: each is stored as it is, or handed out on its first mention.
        private var seenUnits: Set<String> = []
        /// Employee ids of the people handed out (a stored one among them may have given up a username).
        private var handedOutPeople: Set<String> = []
        /// Links to write once their target is: by manager id, and by parent unit id.
        private var managerLinksWaiting: [String: [String]] = [:]
        private var parentLinksWaiting: [String: [String]] = [:]
        /// People whose manager is not written yet, by manager id, until the part is taken (a
        /// manager often follows their staff within a few rows; a link costs the store an update).
        private var waitingForManager: [String: [Person]] = [:]
        private var waitingForManagerCount = 0
        /// People waiting for a username, by the employee id of the person who holds it now.
        private var waitingForUsername: [String: [Person]] = [:]

        public init(current: RosterSnapshot) {
            self.current = current
            var index: [String: Int] = [:], holders: [String: String] = [:]
            index.reserveCapacity(current.people.count)
            for (position, person) in current.people.enumerated() where index[person.employeeID] == nil {
                index[person.employeeID] = position
                if person.active { holders[person.username] = person.employeeID }
            }
            currentIndex = index
            usernameHolders = holders
            currentUnits = Dictionary(current.units.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }

        /// People handed out (added or changed) and not yet taken.
        /// People for the part `takeReady` hands out next (added or changed).
        public var readyPeople: Int { ready.addedPeople.count + ready.changedPeople.count + waitingForManagerCount }

        /// A unit of the incoming roster; only its first mention counts.
        public mutating func add(_ unit: OrgUnit) {
            // The parent's row is there if it is stored or was seen before (and so handed out).
            let parentWritten = unit.parentID.map { currentUnits[$0] != nil || seenUnits.contains($0) } ?? true
            guard seenUnits.insert(unit.id).inserted else { return }
            let stored = currentUnits[unit.id]
            if let stored, stored == unit && current.unitActive[unit.id] != false { return }
            var written = unit
            if let parent = unit.parentID, !parentWritten {
                written.parentID = nil
                parentLinksWaiting[parent, default: []].append(unit.id)
            }
            if stored == nil {
                plan.addedUnits.append(unit)
                ready.addedUnits.append(written)
            } else {
                plan.changedUnits.append(unit)
                ready.changedUnits.append(written)
            }
            for child in parentLinksWaiting.removeValue(forKey: unit.id) ?? [] { ready.parentLinks.append(Link(id: child, target: unit.id)) }
        }

        /// A person of the incoming roster: added, changed (fields, roles, or returning), or the
        /// same as stored.
        public mutating func add(_ incoming: Person) {
            var person = incoming
            person.active = true
            if person.roleIDs.count > 1 { person.roleIDs.sort() }
            if let position = currentIndex[person.employeeID] {
                var existing = current.people[position]
                if existing.roleIDs.count > 1 { existing.roleIDs.sort() }
                guard existing != person else { return }
                plan.changedPeople.append(person)
            } else {
                plan.addedPeople.append(person)
            }
            if let holder = usernameHolders[person.username], holder != person.employeeID, !handedOutPeople.contains(holder) {
                waitingForUsername[holder, default: []].append(person)
            } else {
                handOut(person)
            }
        }

        /// The changes handed out since the last call.
        public mutating func takeReady() -> RosterPlan {
            stopWaitingForManagers()
            defer { ready = RosterPlan() }
            return ready
        }

        /// Hands out everyone still waiting for a manager, with a link for the manager: first
        /// those whose manager is not waiting too (their own waiting staff then follow, unlinked).
        private mutating func stopWaitingForManagers() {
            guard waitingForManagerCount > 0 else { return }
            let waiting = Set(waitingForManager.values.joined().map(\.employeeID))
            let first = waitingForManager.keys.filter { !waiting.contains($0) }.sorted()
            for manager in first + waitingForManager.keys.sorted() {
                for person in takeWaiting(for: manager) { handOut(person, linkingManager: true) }
            }
        }

        private mutating func takeWaiting(for manager: String) -> [Person] {
            let people = waitingForManager.removeValue(forKey: manager) ?? []
            waitingForManagerCount -= people.count
            return people
        }

        /// The last part, once every unit and person of the roster is added: what is ready, the
        /// people who waited for a leaver's username, and (full) the people and units the roster
        /// leaves out. A store writes a part's leavers before its other changes.
        public mutating func finish(incoming: RosterSnapshot, full: Bool) -> RosterPlan {
            if full {
                let leavers = Self.leavers(current: current, incoming: incoming)
                (ready.deactivatedEmployeeIDs, ready.deactivatedUnitIDs) = (leavers.people, leavers.units)
                (plan.deactivatedEmployeeIDs, plan.deactivatedUnitIDs) = (leavers.people, leavers.units)
                for leaver in leavers.people {
                    for person in waitingForUsername.removeValue(forKey: leaver) ?? [] { handOut(person) }
                }
            }
            // Still waiting: a username whose holder keeps it (a roster the reader checked has
            // none), last, for the store's unique index to refuse; or a cycle of hand-overs.
            // Two who swap usernames wait for each other; the store lets go of both before either
            // takes the other's. Handing one out may hand out others, hence one holder at a time.
            while let holder = waitingForUsername.keys.min() {
                for person in waitingForUsername.removeValue(forKey: holder)! { handOut(person) }
            }
            stopWaitingForManagers()
            // Links to a row that is neither stored nor in the roster (a checked roster has none):
            // written, for the commit's check to refuse.
            for manager in managerLinksWaiting.keys.sorted() {
                ready.managerLinks += managerLinksWaiting[manager]!.map { Link(id: $0, target: manager) }
            }
            for parent in parentLinksWaiting.keys.sorted() {
                ready.parentLinks += parentLinksWaiting[parent]!.map { Link(id: $0, target: parent) }
            }
            (managerLinksWaiting, parentLinksWaiting) = ([:], [:])
            return takeReady()
        }

        /// Adds the person to the ready part, then whoever waited for them: as their manager, or
        /// for a username they held (a worklist, not recursion: a chain of managers may be as
        /// long as the roster).
        /// - Parameter linkingManager: a manager not written yet is linked later instead of waited for.
        private mutating func handOut(_ person: Person, linkingManager: Bool = false) {
            var work = [(person, linkingManager)]
            while let (candidate, linking) = work.popLast() {
                var next = candidate
                if let manager = next.managerEmployeeID, currentIndex[manager] == nil && !handedOutPeople.contains(manager) {
                    guard linking else {
                        waitingForManager[manager, default: []].append(next)
                        waitingForManagerCount += 1
                        continue
                    }
                    next.managerEmployeeID = nil
                    managerLinksWaiting[manager, default: []].append(next.employeeID)
                }
                handedOutPeople.insert(next.employeeID)
                if currentIndex[next.employeeID] != nil {
                    ready.changedPeople.append(next)
                    work += (waitingForUsername.removeValue(forKey: next.employeeID) ?? []).reversed().map { ($0, false) }
                } else {
                    ready.addedPeople.append(next)
                }
                work += takeWaiting(for: next.employeeID).reversed().map { ($0, false) }
                for report in managerLinksWaiting.removeValue(forKey: next.employeeID) ?? [] {
                    ready.managerLinks.append(Link(id: report, target: next.employeeID))
                }
            }
        }

        /// Stored people missing from a whole-organisation roster, and stored units neither in it
        /// nor above a unit in it (a division may have no staff of its own); active ones only.
        private static func leavers(current: RosterSnapshot, incoming: RosterSnapshot) -> (people: [String], units: [String]) {
            let incomingPeople = Set(incoming.people.map(\.employeeID))
            let people = current.people
                .filter { $0.active && !incomingPeople.contains($0.employeeID) }
                .map(\.employeeID).sorted()
            var parents: [String: String?] = Dictionary(current.units.map { ($0.id, $0.parentID) }, uniquingKeysWith: { a, _ in a })
            for unit in incoming.units { parents[unit.id] = unit.parentID }
            let incomingUnits = Set(incoming.units.flatMap { UnitTree.ancestry(of: $0.id, parents: parents) })
            let units = current.units
                .filter { current.unitActive[$0.id] != false && !incomingUnits.contains($0.id) }
                .map(\.id).sorted()
            return (people, units)
        }
    }
}
