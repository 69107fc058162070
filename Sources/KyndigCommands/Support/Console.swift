import Foundation
public import KyndigTutor

/// Where commands write: standard output and standard error, or, in tests, a sink that collects
/// both (set with `Console.$current.withValue(_:operation:)`, so parallel tests do not mix).
public struct Console: Sendable {
    public let out: @Sendable (String) -> Void
    public let err: @Sendable (String) -> Void
    /// The marks commands print (`›`, `·`, `…`), or ASCII where the locale is not UTF-8 (`LANG=C`).
    public let symbols: Symbols

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, symbols: Symbols = .unicode) {
        self.out = out
        self.err = err
        self.symbols = symbols
    }

    /// Each call writes its text and a line break, as `print` does; symbols as the locale allows.
    public static let standard = Console(
        out: { Swift.print($0) },
        err: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) },
        symbols: TerminalLocale.adopt() ? .unicode : .ascii)

    @TaskLocal public static var current = Console.standard

    /// A line (or lines) on standard output.
    static func print(_ text: String) { current.out(text) }

    /// Text that already ends its lines (CSV rows end in CRLF), written as it is: the final line
    /// break is the one `print` adds. Bytes, not Characters: in Swift "\r\n" is one Character,
    /// so `hasSuffix("\n")` would miss it and print an empty line.
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        current.out(String(decoding: bytes, as: UTF8.self))
    }

    static var symbols: Symbols { current.symbols }

    /// A line (or lines) on standard error.
    static func error(_ text: String) { current.err(text) }

    /// Whether a file descriptor is an interactive terminal.
    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }
}
