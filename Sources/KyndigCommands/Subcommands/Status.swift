import ArgumentParser
import Foundation
import KyndigCore
import KyndigStore

extension KyndigCommand {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a person's roles, required modules and their status.")

        @Option(help: ArgumentHelp("Username or employee id (default: the OS user).", valueName: "user")) var user: String?
        @Option(help: "Language for names: nb or en.") var lang: Language = .nb
        @Flag(help: "Print as JSON.") var json = false
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let catalog = try catalogOptions.load()
            let store = try database.open()
            let who = user ?? Actor.current
            guard let person = try store.person(username: who) ?? store.person(employeeID: who) else {
                throw CommandFailure(StoreError.unknownPerson(who).description)
            }
            let overview = try LearnerOverview.load(person: person, catalog: catalog, people: store, completions: store, asOf: CalendarDate(Date(), in: .current))
            if json { return try JSONOutput.print(overview) }
            let roles = person.roleIDs.map { catalog.role($0)?.name[lang] ?? $0 }.joined(separator: ", ")
            print("\(person.name) (\(person.username), \(person.employeeID))\(person.active ? "" : " — inactive")")
            print("Unit: \(overview.unitPath.map(\.name).reversed().joined(separator: " › "))")
            print("Roles: \(roles)")
            print("Requirements met: \(overview.metCount) of \(overview.statuses.count)\n")
            var table = TextTable(headers: ["module", "status", "due", "version", "why"])
            for status in overview.statuses {
                let module = catalog.module(status.requirement.moduleID)
                table.add([
                    status.requirement.moduleID, status.state.rawValue, status.dueOn.description,
                    status.completion.map { "passed \($0.version)" } ?? module.map { "\($0.version)" } ?? "",
                    status.requirement.reasons.map(\.description).joined(separator: "; "),
                ])
            }
            print(table.render())
        }
    }
}
