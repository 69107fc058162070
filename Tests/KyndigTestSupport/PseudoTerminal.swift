import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program on a real pseudo-terminal, as if a person sat at it: keystrokes go in through
/// the master side, the screen output comes back, and the terminal is the child's controlling
/// terminal (so Ctrl-C raises SIGINT like on a real one).
public final class PseudoTerminal: @unchecked Sendable {
    public enum Key {
        public static let enter = "\r"
        public static let tab = "\t"
        public static let up = "\u{1B}[A"
        public static let left = "\u{1B}[D"
        public static let right = "\u{1B}[C"
        public static let backspace = "\u{7F}"
        public static let ctrlC = "\u{03}"
        public static let ctrlD = "\u{04}"
        /// Erases the line typed so far (libedit's emacs bindings).
        public static let ctrlU = "\u{15}"
        public static let ctrlR = "\u{12}"
    }

    public struct Timeout: Error, CustomStringConvertible {
        public let waitingFor: String
        public let screen: String
        public var description: String { "timed out waiting for \"\(waitingFor)\"; the screen so far:\n\(screen)" }
    }

    public let pid: pid_t
    private let master: Int32
    private var buffer: [UInt8] = []
    /// Offset in `buffer` up to which `expect` has consumed output.
    private var consumed = 0

    public init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], columns: UInt16 = 100, rows: UInt16 = 40) throws {
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        let slaveName = String(cString: ttyname(slave))
        close(slave)  // the child opens it by name, which makes it its controlling terminal

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addclose(&actions, master)
        posix_spawn_file_actions_addopen(&actions, 0, slaveName, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session: opening the terminal then makes it the controlling one.
        // POSIX_SPAWN_SETSID (0x80 in glibc's spawn.h) is a GNU extension Swift does not import.
        posix_spawnattr_setflags(&attributes, 0x80)

        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm"
        env.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { env[key] = value }
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        guard status == 0 else { close(master); throw POSIXError(.init(rawValue: status) ?? .EIO) }
        self.pid = pid
        self.master = master
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Types text (keys included) into the terminal.
    public func send(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { _ = write(master, $0.baseAddress, $0.count) }
        usleep(30_000)  // let the program react between keystroke groups, as a person would
    }

    /// Waits until `text` appears in output not yet consumed; consumes up to its end.
    @discardableResult
    public func expect(_ text: String, timeout: TimeInterval = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let pending = PseudoTerminal.plain(Array(buffer[consumed...]))
            if let range = pending.range(of: text) {
                // Map the match back to raw bytes: consume everything read so far up to the match.
                let before = String(pending[..<range.upperBound])
                consumed = PseudoTerminal.rawOffset(in: buffer, from: consumed, plainLength: before.utf8.count)
                return before
            }
            if Date() > deadline { throw Timeout(waitingFor: text, screen: screen) }
            pump(wait: 50)
        }
    }

    /// Everything the program has written, with escape sequences removed.
    public var screen: String {
        pump(wait: 0)
        return PseudoTerminal.plain(buffer)
    }

    /// The raw bytes written so far, escape sequences included.
    public var raw: String {
        pump(wait: 0)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Whether the terminal is in normal (cooked) mode: line editing by the kernel and echo on,
    /// as a shell expects it after a program has left.
    public var isInCookedMode: Bool {
        var modes = termios()
        guard tcgetattr(master, &modes) == 0 else { return false }
        return modes.c_lflag & tcflag_t(ICANON) != 0 && modes.c_lflag & tcflag_t(ECHO) != 0
    }

    /// Resizes the terminal, as dragging the window's corner does: the program gets SIGWINCH.
    public func resize(columns: UInt16, rows: UInt16 = 40) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        usleep(30_000)
    }

    /// Kills the program with SIGKILL (a dropped SSH session, `kill -9`) and waits for it.
    public func killHard() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// Waits for the program to exit and returns its exit status (nil on timeout or signal).
    /// Every thread's stack of the running program, from gdb when it is installed: what a test
    /// prints when the program does not exit.
    public func threadStacks() -> String {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/gdb") else { return "(no gdb to show the threads)" }
        let gdb = Process()
        gdb.executableURL = URL(fileURLWithPath: "/usr/bin/gdb")
        gdb.arguments = ["-p", String(pid), "-batch", "-ex", "thread apply all bt 30"]
        let output = Pipe()
        gdb.standardOutput = output
        gdb.standardError = output
        guard (try? gdb.run()) != nil else { return "(gdb did not start)" }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        gdb.waitUntilExit()
        return text
    }

    public func waitForExit(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            pump(wait: 20)
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : nil }
        }
        return nil
    }

    private func pump(wait milliseconds: Int32) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(master, &chunk, chunk.count)
            if count <= 0 { break }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// Removes ANSI escape sequences, carriage returns, bells and backspaces.
    static func plain(_ bytes: ArraySlice<UInt8>) -> String { plain(Array(bytes)) }

    static func plain(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        forEachVisible(in: bytes, from: 0) { _, byte in output.append(byte); return true }
        return String(decoding: output, as: UTF8.self)
    }

    /// The raw offset after `plainLength` visible bytes, counting from `start`.
    static func rawOffset(in bytes: [UInt8], from start: Int, plainLength: Int) -> Int {
        var produced = 0
        var end = start
        guard plainLength > 0 else { return start }
        forEachVisible(in: bytes, from: start) { index, _ in
            produced += 1
            end = index + 1
            return produced < plainLength
        }
        return end
    }

    /// Calls `body` with each visible byte and its raw index until it returns false.
    private static func forEachVisible(in bytes: [UInt8], from start: Int, _ body: (Int, UInt8) -> Bool) {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B {  // ESC [ parameters final-byte
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                    index += 1
                    while index < bytes.count, !(0x40...0x7E).contains(bytes[index]) { index += 1 }
                }
                index += 1
                continue
            }
            if byte != UInt8(ascii: "\r") && byte != 0x07 && byte != 0x08 && !body(index, byte) { return }
            index += 1
        }
    }
}
