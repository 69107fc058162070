extension RosterPlan {
    /// A roster plan made one unit and one person at a time, for an import that writes while it
    /// reads the file (`RosterPlan(current:incoming:full:)` is this builder run over a whole
    /// roster). Besides the plan in the file's order, it hands out the changes in an order a
    /// store can write as they come: a unit after the unit above it, a person after their unit and
    /// their manager (a reference to a row not there yet would wait for the commit's check, and
    /// SQLite looks for such waiting references on every later insert), and someone taking a
    /// username another active person holds after the holder's change, or in the last part when
    /// the holder leaves (one active person per username at every moment).
    ///
    /// A store writes each part in this order: leavers, units, changed people, new people.
    public struct Builder: Sendable {
        /// Everything so far, in the order of the file.
        public private(set) var plan = RosterPlan()
        /// Changes whose references are all stored or handed out, not yet taken.
        private var ready = RosterPlan()

        private let current: RosterSnapshot
        /// Positions rather than copies of people: this runs on 100,000-person rosters.
        private let currentIndex: [String: Int]
        private let currentUnits: [String: OrgUnit]
        /// Who holds each username among the active stored people.
        private let usernameHolders: [String: String]

        private var seenUnits: Set<String> = []
        private var handedOutUnits: Set<String> = []
        private var handedOutPeople: Set<String> = []
        private var unitsWaiting: [String: [Change]] = [:]
        private var peopleWaitingForUnit: [String: [Change]] = [:]
        private var peopleWaitingForManager: [String: [Change]] = [:]
        /// By the employee id of the active stored person who holds the username now.
        private var peopleWaitingForUsername: [String: [Change]] = [:]

        /// A unit's or a person's change.
        fileprivate enum Change: Sendable {
            case addedUnit(OrgUnit), changedUnit(OrgUnit), addedPerson(Person), changedPerson(Person)

            var isChangedPerson: Bool {
                if case .changedPerson = self { true } else { false }
            }
        }

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

        /// People ready to be written (added or changed), not yet taken.
        public var readyPeople: Int { ready.addedPeople.count + ready.changedPeople.count }

        /// A unit of the incoming roster; only its first mention counts.
        public mutating func add(_ unit: OrgUnit) {
            guard seenUnits.insert(unit.id).inserted else { return }
            if let existing = currentUnits[unit.id] {
                guard existing != unit || current.unitActive[unit.id] == false else { return }
                plan.changedUnits.append(unit)
                offer(.changedUnit(unit))
            } else {
                plan.addedUnits.append(unit)
                offer(.addedUnit(unit))
            }
        }

        /// A person of the incoming roster: added, changed (fields, roles, or returning), or the
        /// same as stored.
        public mutating func add(_ incoming: Person) {
            var person = incoming
            person.active = true
            if person.roleIDs.count > 1 { person.roleIDs.sort() }
            let change: Change
            if let position = currentIndex[person.employeeID] {
                var existing = current.people[position]
                if existing.roleIDs.count > 1 { existing.roleIDs.sort() }
                guard existing != person else { return }
                plan.changedPeople.append(person)
                change = .changedPerson(person)
            } else {
                plan.addedPeople.append(person)
                change = .addedPerson(person)
            }
            offer(change)
        }

        /// The changes ready to be written, in an order that keeps every reference satisfied.
        public mutating func takeReady() -> RosterPlan {
            defer { ready = RosterPlan() }
            return ready
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
                    for change in peopleWaitingForUsername.removeValue(forKey: leaver) ?? [] { offer(change, usernameFree: true) }
                }
            }
            // Still waiting for a unit or manager: a cycle through a username (a new manager who
            // takes the username their changed report gives up), or a row that is neither stored
            // nor in the roster (a checked roster has none). References are checked at commit, a
            // username at once: references give way, one change at a time, a changed person's
            // first (their manager's row is there or not, the person's is).
            while let change = takeOneWaitingForAReference() { offer(change, usernameFree: true, referencesWaived: true) }
            // A username whose holder keeps it (a checked roster has none): last, for the store to refuse.
            for key in peopleWaitingForUsername.keys.sorted() { peopleWaitingForUsername[key]!.forEach { ready.append($0) } }
            peopleWaitingForUsername = [:]
            return takeReady()
        }

        /// Hands out the change if what it refers to is stored or handed out already, else keeps
        /// it until then; and then whatever was waiting for it. A worklist, not recursion: a
        /// chain of managers may be as long as the roster.
        /// - Parameters:
        ///   - usernameFree: its username's holder has given it up (or it never had one).
        ///   - referencesWaived: handed out whether its unit, parent or manager is there or not.
        private mutating func offer(_ change: Change, usernameFree: Bool = false, referencesWaived: Bool = false) {
            var work = [(change, usernameFree, referencesWaived)]
            while let (next, usernameFree, referencesWaived) = work.popLast() {
                switch next {
                case let .addedUnit(unit), let .changedUnit(unit):
                    if !referencesWaived, let parent = unit.parentID, !unitIsWritten(parent) {
                        unitsWaiting[parent, default: []].append(next)
                        continue
                    }
                    ready.append(next)
                    handedOutUnits.insert(unit.id)
                    // Reversed, so that those waiting are handed out in the order they came.
                    work += (peopleWaitingForUnit.removeValue(forKey: unit.id) ?? []).reversed().map { ($0, true, false) }
                    work += (unitsWaiting.removeValue(forKey: unit.id) ?? []).reversed().map { ($0, true, false) }
                case let .addedPerson(person), let .changedPerson(person):
                    if !usernameFree, let holder = usernameHolders[person.username], holder != person.employeeID, !handedOutPeople.contains(holder) {
                        peopleWaitingForUsername[holder, default: []].append(next)
                        continue
                    }
                    if !referencesWaived && !unitIsWritten(person.unitID) {
                        peopleWaitingForUnit[person.unitID, default: []].append(next)
                        continue
                    }
                    if !referencesWaived, let manager = person.managerEmployeeID, !personIsWritten(manager) {
                        peopleWaitingForManager[manager, default: []].append(next)
                        continue
                    }
                    ready.append(next)
                    handedOutPeople.insert(person.employeeID)
                    // Those waiting for a unit or manager passed the username check before.
                    work += (peopleWaitingForManager.removeValue(forKey: person.employeeID) ?? []).reversed().map { ($0, true, false) }
                    work += (peopleWaitingForUsername.removeValue(forKey: person.employeeID) ?? []).reversed().map { ($0, true, false) }
                }
            }
        }

        /// One change still waiting for a unit, parent or manager, in a stable order: units, then
        /// changed people, then new people.
        private mutating func takeOneWaitingForAReference() -> Change? {
            if let key = unitsWaiting.keys.min() { return Self.takeFirst(of: key, in: &unitsWaiting, where: { _ in true }) }
            for isChanged in [true, false] {
                for key in peopleWaitingForUnit.keys.sorted() {
                    if let change = Self.takeFirst(of: key, in: &peopleWaitingForUnit, where: { $0.isChangedPerson == isChanged }) { return change }
                }
                for key in peopleWaitingForManager.keys.sorted() {
                    if let change = Self.takeFirst(of: key, in: &peopleWaitingForManager, where: { $0.isChangedPerson == isChanged }) { return change }
                }
            }
            return nil
        }

        private static func takeFirst(of key: String, in waiting: inout [String: [Change]], where matches: (Change) -> Bool) -> Change? {
            guard let index = waiting[key]?.firstIndex(where: matches) else { return nil }
            let change = waiting[key]!.remove(at: index)
            if waiting[key]!.isEmpty { waiting[key] = nil }
            return change
        }

        private func unitIsWritten(_ id: String) -> Bool { currentUnits[id] != nil || handedOutUnits.contains(id) }
        private func personIsWritten(_ id: String) -> Bool { currentIndex[id] != nil || handedOutPeople.contains(id) }

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

extension RosterPlan {
    fileprivate mutating func append(_ change: Builder.Change) {
        switch change {
        case let .addedUnit(unit): addedUnits.append(unit)
        case let .changedUnit(unit): changedUnits.append(unit)
        case let .addedPerson(person): addedPeople.append(person)
        case let .changedPerson(person): changedPeople.append(person)
        }
    }
}
