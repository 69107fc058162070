import Foundation

/// How output may look: ANSI styles or plain text, Unicode symbols or ASCII ones, and the width
/// to wrap at.
public struct TerminalStyle: Sendable {
    public let color: Bool
    /// The tutor's own symbols: Unicode when the locale is UTF-8, ASCII otherwise.
    public let symbols: Symbols
    /// The terminal's columns right now (nil when unknown).
    private let columns: @Sendable () -> Int?

    /// A fixed width (piped output, tests).
    public init(color: Bool, width: Int, unicode: Bool = true) {
        self.init(color: color, unicode: unicode, columns: { width })
    }

    /// A width read from `columns` each time it is needed, so a resized window is followed.
    public init(color: Bool, unicode: Bool, columns: @escaping @Sendable () -> Int?) {
        self.color = color
        self.symbols = unicode ? .unicode : .ascii
        self.columns = columns
    }

    /// The width to wrap at: the terminal's columns as they are now (read again for every piece
    /// of output, so resizing the window is followed), at most 100 so lines stay readable.
    public var width: Int { max(40, min(columns() ?? 80, 100)) }

    /// Styles when stdout is a terminal and neither `NO_COLOR` nor `TERM=dumb` says otherwise;
    /// the width of the terminal, re-read on every use (80 when unknown).
    /// - Parameter unicode: whether the locale can show Unicode symbols (`TerminalLocale.adopt()`).
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment, unicode: Bool) -> TerminalStyle {
        let tty = isatty(STDOUT_FILENO) == 1
        return TerminalStyle(
            color: tty && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb", unicode: unicode,
            columns: { tty ? terminalColumns(STDOUT_FILENO) : nil })
    }

    /// The columns of the terminal on `descriptor`, or nil when it is not one.
    public static func terminalColumns(_ descriptor: Int32) -> Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
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

/// The symbols the tutor itself prints. Course text is printed as written; these are only the
/// tutor's own marks, which a terminal in a non-UTF-8 locale (`LANG=C`) would show as garbage.
public struct Symbols: Sendable, Equatable {
    public let bullet: String
    public let separator: String
    public let met: String
    public let inProgress: String
    public let notStarted: String
    public let ellipsis: String
    public let rule: String
    public let quoteBar: String
    public let dash: String
    public let section: String
    /// Marks the subsection the learner asked for.
    public let pointer: String
    public let openQuote: String
    public let closeQuote: String
    /// Between the units of a path: `Hospital › Clinic › Ward`.
    public let path: String
    public let longDash: String

    public static let unicode = Symbols(
        bullet: "•", separator: "·", met: "✔", inProgress: "…", notStarted: "·", ellipsis: "…", rule: "─",
        quoteBar: "│", dash: "–", section: "§", pointer: "▶", openQuote: "«", closeQuote: "»", path: "›", longDash: "—")
    public static let ascii = Symbols(
        bullet: "*", separator: "-", met: "+", inProgress: "~", notStarted: "-", ellipsis: "...", rule: "-",
        quoteBar: "|", dash: "-", section: "#", pointer: ">", openQuote: "\"", closeQuote: "\"", path: ">", longDash: "-")

    /// The symbols the terminal's character locale can show (after `TerminalLocale.adopt()`).
    public static var forLocale: Symbols { TerminalLocale.isUTF8 ? .unicode : .ascii }

    /// How a citation names a section: `module-id §anchor` (`module-id #anchor` in ASCII).
    public func citation(_ moduleID: String, _ anchor: String) -> String { "\(moduleID) \(section)\(anchor)" }
}
