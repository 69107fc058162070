import KyndigCore
import PropertyBased
import Testing

/// The plan made row by row: the same plan as the whole-file diff, handed out in parts that a
/// store can write as they come, never referring to a row not yet written and never with two
/// active people sharing a username, and that leave every reference as the plan has it.
struct RosterPlanBuilderTests {
    /// A stored organisation and an incoming roster drawn from `seed`, in a random row order:
    /// managers after their reports, wards before their clinic, moves, renames, returners, people
    /// who take a username its holder gives up, two who swap theirs, and (full) new hires who take
    /// a leaver's username.
    static func organisations(seed: UInt64, full: Bool) -> (current: RosterSnapshot, incoming: RosterSnapshot) {
        var random = SeededRandom(seed: seed)
        func chance(_ inEvery: UInt64) -> Bool { random.next() % inEvery == 0 }
        func below(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }
        let date = CalendarDate(iso: "2024-01-01")!
        // A unit tree: U0 at the top, each later unit under an earlier one.
        var units = [OrgUnit(id: "U0", name: "Hospital", parentID: nil)]
        for index in 1..<12 { units.append(OrgUnit(id: "U\(index)", name: "Unit \(index)", parentID: "U\(below(index))")) }
        // People, each managed by an earlier one or by nobody: no cycles.
        let people = (0..<60).map { index in
            Person(employeeID: "E\(index)", name: "Person \(index)", email: "", username: "u\(index)",
                   unitID: "U\(below(units.count))", roleIDs: chance(3) ? ["leader", "clinician"] : ["clinician"],
                   startDate: date, managerEmployeeID: index == 0 || chance(6) ? nil : "E\(below(index))")
        }
        // Stored: some of the units and people (a few inactive: they return), and leavers.
        let storedUnits = units.filter { _ in chance(2) }
        var stored = people.filter { _ in chance(2) }
        for index in stored.indices where chance(8) { stored[index].active = false }
        let leavers = (0..<6).map { index in
            Person(employeeID: "L\(index)", name: "Leaver \(index)", email: "", username: "l\(index)", unitID: "U0",
                   roleIDs: ["clinician"], startDate: date, managerEmployeeID: nil)
        }
        var incoming = people
        for index in incoming.indices {
            if chance(7) { incoming[index].name += " (renamed)" }
            if chance(7) { incoming[index].unitID = "U\(below(units.count))" }
        }
        // Usernames handed on: the holder takes a new one, another person takes theirs.
        for _ in 0..<4 {
            let (taker, holder) = (below(incoming.count), below(incoming.count))
            guard taker != holder, incoming[holder].username.hasPrefix("u") else { continue }
            incoming[taker].username = incoming[holder].username
            incoming[holder].username = "v\(holder)"
        }
        // Two people swap usernames (each waits for the other: the store lets go of both first).
        let (first, second) = (below(incoming.count), below(incoming.count))
        if first != second { (incoming[first].username, incoming[second].username) = (incoming[second].username, incoming[first].username) }
        // A whole-organisation file deactivates the leavers, so new hires may take their usernames.
        var leaverNames = full ? (0..<6).map { "l\($0)" } : []
        for index in incoming.indices where chance(9) {
            if let name = leaverNames.popLast() { incoming[index].username = name }
        }
        let renamed = units.map { unit in chance(6) ? OrgUnit(id: unit.id, name: unit.name + " (renamed)", parentID: unit.parentID) : unit }
        let current = RosterSnapshot(
            units: storedUnits + (storedUnits.contains { $0.id == "U0" } ? [] : [units[0]]), people: stored + leavers,
            unitActive: Dictionary(uniqueKeysWithValues: storedUnits.map { ($0.id, !chance(5)) }))
        return (current, RosterSnapshot(units: renamed.shuffled(using: &random), people: incoming.shuffled(using: &random)))
    }

