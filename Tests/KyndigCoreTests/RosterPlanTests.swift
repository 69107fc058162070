import KyndigCore
import Testing

struct RosterPlanTests {
    let ward = OrgUnit(id: "W", name: "Ward", parentID: "D")
    let department = OrgUnit(id: "D", name: "Department", parentID: nil)

    func person(_ id: String, roles: [String] = ["clinician"], unit: String = "W", active: Bool = true) -> Person {
        Person(employeeID: id, name: "Name \(id)", email: "\(id)@example.org", username: "u\(id)", unitID: unit,
               roleIDs: roles, startDate: CalendarDate(iso: "2025-01-01")!, managerEmployeeID: nil, active: active)
    }

    @Test func sameRosterTwiceChangesNothing() {
        let roster = RosterSnapshot(units: [department, ward], people: [person("1"), person("2", roles: ["leader", "clinician"])])
        let first = RosterPlan(current: RosterSnapshot(units: [], people: []), incoming: roster, full: false)
        #expect(first.addedPeople.count == 2 && first.addedUnits.count == 2)
        let stored = RosterSnapshot(units: roster.units, people: roster.people.map { var p = $0; p.roleIDs.reverse(); return p })
        #expect(RosterPlan(current: stored, incoming: roster, full: true).isEmpty)
    }

    @Test func changedFieldsAndRolesCountAsChanges() {
        let current = RosterSnapshot(units: [department, ward], people: [person("1"), person("2")])
        var renamed = person("1"); renamed.name = "New Name"
        let incoming = RosterSnapshot(units: [department, ward], people: [renamed, person("2", roles: ["clinician", "leader"])])
        let plan = RosterPlan(current: current, incoming: incoming, full: false)
        #expect(plan.changedPeople.map(\.employeeID) == ["1", "2"])
        #expect(plan.addedPeople.isEmpty && plan.deactivatedEmployeeIDs.isEmpty)
    }

    @Test func fullImportDeactivatesTheAbsentButPartialDoesNot() {
        let current = RosterSnapshot(units: [department, ward, OrgUnit(id: "X", name: "Closed", parentID: nil)],
                                     people: [person("1"), person("2"), person("3", active: false)])
        let incoming = RosterSnapshot(units: [ward], people: [person("1")])
        let partial = RosterPlan(current: current, incoming: incoming, full: false)
        #expect(partial.deactivatedEmployeeIDs.isEmpty && partial.deactivatedUnitIDs.isEmpty)
        let full = RosterPlan(current: current, incoming: incoming, full: true)
        #expect(full.deactivatedEmployeeIDs == ["2"])  // 3 is already inactive
        // D stays: it is the parent of W, which the file names.
        #expect(full.deactivatedUnitIDs == ["X"])
    }

    @Test func aReturningPersonIsReactivated() {
        let current = RosterSnapshot(units: [department, ward], people: [person("1", active: false)])
        let plan = RosterPlan(current: current, incoming: RosterSnapshot(units: [department, ward], people: [person("1")]), full: false)
        #expect(plan.changedPeople.map(\.employeeID) == ["1"])
        #expect(plan.changedPeople.first?.active == true)
    }
}

struct UnitTreeTests {
    @Test func findsCyclesOnce() {
        let parents: [String: String?] = ["A": "B", "B": "C", "C": "A", "D": nil, "E": "D", "F": "F"]
        #expect(UnitTree.cycles(parents: parents) == [["A", "B", "C"], ["F"]])
    }

    @Test func ancestryStopsOnCycles() {
        #expect(UnitTree.ancestry(of: "E", parents: ["E": "D", "D": nil]) == ["E", "D"])
        #expect(UnitTree.ancestry(of: "A", parents: ["A": "B", "B": "A"]) == ["A", "B"])
    }
}
