import ArgumentParser
@testable import KyndigCommands
import Testing

/// Every command names itself. Without a name, ArgumentParser derives it from the type's name by
/// reflection on every run, and each of those lookups scans every protocol conformance in the
/// binary: a third of the start-up time of every `kyndig` command.
struct CommandNameTests {
    @Test func everyCommandHasAnExplicitName() {
        var missing: [String] = []
        func visit(_ command: any ParsableCommand.Type, path: String) {
            let name = command.configuration.commandName
            if name == nil { missing.append("\(path) \(command)") }
            for subcommand in command.configuration.subcommands { visit(subcommand, path: "\(path) \(name ?? "?")") }
        }
        visit(KyndigCommand.self, path: "")
        #expect(missing.isEmpty, "commands without commandName: \(missing)")
    }
}