    /// Writes the parts as the SQLite store does (leavers; units; changed people, who first let
    /// go of a username they give up; new people; links) into a model of the unit and person
    /// tables, and records every moment two active people share a username (the store refuses
    /// that at once) and every reference to a row not yet written: a unit's parent or a new
    /// person's manager or unit at once (a first import builds the person indexes last, and a
    /// waiting reference would have SQLite scan the table on every insert), a changed person's
    /// at the end of the part (their manager may be new in the same part; the indexes are there).
    /// Then the tables after the last part: every reference as the plan has it.
    static func violations(writing parts: [RosterPlan], over current: RosterSnapshot, plan: RosterPlan) -> [String] {
        var units = Dictionary(uniqueKeysWithValues: current.units.map { ($0.id, $0) })
        var people = Dictionary(uniqueKeysWithValues: current.people.map { ($0.employeeID, $0) })
        var found: [String] = []
        func checkUsernames() {
            var holders: [String: String] = [:]
            for person in people.values.sorted(by: { $0.employeeID < $1.employeeID }) where person.active {
                if let other = holders.updateValue(person.employeeID, forKey: person.username) {
                    found.append("\(other) and \(person.employeeID) share \(person.username)")
                }
            }
        }
        func checkReferences(_ person: Person) {
            if units[person.unitID] == nil { found.append("\(person.employeeID) before unit \(person.unitID)") }
            if let manager = person.managerEmployeeID, people[manager] == nil { found.append("\(person.employeeID) before manager \(manager)") }
        }
        for part in parts {
            for id in part.deactivatedEmployeeIDs { people[id]?.active = false }
            for unit in part.addedUnits + part.changedUnits {
                if let parent = unit.parentID, units[parent] == nil { found.append("unit \(unit.id) before its parent \(parent)") }
                units[unit.id] = unit
            }
            for person in part.changedPeople where people[person.employeeID]?.username != person.username {
                people[person.employeeID]?.username = "\u{1}" + person.employeeID
            }
            for person in part.changedPeople {
                people[person.employeeID] = person
                checkUsernames()
            }
            for person in part.addedPeople {
                checkReferences(person)
                people[person.employeeID] = person
                checkUsernames()
            }
            part.changedPeople.forEach(checkReferences)
            for link in part.managerLinks {
                if people[link.target] == nil { found.append("link \(link.id) before manager \(link.target)") }
                people[link.id]?.managerEmployeeID = link.target
            }
            for link in part.parentLinks {
                if units[link.target] == nil { found.append("link \(link.id) before parent \(link.target)") }
                units[link.id]?.parentID = link.target
            }
        }
        for person in plan.addedPeople + plan.changedPeople where people[person.employeeID] != person {
            found.append("\(person.employeeID) ends as \(String(describing: people[person.employeeID])), not as the plan has it")
        }
        for unit in plan.addedUnits + plan.changedUnits where units[unit.id] != unit {
            found.append("unit \(unit.id) ends as \(String(describing: units[unit.id])), not as the plan has it")
        }
        return found
    }

    @Test func partsMakeTheWholeFileDiffAndCanBeWrittenAsTheyCome() async {
        await propertyCheck(input: Gen.int(in: 0...1_000_000)) { seed in
            for full in [false, true] {
                let (current, incoming) = Self.organisations(seed: UInt64(seed), full: full)
                var builder = RosterPlan.Builder(current: current)
                var parts: [RosterPlan] = []
                let unitsByID = Dictionary(uniqueKeysWithValues: incoming.units.map { ($0.id, $0) })
                // As the roster reader gives them: each row's unit with its person, a part now and then.
                for (index, person) in incoming.people.enumerated() {
                    builder.add(unitsByID[person.unitID]!)
                    builder.add(person)
                    if index % 7 == 6 { parts.append(builder.takeReady()) }
                }
                for unit in incoming.units { builder.add(unit) }
                parts.append(builder.finish(incoming: incoming, full: full))

                let whole = RosterPlan(current: current, incoming: incoming, full: full)
                var merged = RosterPlan()
                parts.forEach { merged.merge($0) }
                #expect(Set(merged.addedPeople.map(\.employeeID)) == Set(whole.addedPeople.map(\.employeeID)), "seed \(seed)")
                #expect(Set(merged.changedPeople.map(\.employeeID)) == Set(whole.changedPeople.map(\.employeeID)), "seed \(seed)")
                #expect(merged.addedPeople.count == whole.addedPeople.count && merged.changedPeople.count == whole.changedPeople.count)
                #expect(Set(merged.addedUnits.map(\.id)) == Set(whole.addedUnits.map(\.id)), "seed \(seed)")
                #expect(Set(merged.changedUnits.map(\.id)) == Set(whole.changedUnits.map(\.id)), "seed \(seed)")
                #expect(merged.deactivatedEmployeeIDs == whole.deactivatedEmployeeIDs && merged.deactivatedUnitIDs == whole.deactivatedUnitIDs)
                #expect(Self.violations(writing: parts, over: current, plan: whole) == [], "seed \(seed), full \(full)")
            }
        }
    }

