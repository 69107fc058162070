import Foundation

/// Small helpers for writing to the terminal: errors to stderr, and whether colour/progress is wanted.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }

    static func print(_ message: String) {
        Swift.print(message)
    }

    /// Whether a file descriptor is an interactive terminal.
    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// No colour when output is not a TTY, `TERM=dumb` or `NO_COLOR` is set.
    static var useColor: Bool {
        let env = ProcessInfo.processInfo.environment
        return isTTY(STDOUT_FILENO) && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
    }
}
