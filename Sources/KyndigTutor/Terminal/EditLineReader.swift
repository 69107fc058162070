import CLibedit
import Foundation
import KyndigCore

/// Line editing with libedit: Emacs keys, arrows, history (persisted per user), Ctrl-R search,
/// Tab completion, Ctrl-C clears the line. The terminal is restored by libedit after each line
/// and by `close()` (called on every exit path).
public final class EditLineReader: LineReader {
    public var completer: ((String) -> [String])?
    private let editor: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    private var promptBuffer: UnsafeMutablePointer<CChar>?
    private var closed = false
    private var interrupted = false

    /// - Parameter historyPath: file the history is loaded from and saved to (nil: none).
    public init?(historyPath: String?) {
        guard let editor = kyndig_el_init(CommandLine.arguments.first ?? "kyndig"),
              let history = kyndig_history_init(500)
        else { return nil }
        self.editor = editor
        self.history = history
        self.historyPath = historyPath
        kyndig_el_set_editor(editor, "emacs")
        kyndig_el_set_signal(editor, 1)  // libedit restores the terminal on signals
        kyndig_el_set_history(editor, history)
        kyndig_el_set_prompt(editor, { editor in
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
            _ = kyndig_history_load(history, historyPath)
        }
    }

    deinit { close() }

    /// Saves the history and restores the terminal. Safe to call twice.
    public func close() {
        guard !closed else { return }
        closed = true
        if let historyPath { _ = kyndig_history_save(history, historyPath) }
        el_end(editor)
        history_end(history)
        free(promptBuffer)
    }

    public func readLine(prompt: String) -> LineInput {
        free(promptBuffer)
        promptBuffer = strdup(prompt)
        interrupted = false
        var count: Int32 = 0
        let raw = el_gets(editor, &count)
        if interrupted {
            return .interrupted
        }
        guard let raw, count > 0 else { return .endOfInput }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        if !line.trimmed.isEmpty {
            kyndig_history_enter(history, line)
            if let historyPath { _ = kyndig_history_save(history, historyPath) }
        }
        return .line(line)
    }

    /// Tab: completes the word at the cursor from `completer`; lists the choices when several fit.
    private func complete() -> UInt8 {
        guard let info = el_line(editor)?.pointee, let completer else { return UInt8(CC_ERROR) }
        let length = info.cursor - info.buffer
        let typed = String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer(info.buffer).assumingMemoryBound(to: UInt8.self), count: length), as: UTF8.self)
        let choices = completer(typed)
        let word = typed.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        guard !choices.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let common = choices.dropFirst().reduce(choices[0]) { prefix, choice in
            String(zip(prefix, choice).prefix { $0 == $1 }.map(\.0))
        }
        var insert = String(common.dropFirst(word.count))
        if choices.count == 1 { insert += " " }
        if !insert.isEmpty {
            el_insertstr(editor, insert)
            return UInt8(CC_REFRESH)
        }
        // Several choices and nothing more in common: show them under the line.
        print("\n" + choices.joined(separator: "  "))
        return UInt8(CC_REDISPLAY)
    }
}
