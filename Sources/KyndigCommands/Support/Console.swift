import Foundation

/// Where commands write: standard output and standard error, or, in tests, a sink that collects
/// both (set with `Console.$current.withValue(_:operation:)`, so parallel tests do not mix).
public struct Console: Sendable {
    public let out: @Sendable (String) -> Void
    public let err: @Sendable (String) -> Void

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.out = out
        self.err = err
    }

    /// Each call writes its text and a line break, as `print` does.
    public static let standard = Console(
        out: { Swift.print($0) },
        err: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })

    @TaskLocal public static var current = Console.standard

    /// A line (or lines) on standard output.
    static func print(_ text: String) { current.out(text) }

    /// A line (or lines) on standard error.
    static func error(_ text: String) { current.err(text) }

    /// Whether a file descriptor is an interactive terminal.
    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }
}
