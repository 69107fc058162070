import CLibedit
import Foundation
import KyndigCore

/// Line editing with libedit: Emacs keys, arrows, history (persisted per user), Ctrl-R search,
/// Tab completion, Ctrl-C clears the line. The terminal is restored by libedit after each line
/// and by `close()` (called on every exit path).
///
/// It uses libedit's wide-character interface throughout (prompt, line, history, completion), so
/// a line is a sequence of Unicode code points and æ, ø and å arrive as typed.
public final class EditLineReader: LineReader {
    public var completer: ((String) -> [String])?
    private let editor: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    /// The prompt libedit shows, NUL-terminated; it must live until the next prompt.
    private var promptBuffer: UnsafeMutablePointer<wchar_t>?
    private var closed = false
    private var interrupted = false
    private let previousInterruptHandler: __sighandler_t?

    /// - Parameter historyPath: file the history is loaded from and saved to (nil: none).
    public init?(historyPath: String?) {
        // libedit decodes keystrokes in the C library's locale, which it reads once in el_init;
        // a program starts in the "C" locale, where every non-ASCII byte is dropped.
        TerminalLocale.adopt()
        guard let editor = kyndig_el_init(CommandLine.arguments.first ?? "kyndig"),
              let history = kyndig_history_winit(500)
        else { return nil }
        self.editor = editor
        self.history = history
        self.historyPath = historyPath
        // Ctrl-C outside line editing (while an answer is being saved, say) would end the program
        // by SIGINT, possibly halfway through a save. In the tutor Ctrl-C only ever clears the
        // line: while editing it is bound to that below, and otherwise it is ignored.
        previousInterruptHandler = signal(SIGINT, SIG_IGN)
        kyndig_el_set_editor(editor, "emacs")
        kyndig_el_set_signal(editor, 1)  // libedit restores the terminal on signals, follows SIGWINCH
        kyndig_el_set_whistory(editor, history)
        kyndig_el_set_wprompt(editor, { editor in
            guard let editor, let data = kyndig_el_clientdata(editor) else { return nil }
            return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().promptBuffer
        })
        kyndig_el_add_function(editor, "kyndig-complete", "Complete commands and module ids", { editor, _ in
            guard let editor, let data = kyndig_el_clientdata(editor) else { return UInt8(CC_ERROR) }
            return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().complete()
        })
        kyndig_el_bind(editor, "^I", "kyndig-complete")
        kyndig_el_bind(editor, "^R", "em-inc-search-prev")
        // Ctrl-C: end the line as if Enter was pressed, flagged so the session discards it.
        kyndig_el_disable_isig(editor)
        kyndig_el_add_function(editor, "kyndig-interrupt", "Clear the line", { editor, _ in
            guard let editor, let data = kyndig_el_clientdata(editor) else { return UInt8(CC_ERROR) }
            Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().interrupted = true
            return UInt8(CC_NEWLINE)
        })
        kyndig_el_bind(editor, "^C", "kyndig-interrupt")
        kyndig_el_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
        if let historyPath {
            try? FileManager.default.createDirectory(
                at: URL(fileURLWithPath: historyPath).deletingLastPathComponent(), withIntermediateDirectories: true)
            _ = kyndig_history_wload(history, historyPath)
        }
    }

    deinit { close() }

    /// Saves the history and restores the terminal and Ctrl-C. Safe to call twice.
    public func close() {
        guard !closed else { return }
        closed = true
        if let historyPath { _ = kyndig_history_wsave(history, historyPath) }
        el_end(editor)
        history_wend(history)
        promptBuffer?.deallocate()
        signal(SIGINT, previousInterruptHandler)
    }

    public func readLine(prompt: String) -> LineInput {
        promptBuffer?.deallocate()
        promptBuffer = Self.wideCopy(prompt)
        interrupted = false
        var count: Int32 = 0
        let raw = el_wgets(editor, &count)
        if interrupted {
            return .interrupted
        }
        guard let raw, count > 0 else { return .endOfInput }
        var line = Self.string(raw, count: Int(count))
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Adds `line` to the history and saves it at once, so a killed terminal keeps it too.
    public func remember(_ line: String) {
        guard !line.trimmed.isEmpty else { return }
        let wide = Self.wideCopy(line)
        defer { wide.deallocate() }
        kyndig_history_wenter(history, wide)
        if let historyPath { _ = kyndig_history_wsave(history, historyPath) }
    }

    /// Tab: completes the word at the cursor from `completer`; lists the choices when several fit.
    private func complete() -> UInt8 {
        guard let info = el_wline(editor)?.pointee, let completer, let buffer = info.buffer, let cursor = info.cursor else {
            return UInt8(CC_ERROR)
        }
        let typed = Self.string(buffer, count: cursor - buffer)
        let choices = completer(typed)
        let word = typed.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        guard !choices.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let common = choices.dropFirst().reduce(choices[0]) { prefix, choice in
            String(zip(prefix, choice).prefix { $0 == $1 }.map(\.0))
        }
        var insert = String(common.dropFirst(word.count))
        if choices.count == 1 { insert += " " }
        if !insert.isEmpty {
            let wide = Self.wideCopy(insert)
            defer { wide.deallocate() }
            el_winsertstr(editor, wide)
            return UInt8(CC_REFRESH)
        }
        // Several choices and nothing more in common: list them under the line, wrapped to the
        // terminal's width as it is now.
        let width = TerminalStyle.terminalColumns(STDOUT_FILENO) ?? 80
        print("\n" + TextLayout.wrap(choices.joined(separator: "  "), width: width).joined(separator: "\n"))
        return UInt8(CC_REDISPLAY)
    }

    // MARK: - Wide characters

    /// `text` as a NUL-terminated C wide string (one `wchar_t` per code point); `deallocate` it.
    private static func wideCopy(_ text: String) -> UnsafeMutablePointer<wchar_t> {
        let scalars = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
        let copy = UnsafeMutablePointer<wchar_t>.allocate(capacity: scalars.count)
        copy.initialize(from: scalars, count: scalars.count)
        return copy
    }

    /// The text of `count` wide characters at `start`.
    private static func string(_ start: UnsafePointer<wchar_t>, count: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for index in 0..<count {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: start[index])) { scalars.append(scalar) }
        }
        return String(scalars)
    }
}
