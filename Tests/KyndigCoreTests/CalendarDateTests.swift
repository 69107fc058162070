import Foundation
import KyndigCore
import Testing

struct CalendarDateTests {
    @Test(arguments: ["2025-02-02", "2024-02-29", "1970-01-01", "2099-12-31", "0001-01-01", "0999-10-09", "9999-12-31"])
    func parsesAndPrintsISODates(_ text: String) {
        #expect(CalendarDate(iso: text)?.description == text)
    }

    @Test(arguments: [
        "2025-02-30", "2023-02-29", "2025-13-01", "25-02-02", "2025/02/02", "2025-2-2", "", "2025-02-02T10:00", "2025-02-0a",
        "2025-02-022", "0000-01-01", "2025--2-02", "+025-02-02", "２０２５-02-02", "2025-02-02\n",
    ])
    func rejectsInvalidDates(_ text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func dayNumbersRoundTrip() {
        let date = CalendarDate(iso: "2026-11-24")!
        #expect(CalendarDate(dayNumber: date.dayNumber) == date)
        #expect(CalendarDate(iso: "1970-01-01")!.dayNumber == 0)
        #expect(date.adding(days: 30).description == "2026-12-24")
        #expect(date.adding(days: -365).description == "2025-11-24")
    }

    @Test func addingMonthsClampsToTheLastDayOfShortMonths() {
        #expect(CalendarDate(iso: "2025-01-31")!.adding(months: 1).description == "2025-02-28")
        #expect(CalendarDate(iso: "2024-01-31")!.adding(months: 1).description == "2024-02-29")
        #expect(CalendarDate(iso: "2025-02-02")!.adding(months: 24).description == "2027-02-02")
        #expect(CalendarDate(iso: "2025-11-15")!.adding(months: 2).description == "2026-01-15")
    }
}

struct ModuleVersionTests {
    @Test func parsesMajorMinor() {
        #expect(ModuleVersion("1.0") == ModuleVersion(major: 1, minor: 0))
        #expect(ModuleVersion("2.13")?.description == "2.13")
        #expect(ModuleVersion("1.10")! > ModuleVersion("1.9")!)
    }

    @Test(arguments: ["1", "1.0.0", "v1.0", "1.a", "", ".1", "1.", "-1.0", " 1.0", "١.٠"])
    func rejectsOtherShapes(_ text: String) {
        #expect(ModuleVersion(text) == nil)
    }
}

struct PolicyTests {
    let policy = Policy(passMark: 0.8, questionsPerQuiz: 10, validityMonths: 24, graceDays: 30, expiringSoonDays: 60, invalidatePassOn: .major, timeZone: TimeZone(identifier: "Europe/Oslo")!, jurisdiction: .norway)

    @Test func passMarkRoundsUp() {
        #expect(policy.correctAnswersNeeded(of: 10) == 8)
        #expect(policy.correctAnswersNeeded(of: 12) == 10)
        #expect(policy.correctAnswersNeeded(of: 5) == 4)
    }

    @Test func majorBumpVoidsAnEarlierPassButMinorDoesNot() {
        #expect(policy.accepts(passed: ModuleVersion("1.0")!, current: ModuleVersion("1.3")!))
        #expect(!policy.accepts(passed: ModuleVersion("1.3")!, current: ModuleVersion("2.0")!))
    }
}

struct LocalCalendarDayTests {
    let oslo = TimeZone(identifier: "Europe/Oslo")!

    /// A pass or "today" is the calendar day in the organisation's zone, not UTC's.
    @Test(arguments: [
        ("2026-03-01T23:30:00Z", "2026-03-02"),  // 00:30 in Oslo (CET, UTC+1)
        ("2026-03-01T22:59:59Z", "2026-03-01"),  // 23:59:59 in Oslo
        ("2026-06-30T22:30:00Z", "2026-07-01"),  // 00:30 in Oslo (CEST, UTC+2)
        ("2026-06-30T21:59:59Z", "2026-06-30"),
        ("2026-12-31T23:00:00Z", "2027-01-01"),  // New Year in Oslo an hour before UTC
    ])
    func theDayAnInstantFallsOnInOslo(_ instant: String, _ day: String) throws {
        let date = try Date(instant, strategy: .iso8601)
        #expect(CalendarDate(date, in: oslo) == CalendarDate(iso: day))
        #expect(Policy(passMark: 0.8, questionsPerQuiz: 10, validityMonths: 24, graceDays: 30, expiringSoonDays: 60,
                       invalidatePassOn: .major, timeZone: oslo, jurisdiction: .norway).calendarDate(of: date) == CalendarDate(iso: day))
    }
}
