import KyndigCore
import KyndigTestSupport
import Testing

/// The trend's days and its rule that a requirement counts only once it applies.
struct ComplianceTrendTests {
    @Test func daysAreElevenMonthEndsThenTheReportDay() {
        let days = ComplianceTrend.days(endingOn: Build.date("2024-03-15"))
        #expect(days.count == 12)
        #expect(days.first == Build.date("2023-04-30"))
        #expect(days.contains(Build.date("2024-02-29")))  // a leap year's February ends on the 29th
        #expect(days.suffix(2) == [Build.date("2024-02-29"), Build.date("2024-03-15")])
        #expect(days == days.sorted())
    }

    @Test func aDayBeforeAnyRequirementAppliesHasNoShareRatherThanZero() {
        let requirement = Requirement(moduleID: "basics", reasons: [.role("clinician")], obligationIDs: ["art-4"], arose: Build.date("2025-03-01"))
        let status = RequirementStatus(
            requirement: requirement, state: .notStarted, since: Build.date("2025-03-01"), dueOn: Build.date("2025-03-31"),
            completion: nil, expiresOn: nil, voidedCompletion: nil, attestation: nil, exemption: nil)
        var builder = ComplianceTrend.Builder(days: [Build.date("2025-02-28"), Build.date("2025-03-01")])
        builder.add(statusesByDay: [[status], [status]])
        let points = builder.build().points
        #expect(points.map(\.requirements) == [0, 1])
        #expect(points[0].shareMet == nil && points[1].shareMet == 0)
    }
}
