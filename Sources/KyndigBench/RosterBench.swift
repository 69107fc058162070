import ArgumentParser
import Foundation
import KyndigCore

/// Writes a synthetic roster with a realistic unit tree (hospital → divisions → departments →
/// sections → wards), for timing `kyndig roster import` with hyperfine and /usr/bin/time.
struct RosterBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster-data", abstract: "Generate a synthetic roster CSV (see scripts/bench-roster.sh).")

    @Option(help: "Number of people.") var people = 100_000
    @Option(help: "Output CSV file.") var out: String
    @Option(help: "Seed, so the same file comes out every time.") var seed: UInt64 = 42

    func run() throws {
        var random = SeededRandom(seed: seed)
        // Build the tree: 1 hospital, 8 divisions, 6 departments each, 5 sections each, 3 wards each.
        struct Node { let id: String; let name: String; let parent: String? }
        var units = [Node(id: "H", name: "Fjordvik universitetssykehus", parent: nil)]
        var leaves: [Int] = []
        for d in 1...8 {
            let division = "H-D\(d)"
            units.append(Node(id: division, name: "Klinikk \(d)", parent: "H"))
            for p in 1...6 {
                let department = "\(division)-A\(p)"
                units.append(Node(id: department, name: "Avdeling \(d).\(p)", parent: division))
                for s in 1...5 {
                    let section = "\(department)-S\(s)"
                    units.append(Node(id: section, name: "Seksjon \(d).\(p).\(s)", parent: department))
                    for w in 1...3 {
                        units.append(Node(id: "\(section)-P\(w)", name: "Post \(d).\(p).\(s).\(w), \"sengepost\"", parent: section))
                        leaves.append(units.count - 1)
                    }
                }
            }
        }
        let roles = ["clinician", "clinician", "clinician", "clinician", "clinician", "clinician", "admin-staff", "admin-staff", "technologist", "lawyer"]
        let first = ["Ingrid", "Ole", "Kari", "Per", "Aisha", "Mohammed", "Sofie", "Lars", "Nora", "Jonas", "Åse", "Øystein"]
        let last = ["Berg", "Hansen", "Johansen", "Olsen", "Larsen", "Ali", "Nilsen", "Haugen", "Bakken", "Ødegård"]
        var output = "employee_id,name,email,username,unit_id,unit_name,parent_unit_id,roles,start_date,manager_employee_id\n"
        output.reserveCapacity(people * 160)
        var unitLeader: [String: String] = [:]
        func quote(_ field: String) -> String {
            field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        for index in 0..<people {
            // The first person of every unit leads it; the rest go to wards.
            let unit = index < units.count ? units[index] : units[leaves[Int(random.next() % UInt64(leaves.count))]]
            let employee = String(format: "E%06d", index + 1)
            let isLeader = index < units.count
            let role = isLeader ? (index % 3 == 0 ? "leader" : "leader|clinician") : roles[Int(random.next() % UInt64(roles.count))]
            let manager = isLeader ? (unit.parent.flatMap { unitLeader[$0] } ?? "") : (unitLeader[unit.id] ?? "")
            if isLeader { unitLeader[unit.id] = employee }
            let name = "\(first[Int(random.next() % 12)]) \(last[Int(random.next() % 10)])"
            let day = 1 + Int(random.next() % 28), month = 1 + Int(random.next() % 12), year = 2000 + Int(random.next() % 26)
            let start = String(format: "%04d-%02d-%02d", year, month, day)
            let username = "u\(index + 1)"
            output += [employee, quote(name), "\(username)@fjordvik.example", username, unit.id, quote(unit.name),
                       unit.parent ?? "", role, start, manager].joined(separator: ",") + "\n"
        }
        try output.write(toFile: out, atomically: true, encoding: .utf8)
        print("wrote \(people) people in \(units.count) units to \(out)")
    }
}