    @Test func aReferenceToARowStillToComeIsLinkedOnceItIsWritten() {
        let date = CalendarDate(iso: "2024-01-01")!
        func person(_ id: String, manager: String?) -> Person {
            Person(employeeID: id, name: id, email: "", username: id.lowercased(), unitID: "W", roleIDs: ["clinician"], startDate: date, managerEmployeeID: manager)
        }
        let ward = OrgUnit(id: "W", name: "Ward", parentID: "C"), clinic = OrgUnit(id: "C", name: "Clinic", parentID: nil)
        var builder = RosterPlan.Builder(current: RosterSnapshot(units: [], people: []))
        // Reports before their manager, the ward before its clinic. A report waits for their
        // manager while the part lasts (E3 for E2); past it, the reference is left empty and linked
        // once the manager is handed out (E2's to E1), as a unit's parent is.
        builder.add(ward)
        builder.add(person("E3", manager: "E2"))
        builder.add(person("E2", manager: "E1"))
        #expect(builder.readyPeople == 2)
        let first = builder.takeReady()
        #expect(first.addedUnits == [OrgUnit(id: "W", name: "Ward", parentID: nil)])
        #expect(first.addedPeople == [person("E2", manager: nil), person("E3", manager: "E2")])
        #expect(first.managerLinks.isEmpty && first.parentLinks.isEmpty)
        builder.add(clinic)
        builder.add(person("E1", manager: nil))
        let second = builder.takeReady()
        #expect(second.addedUnits == [clinic] && second.parentLinks == [RosterPlan.Link(id: "W", target: "C")])
        #expect(second.addedPeople == [person("E1", manager: nil)] && second.managerLinks == [RosterPlan.Link(id: "E2", target: "E1")])
        // The plan itself is the file's, in its order.
        #expect(builder.plan.addedUnits == [ward, clinic])
        #expect(builder.plan.addedPeople == [person("E3", manager: "E2"), person("E2", manager: "E1"), person("E1", manager: nil)])
        #expect(builder.finish(incoming: RosterSnapshot(units: [ward, clinic], people: []), full: false).isEmpty)
    }

    @Test func aUsernameIsHandedOutAfterItsHolderGaveItUp() {
        let date = CalendarDate(iso: "2024-01-01")!
        let ward = OrgUnit(id: "W", name: "Ward", parentID: nil)
        func person(_ id: String, _ username: String) -> Person {
            Person(employeeID: id, name: id, email: "", username: username, unitID: "W", roleIDs: ["clinician"], startDate: date, managerEmployeeID: nil)
        }
        var builder = RosterPlan.Builder(current: RosterSnapshot(units: [ward], people: [person("E1", "kari")]))
        // E2 (new) takes E1's username before E1's row, which gives it up, comes.
        builder.add(person("E2", "kari"))
        #expect(builder.readyPeople == 0)
        builder.add(person("E1", "kari.n"))
        let ready = builder.takeReady()
        #expect(ready.changedPeople.map(\.employeeID) == ["E1"] && ready.addedPeople.map(\.employeeID) == ["E2"])
    }

    @Test func aNewHireTakingALeaversUsernameIsWrittenAfterTheLeaverLeaves() {
        let date = CalendarDate(iso: "2024-01-01")!
        let ward = OrgUnit(id: "W", name: "Ward", parentID: nil)
        let leaver = Person(employeeID: "E1", name: "Kari", email: "", username: "kari", unitID: "W", roleIDs: ["clinician"], startDate: date, managerEmployeeID: nil)
        let hire = Person(employeeID: "E2", name: "Kari N", email: "", username: "kari", unitID: "W", roleIDs: ["clinician"], startDate: date, managerEmployeeID: nil)
        let current = RosterSnapshot(units: [ward], people: [leaver])
        var builder = RosterPlan.Builder(current: current)
        builder.add(ward)
        builder.add(hire)
        #expect(builder.readyPeople == 0)
        let last = builder.finish(incoming: RosterSnapshot(units: [ward], people: [hire]), full: true)
        #expect(last.deactivatedEmployeeIDs == ["E1"] && last.addedPeople.map(\.employeeID) == ["E2"])
    }
}
