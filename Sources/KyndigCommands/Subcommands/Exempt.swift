import ArgumentParser
import KyndigCore
import KyndigServices
import KyndigStore

extension KyndigCommand {
    struct Exempt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "exempt",
            abstract: "Exempt a person from a module (recognised prior learning), or revoke an exemption.",
            discussion: """
                An exemption shows as such in every status and report, and both granting and revoking \
                go to the audit log with the approver. Examples:
                  kyndig exempt E1004 ai-basics --reason "Completed the regional AI course 2026" --approver E1001 --until 2027-12-31
                  kyndig exempt E1004 ai-basics --revoke
                """)

        @Argument(help: ArgumentHelp("Employee id or username.", valueName: "person")) var person: String
        @Argument(help: ArgumentHelp("Module id.", valueName: "module")) var module: String
        @Option(help: "Why the person need not take the module.") var reason: String?
        @Option(help: ArgumentHelp("Who approved it (employee id or name).", valueName: "approver")) var approver: String?
        @Option(help: ArgumentHelp("The last day it holds (YYYY-MM-DD); without it, until revoked.", valueName: "date")) var until: String?
        @Flag(help: "Revoke the exemption in force instead.") var revoke = false
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if revoke {
                if reason != nil || approver != nil || until != nil { throw ValidationError("--revoke takes no --reason, --approver or --until.") }
                return
            }
            if reason == nil { throw ValidationError("Give the --reason for the exemption.") }
            if approver == nil { throw ValidationError("Give the --approver: who decided the exemption.") }
            if let until, CalendarDate(iso: until) == nil { throw ValidationError("--until '\(until)' is not a date. Write it as YYYY-MM-DD.") }
        }

        func run() async throws {
            let catalog = try catalogOptions.load(quizPools: false)
            let service = Exemptions(store: try database.open(), clock: KyndigCommand.clock)
            do {
                if revoke {
                    try await service.revoke(person, moduleID: module, catalog: catalog, actor: AuditActor.current)
                    Console.print("Exemption of \(person) from \(module) revoked.")
                } else {
                    let exemption = try await service.grant(
                        person, moduleID: module, reason: reason ?? "", approver: approver ?? "", until: until.flatMap { CalendarDate(iso: $0) },
                        catalog: catalog, actor: AuditActor.current)
                    Console.print("\(exemption.employeeID) is exempt from \(module)\(exemption.until.map { " until \($0)" } ?? " until revoked"), approved by \(exemption.approver).")
                }
            } catch let problem as Exemptions.Problem {
                throw CommandFailure(Self.describe(problem))
            }
        }

        static func describe(_ problem: Exemptions.Problem) -> String {
            switch problem {
            case let .unknownPerson(who): "No person '\(who)' in the roster. Give an employee id or a username."
            case let .unknownModule(id, suggestion): "No module '\(id)'.\(suggestion.map { " Did you mean '\($0)'?" } ?? "") See kyndig catalog list."
            case .emptyReason: "The reason is empty. Say why the person need not take the module."
            case .emptyApprover: "The approver is empty. Say who decided the exemption."
            case let .untilInThePast(day): "--until \(day) is in the past. Give a day from today on, or leave it out."
            case let .nothingToRevoke(employeeID, moduleID): "\(employeeID) has no exemption from \(moduleID) to revoke."
            }
        }
    }
}
