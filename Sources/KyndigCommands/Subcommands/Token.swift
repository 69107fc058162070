import ArgumentParser
import Foundation
import KyndigCore
import KyndigServices
import KyndigStore

extension KyndigCommand {
    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token",
            abstract: "Create, list and revoke API tokens for kyndig serve.",
            discussion: """
                Scopes: admin (everything), hr (roster import and exports), manager:UNIT_ID (reports of \
                that unit and the units below it), learner:EMPLOYEE_ID (that person's own status and \
                quizzes). A token is shown once when created; Kyndig keeps only its SHA-256 hash. \
                Every change goes to the audit log.
                  kyndig token create --scope manager:MED --name "Medical clinic head" --expires 2027-06-30
                  kyndig token revoke 3f9c01a2b7de
                """,
            subcommands: [Create.self, List.self, Revoke.self])
    }
}

extension KyndigCommand.Token {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a token and print it once.")

        @Option(help: ArgumentHelp("admin, hr, manager:UNIT_ID or learner:EMPLOYEE_ID.", valueName: "scope")) var scope: String
        @Option(help: ArgumentHelp("What the token is for (default: its scope).", valueName: "name")) var name: String?
        @Option(help: ArgumentHelp("The first day the token no longer works (YYYY-MM-DD); without it, until revoked.", valueName: "date"))
        var expires: String?
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            do {
                _ = try TokenScope(parsing: scope)
            } catch {
                throw ValidationError("--scope: \(error.description).")
            }
            if let expires, CalendarDate(iso: expires) == nil { throw ValidationError("--expires '\(expires)' is not a date. Write it as YYYY-MM-DD.") }
        }

        func run() async throws {
            let catalog = try catalogOptions.load()
            let tokens = APITokens(store: try database.open(), clock: KyndigCommand.clock, policy: catalog.policy)
            let created: APITokens.Created
            do {
                created = try await tokens.create(
                    scope: try TokenScope(parsing: scope), name: name, expiresOn: expires.flatMap { CalendarDate(iso: $0) },
                    actor: AuditActor.current)
            } catch let problem as APITokens.Problem {
                throw CommandFailure(Self.describe(problem))
            }
            Console.print(created.token)
            let record = created.record
            Console.error("Token \(record.id) (\(record.scope)\(record.expiresOn.map { ", works until the day before \($0)" } ?? ", until revoked")) created. It is shown only now: store it where only its user can read it, and send it as 'Authorization: Bearer TOKEN'.")
        }

        static func describe(_ problem: APITokens.Problem) -> String {
            switch problem {
            case let .unknownUnit(id, suggestion):
                "No active unit '\(id)'.\(suggestion.map { " Did you mean '\($0)'?" } ?? "") Give a unit id from the roster (kyndig report lists them)."
            case let .unknownEmployee(id):
                "No employee '\(id)' in the roster. Give the person's employee id as HR writes it."
            case let .inactiveEmployee(id):
                "Employee '\(id)' is no longer active in the roster, so a learner token for them would be refused. Import a roster that lists them, or choose someone active."
            case let .expiryNotInFuture(expiresOn, today):
                "--expires \(expiresOn) is not after today (\(today)): the token would never work. Give a later day, or leave --expires out."
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens: id, name, scope, created, expiry, revoked. Never their secrets.")

        @Flag(help: "Print as JSON.") var json = false
        @OptionGroup var database: DatabaseOptions

        /// What is listed: no secret (never stored) and no hash.
        struct Row: Encodable {
            let id, name, scope: String
            let createdAt: Date
            let createdBy: String
            let expiresOn: CalendarDate?
            let revokedAt: Date?
        }

        func run() async throws {
            let rows = try await database.openReadOnly().tokens().map {
                Row(id: $0.id, name: $0.name, scope: $0.scope.description, createdAt: $0.createdAt, createdBy: $0.createdBy,
                    expiresOn: $0.expiresOn, revokedAt: $0.revokedAt)
            }
            if json { return try JSONOutput.print(rows) }
            guard !rows.isEmpty else { return Console.print("No tokens. Create one with kyndig token create --scope SCOPE.") }
            var table = TextTable(headers: ["id", "scope", "name", "created", "expires", "revoked"], freeText: [2])
            for row in rows {
                table.add([row.id, row.scope, PlainText.escaped(row.name), Timestamp.string(row.createdAt).prefix(10).description,
                           row.expiresOn?.description ?? "-", row.revokedAt.map { Timestamp.string($0).prefix(10).description } ?? "-"])
            }
            Console.print(table.render())
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token: it never works again.")

        @Argument(help: ArgumentHelp("The token's id (kyndig token list).", valueName: "id")) var id: String
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let catalog = try catalogOptions.load()
            let tokens = APITokens(store: try database.open(), clock: KyndigCommand.clock, policy: catalog.policy)
            // Accept the whole token text too, and take its id: people paste what they have.
            let id = TokenCredential(text: id.trimmed)?.id ?? id.trimmed
            switch try await tokens.revoke(id: id, actor: AuditActor.current) {
            case .revoked: Console.print("Token \(id) revoked.")
            case .alreadyRevoked: Console.print("Token \(id) was already revoked; nothing changed.")
            case .notFound: throw CommandFailure("No token '\(PlainText.escaped(id))'. kyndig token list shows the ids.")
            }
        }
    }
}
