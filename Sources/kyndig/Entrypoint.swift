import Foundation
import KyndigCommands
import Logging

@main
enum Entrypoint {
    static func main() async {
        // swift-log allows one bootstrap per process, so it happens here and nowhere else.
        // Diagnostics go to standard error, off by default: KYNDIG_LOG=info (or debug, trace).
        // getenv, not ProcessInfo's environment, which copies every variable into a dictionary
        // at the start of every command.
        let level = getenv("KYNDIG_LOG").flatMap { Logger.Level(rawValue: String(cString: $0)) } ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        exit(await KyndigCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
    }
}
