import Foundation
import GRDB
import Synchronization

/// The read-only connections `SQLiteStore.lookup` reads a file through, each used by one caller
/// at a time: a caller takes a free one (or opens one), reads, and puts it back.
///
/// GRDB's pool does the same with a semaphore, a barrier queue and a dispatch group on every read;
/// under a server's load those cost several times the few rows a lookup reads (issue 13's
/// profile). A connection here is a `DatabaseQueue` held by one caller alone, so its queue is
/// never contended and GRDB still runs each read in a transaction of its own.
final class LookupConnections: Sendable {
    private let path: String
    private let configuration: Configuration
    private let free = Mutex<[DatabaseQueue]>([])
    /// Connections kept for the next caller; more are opened when more callers read at once and
    /// closed when they come back to a full shelf.
    private let keep: Int

    init(path: String, configuration: Configuration, keep: Int = max(4, ProcessInfo.processInfo.activeProcessorCount * 2)) throws {
        var configuration = configuration
        configuration.readonly = true
        self.path = path
        self.configuration = configuration
        self.keep = keep
        // One now, while the file is certainly there.
        let first = try DatabaseQueue(path: path, configuration: configuration)
        free.withLock { $0.append(first) }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let connection = try free.withLock { $0.popLast() } ?? DatabaseQueue(path: path, configuration: configuration)
        defer {
            let closing: DatabaseQueue? = free.withLock { shelf in
                guard shelf.count < keep else { return connection }
                shelf.append(connection)
                return nil
            }
            try? closing?.close()
        }
        return try connection.read(body)
    }

    func close() {
        for connection in free.withLock({ shelf in defer { shelf.removeAll() }; return shelf }) { try? connection.close() }
    }
}
