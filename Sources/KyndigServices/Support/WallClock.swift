public import Foundation

/// The one source of "now" for every service. Services never call `Date()`: the executable passes
/// `.system`, tests pass a fixed or stepping clock, so every date a record carries is reproducible.
public struct WallClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    public static let system = WallClock { Date() }

    /// Always `instant`.
    public static func fixed(_ instant: Date) -> WallClock { WallClock { instant } }
}

/// Where new quiz seeds and attempt ids come from: random in production, scripted in tests.
public struct QuizRandomness: Sendable {
    public let newSeed: @Sendable () -> UInt64
    public let newAttemptID: @Sendable () -> String

    public init(newSeed: @escaping @Sendable () -> UInt64, newAttemptID: @escaping @Sendable () -> String) {
        self.newSeed = newSeed
        self.newAttemptID = newAttemptID
    }

    public static let system = QuizRandomness(
        newSeed: { UInt64.random(in: 1...UInt64(Int64.max)) },
        newAttemptID: { UUID().uuidString.lowercased() })
}
