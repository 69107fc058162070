import ArgumentParser
import KyndigCore
import KyndigServices
import KyndigStore

extension KyndigCommand {
    struct Attest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attest",
            abstract: "Record another measure than the course for a person: a hands-on sign-off, a workshop.",
            discussion: """
                The measures are declared in curricula/measures.yaml. An attested measure meets a requirement \
                only where the person's role (roles.yaml) or the AI system behind the requirement (the register) \
                allows that measure; it then counts as a pass does, for the policy's validity period, and shows \
                as evidence in every status and report. Every attestation goes to the audit log. Example:
                  kyndig attest E1003 sepsis-hands-on --by E1001 --on 2026-11-20
                """)

        @Argument(help: ArgumentHelp("Employee id or username of the person who took part.", valueName: "person")) var person: String
        @Argument(help: ArgumentHelp("Measure id (curricula/measures.yaml).", valueName: "measure")) var measure: String
        @Option(help: ArgumentHelp("Who attests it: employee id or username (not the person).", valueName: "employee")) var by: String
        @Option(help: ArgumentHelp("The day of the measure (YYYY-MM-DD).", valueName: "date")) var on: String
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if CalendarDate(iso: on) == nil { throw ValidationError("--on '\(on)' is not a date. Write it as YYYY-MM-DD.") }
        }

        func run() async throws {
            let catalog = try catalogOptions.load(quizPools: false)
            let service = Attestations(store: try database.open(), clock: KyndigCommand.clock)
            do {
                let attestation = try await service.attest(
                    person, measureID: measure, attester: by, on: CalendarDate(iso: on)!, catalog: catalog, actor: AuditActor.current)
                Console.print("\(attestation.employeeID) took part in \(attestation.measureID) on \(attestation.attestedOn), attested by \(attestation.attestedBy).")
            } catch let problem as Attestations.Problem {
                throw CommandFailure(Self.describe(problem))
            }
        }

        static func describe(_ problem: Attestations.Problem) -> String {
            switch problem {
            case let .unknownPerson(who): "No person '\(who)' in the roster. Give an employee id or a username."
            case let .inactivePerson(id): "\(id) is no longer active in the roster; nothing was recorded."
            case let .unknownMeasure(id, known):
                "No measure '\(id)'. " + (known.isEmpty ? "The catalog declares none: add it to curricula/measures.yaml."
                    : "Use one of: \(known.joined(separator: ", ")).")
            case let .unknownAttester(who): "No person '\(who)' to attest it. Give the employee id or username of who attests the measure."
            case let .attestingOneself(id): "\(id) cannot attest their own measure. Give who led or witnessed it with --by."
            case let .inTheFuture(day): "--on \(day) is in the future. Record a measure once it has taken place."
            case let .beforeStart(day, start): "--on \(day) is before the person started (\(start)). Check the date."
            }
        }
    }
}
