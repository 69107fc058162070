import ArgumentParser
import KyndigCore
import KyndigServices

/// The root `kyndig` command. Each subcommand lives in its own file under `Subcommands/`.
public struct KyndigCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kyndig",
        abstract: "AI-literacy training and compliance tracking for hospital staff.",
        discussion: """
            Staff take role-based modules and quizzes in a terminal tutor; managers and HR see who \
            has met which requirement. Content lives in curricula/ and quizzes/; data in one SQLite file.
            """,
        version: "0.1.0",
        subcommands: [
            Tutor.self,
            CatalogCommand.self,
            Sync.self,
            Roster.self,
            Systems.self,
            Status.self,
            Report.self,
            Export.self,
            Exempt.self,
            Attest.self,
            Verify.self,
            Ask.self,
            Passages.self,
            Questions.self,
            Demo.self,
            Analyze.self,
            Token.self,
            Serve.self,
        ],
        defaultSubcommand: Tutor.self
    )

    public init() {}

    /// Parses and runs one command line, writes what went wrong to `Console.current`, and returns
    /// the exit status. The executable and the in-process test runner both come through here.
    public static func run(arguments: [String]) async -> Int32 {
        // The tutor is the default subcommand and takes no words, so a first word that is not a
        // subcommand is a typo ("stauts"), not a tutor argument: say so instead of the tutor's usage.
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) {
            let hint = Suggestion.nearest(first, in: names).map { " Did you mean '\($0)'?" } ?? ""
            Console.error("Error: unknown command '\(PlainText.escaped(first))'.\(hint) Run 'kyndig --help' for the list of commands.")
            return ExitCode.validationFailure.rawValue
        }
        do {
            var command = try parseAsRoot(arguments)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            return ExitCode.success.rawValue
        } catch {
            let error = ErrorWording.present(error)
            let message = fullMessage(for: error)
            let code = exitCode(for: error)
            if !message.isEmpty {
                if code.isSuccess { Console.print(message) } else { Console.error(message) }
            }
            return code.rawValue
        }
    }

    /// The clock every service of a command run reads: the system's, or a test's fixed instant.
    @TaskLocal public static var clock = WallClock.system
}
