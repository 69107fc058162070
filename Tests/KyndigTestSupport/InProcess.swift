import Foundation
import KyndigCommands
import KyndigServices
import Logging

/// Runs `kyndig` commands inside the test process (ArgumentParser's `AssertParseCommand` style):
/// the same parsing, services and wording as the binary, with output collected from the
/// injected `Console` instead of a child process. Use `Kyndig.run` (the real binary) for what
/// only a process shows: exit codes from `main`, terminals, signals.
public enum InProcess {
    /// - Parameter now: the instant the command's services read as now (default: the real time).
    public static func run(_ arguments: [String], now: Date? = nil) async -> CommandResult {
        _ = quietLogs
        let out = Lines(), err = Lines()
        let console = Console(out: out.append, err: err.append)
        let status = await Console.$current.withValue(console) {
            await KyndigCommand.$clock.withValue(now.map(WallClock.fixed) ?? .system) {
                await KyndigCommand.run(arguments: arguments)
            }
        }
        return CommandResult(status: status, stdout: out.text, stderr: err.text)
    }
}

/// The test process is a process of its own: its logs, like the binary's, stay below warning
/// unless KYNDIG_LOG says otherwise (swift-log's default would print every info line).
private let quietLogs: Void = {
    let level = ProcessInfo.processInfo.environment["KYNDIG_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}()

/// Lines written from any thread, collected in order.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }

    /// As the terminal shows it: each call is followed by a line break, as `print` does.
    var text: String { lock.withLock { lines.map { $0 + "\n" }.joined() } }
}
