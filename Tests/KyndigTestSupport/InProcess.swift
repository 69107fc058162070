import Foundation
import KyndigCommands

/// Runs `kyndig` commands inside the test process (ArgumentParser's `AssertParseCommand` style):
/// the same parsing, services and wording as the binary, with output collected from the
/// injected `Console` instead of a child process. Use `Kyndig.run` (the real binary) for what
/// only a process shows: exit codes from `main`, terminals, signals.
public enum InProcess {
    public static func run(_ arguments: [String]) async -> CommandResult {
        let out = Lines(), err = Lines()
        let console = Console(out: out.append, err: err.append)
        let status = await Console.$current.withValue(console) {
            await KyndigCommand.run(arguments: arguments)
        }
        return CommandResult(status: status, stdout: out.text, stderr: err.text)
    }
}

/// Lines written from any thread, collected in order.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }

    var text: String { lock.withLock { lines.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined() } }
}
