import ArgumentParser
import KyndigCore
import KyndigStore

extension KyndigCommand {
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the audit log: every entry must follow from the ones before it.",
            discussion: """
                Recomputes the hash chain of the audit log from its first entry. An entry edited or \
                removed after it was written (even with the database's own guards dropped) breaks the \
                chain there. Exit status 0 when intact, 1 naming the first broken entry.
                """)

        @Flag(help: "Print the result as JSON: {\"entries\", \"intact\", \"first_broken\"}.") var json = false
        @OptionGroup var database: DatabaseOptions

        struct Result: Encodable {
            let entries: Int
            let intact: Bool
            let firstBroken: Int?
        }

        func run() async throws {
            let verification = try await database.openReadOnly().verifyAuditChain()
            if json {
                try JSONOutput.print(Result(entries: verification.entries, intact: verification.intact, firstBroken: verification.firstBroken))
            } else if let broken = verification.firstBroken {
                Console.error("""
                    The audit log is broken at entry \(broken): it does not follow from the entries before it, so it \
                    was changed or removed after it was written. Entries before \(broken) are intact. Keep this \
                    database as it is and compare it with a backup.
                    """)
            } else {
                Console.print("Audit log intact: \(verification.entries) entr\(verification.entries == 1 ? "y" : "ies"), each following from the one before.")
            }
            if !verification.intact { throw ExitCode.failure }
        }
    }
}
