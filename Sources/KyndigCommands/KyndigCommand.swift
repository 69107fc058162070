import ArgumentParser

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
            Catalog.self,
            Sync.self,
            Roster.self,
            Systems.self,
            Status.self,
            Demo.self,
            Analyze.self,
        ],
        defaultSubcommand: Tutor.self
    )

    public init() {}
}
