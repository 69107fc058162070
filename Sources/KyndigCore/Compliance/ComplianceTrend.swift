/// The share of requirements met across a report's people on several days (month ends), for the
/// trend chart. Each day is judged by the same rules as the report (`Policy.status`); a
/// requirement counts on a day only once it applies (its `since` is on or before that day), so
/// the months before the programme, a module or an obligation began have no requirements rather
/// than a share of 0 %.
public struct ComplianceTrend: Sendable, Hashable, Codable {
    public struct Point: Sendable, Hashable, Codable {
        public let day: CalendarDate
        public var requirements = 0
        public var met = 0

        public init(day: CalendarDate, requirements: Int = 0, met: Int = 0) {
            self.day = day
            self.requirements = requirements
            self.met = met
        }

        /// 0 … 1, or nil when no requirement applied yet (not the same as none met).
        public var shareMet: Double? { requirements == 0 ? nil : Double(met) / Double(requirements) }
    }

    public let points: [Point]

    public init(points: [Point]) {
        self.points = points
    }

    /// The ends of the `count - 1` months before `asOf`'s month, oldest first, then `asOf` itself:
    /// the last point is the report's own day, so it shows the report's number (unless some
    /// requirement only begins to apply after that day: the report lists it, the trend not yet).
    public static func days(endingOn asOf: CalendarDate, count: Int = 12) -> [CalendarDate] {
        let firstOfMonth = CalendarDate(year: asOf.year, month: asOf.month, day: 1)!
        let monthEnds = (1..<max(count, 1)).reversed().map { back in firstOfMonth.adding(months: -back + 1).adding(days: -1) }
        return monthEnds + [asOf]
    }

    /// Collects one person at a time (their statuses on each day), like `ComplianceReport.Builder`.
    public struct Builder: Sendable {
        private var points: [Point]

        public init(days: [CalendarDate]) {
            points = days.map { Point(day: $0) }
        }

        /// - Parameter statusesByDay: the person's statuses on each of the builder's days, in order.
        public mutating func add(statusesByDay: some Sequence<[RequirementStatus]>) {
            for (index, statuses) in zip(points.indices, statusesByDay) {
                for status in statuses where status.since <= points[index].day {
                    points[index].requirements += 1
                    if status.isMet { points[index].met += 1 }
                }
            }
        }

        /// Takes in the people `other` counted (built for the same days).
        public mutating func merge(_ other: Builder) {
            precondition(other.points.map(\.day) == points.map(\.day), "trends of different days")
            for index in points.indices {
                points[index].requirements += other.points[index].requirements
                points[index].met += other.points[index].met
            }
        }

        public func build() -> ComplianceTrend { ComplianceTrend(points: points) }
    }
}
