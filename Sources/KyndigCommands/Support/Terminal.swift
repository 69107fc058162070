import Foundation

/// Errors to standard error, and whether a descriptor is an interactive terminal.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }

    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }
}
