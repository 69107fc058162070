import ArgumentParser
import KyndigCore
import KyndigServices

extension KyndigCommand {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a person's roles, required modules and their status.")

        @Option(help: ArgumentHelp("Username or employee id (default: the OS user).", valueName: "user")) var user: String?
        @Option(help: "Language for names: nb or en.") var lang: Language = .nb
        @Flag(help: "Print as JSON.") var json = false
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let catalog = try catalogOptions.load()
            let store = try database.openReadOnly()
            let person = try await Tutor.person(user ?? AuditActor.current, in: store)
            let overview = try await LocalLearnerService(person: person, catalog: catalog, store: store, clock: KyndigCommand.clock).overview()
            if json { return try JSONOutput.print(overview) }
            let roles = person.roleIDs.map { catalog.role($0)?.name[lang] ?? $0 }.joined(separator: ", ")
            // Names come from HR exports, some written before imports refused control characters.
            Console.print("\(PlainText.escaped(person.name)) (\(PlainText.escaped(person.username)), \(person.employeeID))\(person.active ? "" : " — inactive")")
            Console.print("Unit: \(overview.unitPath.map { PlainText.escaped($0.name) }.reversed().joined(separator: " › "))")
            Console.print("Roles: \(roles)")
            Console.print("Requirements met: \(overview.metCount) of \(overview.statuses.count)\n")
            var table = TextTable(headers: ["module", "status", "due", "version", "why"])
            for status in overview.statuses {
                table.add([
                    status.requirement.moduleID, status.state.rawValue, status.dueOn.description,
                    status.completion.map { "passed \($0.version)" } ?? catalog.module(status.requirement.moduleID).map { "\($0.version)" } ?? "",
                    status.requirement.reasons.map(\.description).joined(separator: "; "),
                ])
            }
            Console.print(table.render())
        }
    }
}
