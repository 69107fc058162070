import Foundation

/// Where a command's output goes (`--output FILE` or standard output), a chunk at a time so
/// memory stays flat: standard output through `Console`, so tests capture it, or a file that
/// appears whole or not at all: text goes to a temporary file beside it, renamed over it only
/// when the command succeeded.
final class CommandOutput {
    /// Runs `body` with the output for `path` (nil: standard output) and puts the file in place
    /// when it succeeds; on an error the file is left as it was.
    static func writing(to path: String?, _ body: (CommandOutput) async throws -> Void) async throws {
        let out = try CommandOutput(path: path)
        do {
            try await body(out)
            try out.finish()
        } catch {
            out.discard()
            throw error
        }
    }

    private let path: String?
    private let temporary: URL?
    private let handle: FileHandle?
    private var buffer = ""

    init(path: String?) throws {
        self.path = path
        guard let path else {
            temporary = nil
            handle = nil
            return
        }
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).partial")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            throw CommandFailure("Cannot write '\(path)': cannot create a file in its directory. Check that the directory exists and that you may write there.")
        }
        self.temporary = temporary
        self.handle = handle
    }

    /// Appends text that ends a row (ends with a line break).
    func write(_ text: String) throws {
        buffer += text
        if buffer.utf8.count >= 1 << 16 { try flush() }
    }

    /// Writes what is left and, for a file, puts it in place.
    func finish() throws {
        try flush()
        guard let path, let temporary, let handle else { return }
        do {
            try handle.close()
            // rename(2) replaces the target in one step: readers see the old file or the new one.
            guard rename(temporary.path, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            discard()
            throw CommandFailure("Cannot write '\(path)': \(error.localizedDescription). Check the directory and its permissions.")
        }
    }

    /// Removes the temporary file of a failed export; the target is left as it was.
    func discard() {
        try? handle?.close()
        if let temporary { try? FileManager.default.removeItem(at: temporary) }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        if let handle {
            do {
                try handle.write(contentsOf: Data(buffer.utf8))
            } catch {
                discard()
                throw CommandFailure("Cannot write '\(path ?? "")': \(error.localizedDescription). Check the free space and try again.")
            }
        } else {
            Console.write(buffer)
        }
        buffer = ""
    }
}
