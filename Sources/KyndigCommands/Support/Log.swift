import Foundation
import Logging

/// Diagnostics on standard error, off by default: `KYNDIG_LOG=info` (or debug, trace) shows
/// timings and paths. Never personal data: ids and counts only.
enum Log {
    static let logger: Logger = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["KYNDIG_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
            return handler
        }
        return Logger(label: "kyndig")
    }()

    /// Runs `work` and logs how long it took at info level.
    static func timed<T>(_ what: String, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { logger.info("\(what) took \((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000) ms") }
        return try work()
    }
}
