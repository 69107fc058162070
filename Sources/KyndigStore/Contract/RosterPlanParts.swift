import Foundation
public import KyndigCore

/// A roster plan handed to the store in parts while it is still being made: an import sends each
/// batch of checked people as it reads the file, and the store writes them meanwhile, on a thread
/// of its own, in one transaction that commits only when the sender finishes. Reading a 100,000-row
/// file and writing it take about as long as each other; side by side they take half as long.
///
/// The sender must end with `finish()` or `fail(_:)`: the store waits for one of them.
public final class RosterPlanParts: @unchecked Sendable {
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var waiting: [RosterPlan] = []
    private var finished = false
    private var failure: (any Error)?
    /// The sender promises that no part refers to a row not written before it or within it (as
    /// `RosterPlan.Builder` hands them out), which lets a store build indexes after the rows.
    public let inWritingOrder: Bool

    public init(inWritingOrder: Bool) {
        self.inWritingOrder = inWritingOrder
    }

    /// A plan of one part, finished: what `apply(_ plan:)` writes. Its references may point
    /// anywhere in it (a whole plan lists people in the file's order).
    public convenience init(_ plan: RosterPlan) {
        self.init(inWritingOrder: false)
        send(plan)
        finish()
    }

    public func send(_ part: RosterPlan) {
        condition.withLock {
            precondition(!finished && failure == nil, "a part sent after the plan ended")
            waiting.append(part)
            condition.signal()
        }
    }

    /// Every part is sent: the store commits once it has written them.
    public func finish() {
        condition.withLock {
            finished = true
            condition.signal()
        }
    }

    /// The plan cannot be completed (a problem in the file, a refused import): the store stops
    /// and rolls back everything it wrote, throwing `error`.
    public func fail(_ error: any Error) {
        condition.withLock {
            failure = failure ?? error
            condition.signal()
        }
    }

    /// The next part, waiting until it is sent; nil once every part is taken and the plan is
    /// finished. Throws the sender's error, even with parts still waiting (they will not count).
    public func next() throws -> RosterPlan? {
        try condition.withLock {
            while waiting.isEmpty && !finished && failure == nil { condition.wait() }
            if let failure { throw failure }
            return waiting.isEmpty ? nil : waiting.removeFirst()
        }
    }
}
