import ArgumentParser
import KyndigCore
import KyndigServices
import KyndigTutor

extension KyndigCommand {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show a person's roles, required modules and their status.")

        @Option(help: ArgumentHelp("Username or employee id (default: the OS user).", valueName: "user")) var user: String?
        @Option(help: "Language for names: nb or en.") var lang: Language = .nb
        @Flag(help: "Print as JSON.") var json = false
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let catalog = try catalogOptions.load(quizPools: false)
            let store = try database.openReadOnly()
            let person = try await Tutor.person(user ?? AuditActor.current, in: store)
            let overview = try await LocalLearnerService(person: person, catalog: catalog, store: store, clock: KyndigCommand.clock).overview()
            if json { return try JSONOutput.print(overview) }
            let words = StatusWords(language: lang, catalog: catalog)
            let roles = person.roleIDs.map { catalog.role($0)?.name[lang] ?? $0 }.joined(separator: ", ")
            // Names come from HR exports, some written before imports refused control characters.
            Console.print("\(PlainText.escaped(person.name)) (\(PlainText.escaped(person.username)), \(person.employeeID))\(person.active ? "" : " \(Console.symbols.longDash) \(words.inactive)")")
            Console.print("\(words.unit): \(overview.unitPath.map { PlainText.escaped($0.name) }.reversed().joined(separator: " \(Console.symbols.path) "))")
            Console.print("\(words.roles): \(roles)")
            Console.print(words.met(overview.metCount, of: overview.statuses.count) + "\n")
            // Four columns fit 80 characters; the last says why it is required and which rule decided the status.
            var table = TextTable(headers: [words.module, words.status, words.due, words.why], freeText: [3])
            for status in overview.statuses {
                let reasons = status.requirement.reasons.map(words.reason).joined(separator: "; ")
                table.add([status.requirement.moduleID, words.state(status.state), status.dueOn.description,
                           reasons + "; " + words.explain(status, validityMonths: catalog.policy.validityMonths)])
            }
            Console.print(table.render())
        }
    }
}
