import Foundation

/// How output may look: ANSI styles or plain text, and the width to wrap at.
public struct TerminalStyle: Sendable {
    public let color: Bool
    public let width: Int

    public init(color: Bool, width: Int) {
        self.color = color
        self.width = max(40, min(width, 100))
    }

    /// Styles when stdout is a terminal and neither `NO_COLOR` nor `TERM=dumb` says otherwise;
    /// the width of the terminal (80 when unknown).
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalStyle {
        let tty = isatty(STDOUT_FILENO) == 1
        var size = winsize()
        let width = tty && ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        return TerminalStyle(color: tty && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb", width: width)
    }

    public func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    public func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    public func green(_ text: String) -> String { color ? "\u{1B}[32m\(text)\u{1B}[0m" : text }
    public func red(_ text: String) -> String { color ? "\u{1B}[31m\(text)\u{1B}[0m" : text }
    public func yellow(_ text: String) -> String { color ? "\u{1B}[33m\(text)\u{1B}[0m" : text }

    /// `[#######-------] 7/14`, plain characters so it reads the same without colour.
    public func progressBar(done: Int, total: Int, width: Int = 20) -> String {
        let filled = total == 0 ? 0 : Int((Double(done) / Double(total) * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        return "[\(color ? "\u{1B}[32m" + String(bar.prefix(filled)) + "\u{1B}[0m" + String(bar.dropFirst(filled)) : bar)] \(done)/\(total)"
    }
}
