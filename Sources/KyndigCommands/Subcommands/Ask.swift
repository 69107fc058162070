import ArgumentParser
import Foundation
import KyndigCore
import KyndigSearch
import KyndigServices
import KyndigStore

extension KyndigCommand {
    struct Ask: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ask",
            abstract: "Answer a question from the course material, citing the section, or say that the course does not cover it.",
            discussion: """
                The answer quotes one to three sentences of the course as written, followed by the section \
                they come from (module §section, title, version). A question the course does not cover is \
                declined with the nearest topics it does cover, and kept (without who asked) for the \
                content authors: kyndig questions unanswered. Reads the search index that kyndig sync \
                builds beside the database.
                """)

        @Argument(parsing: .remaining, help: ArgumentHelp("The question, in bokmål or English.", valueName: "question"))
        var words: [String] = []
        @Option(help: "The question's language: nb or en.") var lang: Language = .nb
        @Flag(help: "Print the answer as JSON (see docs/json.md).") var json = false
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if words.joined().trimmed.isEmpty { throw ValidationError("Give a question, e.g. kyndig ask Hva er KI-kompetanse?") }
        }

        func run() async throws {
            let store = try database.open()
            let index = try Self.index(at: database.searchIndexPath)
            let answer = try await CourseQuestions(index: index, log: store, clock: KyndigCommand.clock)
                .ask(words.joined(separator: " "), language: lang)
            if json { return try JSONOutput.print(answer) }
            Console.print(Self.render(answer))
        }

        static func index(at path: String) throws -> SearchIndex {
            guard let index = SearchIndex.open(path: path) else {
                throw CommandFailure("No usable search index at '\(path)'. Build it (again) with kyndig sync (the same --db), then ask again.")
            }
            return index
        }

        /// The answer, then where it comes from, fitted to 80 columns.
        static func render(_ answer: Answer) -> String {
            var lines = TextTable.wrap(answer.answer, width: 80)
            for citation in answer.citations {
                let source = answer.lang == .nb ? "Kilde" : "Source"
                lines.append("")
                lines.append(contentsOf: TextTable.wrap("\(source): \(citation.module) §\(citation.section) «\(citation.title)», v\(citation.version)", width: 80))
            }
            return lines.joined(separator: "\n")
        }
    }

    struct Passages: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "passages",
            abstract: "Export every indexed passage (for inspection and for comparing rankers).")

        @Option(help: "Only passages in this language: nb or en.") var lang: Language?
        @Flag(help: "Print as JSON: [{id, module, lang, section, title, heading, text}].") var json = false
        @OptionGroup var database: DatabaseOptions

        struct Row: Encodable {
            let id, module, lang, section, title, heading, text: String
        }

        func run() async throws {
            let passages = try Ask.index(at: database.searchIndexPath).passages(language: lang)
            let rows = passages.map {
                Row(id: $0.id, module: $0.moduleID, lang: $0.language.rawValue, section: $0.anchor, title: $0.moduleTitle,
                    heading: $0.heading, text: $0.text)
            }
            if json { return try JSONOutput.print(rows) }
            for row in rows {
                Console.print("\(row.id)  \(row.heading)")
                Console.print(TextTable.wrap(row.text.replacingOccurrences(of: "\n\n", with: " "), width: 76).map { "    " + $0 }.joined(separator: "\n"))
            }
        }
    }
}
