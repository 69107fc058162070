import Foundation
import Logging

/// Diagnostics: timings and paths, never personal data (ids and counts only). Where they go and
/// at which level is decided once, by the executable's entry point (`KYNDIG_LOG`).
enum Log {
    static let logger = Logger(label: "kyndig")

    /// Runs `work` and logs how long it took at info level.
    static func timed<T>(_ what: String, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { logger.info("\(what) took \((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000) ms") }
        return try work()
    }

    /// Runs async `work` and logs how long it took at info level.
    static func timed<T>(_ what: String, _ work: () async throws -> T) async rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { logger.info("\(what) took \((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000) ms") }
        return try await work()
    }
}
