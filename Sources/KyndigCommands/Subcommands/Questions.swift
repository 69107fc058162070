import ArgumentParser
import Foundation
import KyndigCore
import KyndigServices
import KyndigStore

extension KyndigCommand {
    struct Questions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "questions",
            abstract: "Questions learners asked that the course material does not answer.",
            subcommands: [Unanswered.self])
    }
}

extension KyndigCommand.Questions {
    struct Unanswered: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unanswered",
            abstract: "List declined questions, grouped by their most frequent term (who asked is never kept).",
            discussion: "Questions older than the retention period in curricula/policy.yaml are deleted first.")

        @Option(help: ArgumentHelp("Only questions asked on or after this day (YYYY-MM-DD).", valueName: "date")) var since: String?
        @Flag(help: "Print as JSON.") var json = false
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if let since, CalendarDate(iso: since) == nil { throw ValidationError("--since '\(since)' is not a date. Write it as YYYY-MM-DD.") }
        }

        func run() async throws {
            let catalog = try catalogOptions.load()
            let store = try database.open()
            let now = KyndigCommand.clock.now()
            _ = try await store.purgeUnanswered(before: now.addingTimeInterval(-Double(catalog.policy.unansweredRetentionDays) * 86_400))
            let start = since.flatMap { CalendarDate(iso: $0) }.map { day in
                // The start of that day in the organisation's time zone.
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = catalog.policy.timeZone
                return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
            }
            let groups = UnansweredGroups(try await store.unansweredQuestions(since: start))
            if json { return try JSONOutput.print(groups) }
            guard !groups.groups.isEmpty else { return Console.print("No unanswered questions.") }
            for group in groups.groups {
                Console.print("\(group.term) (\(group.count))")
                for question in group.questions {
                    let day = catalog.policy.calendarDate(of: question.askedAt)
                    Console.print(TextTable.wrap("\(day) [\(question.language.rawValue)] \(PlainText.escaped(question.question))", width: 76)
                        .map { "    " + $0 }.joined(separator: "\n"))
                }
            }
        }
    }
}
