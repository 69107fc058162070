import ArgumentParser
import Foundation
import KyndigCatalog
import KyndigCore
import KyndigTutor

extension KyndigCommand {
    struct CatalogCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "catalog",
            abstract: "Check and list the course content.",
            subcommands: [Check.self, List.self, Lint.self])
    }
}

extension KyndigCommand.CatalogCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate curricula/ and quizzes/; list every problem with file:line:column.")

        @Argument(help: ArgumentHelp("Directory holding curricula/ and quizzes/ (default: $KYNDIG_CATALOG, else the nearest one at or above the working directory, else the course shipped with Kyndig).", valueName: "dir"))
        var directory: String?

        // `--catalog` as every other command takes it, so that advice naming it works here too.
        @OptionGroup var catalogOptions: CatalogOptions

        @Flag(help: "Print problems as JSON.")
        var json = false

        func validate() throws {
            if let directory, let option = catalogOptions.catalog, Self.standardized(directory) != Self.standardized(option) {
                throw ValidationError("Two catalog directories given: '\(directory)' and --catalog '\(option)'. Give one of them.")
            }
        }

        func run() throws {
            let root = try CatalogLocation.resolve(
                explicit: directory ?? catalogOptions.catalog, given: directory != nil ? "kyndig catalog check DIR" : "--catalog DIR",
                environment: ProcessInfo.processInfo.environment)
            let (catalog, problems) = CatalogLoader.check(root: root)
            // The summary names the directory checked, since the search may have found another
            // course than the one being edited; JSON stays a plain list of problems for scripts.
            if json {
                try JSONOutput.print(problems)
            } else if let catalog {
                let modules = catalog.modules.values.flatMap(\.texts.values)
                let questions = catalog.quizzes.values.flatMap(\.values).reduce(0) { $0 + $1.questions.count }
                Console.print("Catalog OK: \(root.path): \(catalog.modules.count) modules, \(modules.count) module texts, \(questions) questions, \(catalog.roles.count) roles, \(catalog.obligations.count) obligations.")
            } else {
                for problem in problems { Console.error(problem.description) }
                Console.error("Checked \(root.path): \(problems.count) problem\(problems.count == 1 ? "" : "s") found.")
            }
            if !problems.isEmpty { throw ExitCode.failure }
        }

        private static func standardized(_ path: String) -> String {
            URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL.path
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List modules with versions, roles, obligations, word and question counts.")

        @OptionGroup var catalogOptions: CatalogOptions
        @Flag(help: "Print as JSON.") var json = false

        struct Row: Encodable {
            let id: String
            let languages: [String]
            let version: String
            let level: String
            let roles: [String]
            let contexts: [String]
            let obligations: [String]
            let minutes: Int
            let words: [String: Int]
            let questions: [String: Int]
            let titles: [String: String]
            let hashes: [String: String]
        }

        func run() throws {
            let catalog = try catalogOptions.load()
            let rows = catalog.moduleIDs.map { id -> Row in
                let module = catalog.modules[id]!
                func perLanguage<T>(_ value: (Language) -> T?) -> [String: T] {
                    Dictionary(uniqueKeysWithValues: module.languages.compactMap { lang in value(lang).map { (lang.rawValue, $0) } })
                }
                return Row(
                    id: id, languages: module.languages.map(\.rawValue), version: module.version.description,
                    level: module.level.rawValue, roles: module.roleIDs, contexts: module.contextIDs,
                    obligations: module.obligationIDs, minutes: module.minutes,
                    words: perLanguage { module.texts[$0]?.wordCount },
                    questions: perLanguage { catalog.quiz(id, language: $0)?.questions.count },
                    titles: perLanguage { module.texts[$0]?.title },
                    hashes: perLanguage { module.texts[$0]?.contentHash })
            }
            if json { return try JSONOutput.print(rows) }
            // One short record per module: the lists of roles and obligations are too long for
            // table columns at 80 characters, so they wrap on lines of their own.
            var lines: [String] = []
            /// A labelled list, wrapped with a hanging indent under its label.
            func field(_ text: String) -> [String] {
                TextTable.wrap(text, width: 72).enumerated().map { ($0.offset == 0 ? "    " : "        ") + $0.element }
            }
            for row in rows {
                let dot = " \(Console.symbols.separator) "
                lines.append("\(row.id)  \(row.version)\(dot)\(row.level)\(dot)\(row.minutes) min")
                lines.append(contentsOf: field(row.languages.map { "\($0): \(row.words[$0] ?? 0) words, \(row.questions[$0] ?? 0) questions" }.joined(separator: dot)))
                lines.append(contentsOf: field("for: " + (row.roles + row.contexts.map { "\($0) (AI-system context)" }).joined(separator: ", ")))
                lines.append(contentsOf: field("obligations: " + row.obligations.joined(separator: ", ")))
            }
            Console.print(lines.joined(separator: "\n"))
        }
    }
}

extension KyndigCommand.CatalogCommand {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Measure quiz cues: true-false balance, right option the longest, options copied from the module text, absolute words.",
            discussion: "Exits 1 when a figure is outside its limit or a question has a cue, listing each.")

        @OptionGroup var catalogOptions: CatalogOptions
        @Flag(help: "Print the figures as JSON.") var json = false

        struct Output: Encodable {
            let byLanguage: [String: QuizLint.Figures]
            let total: QuizLint.Figures
            let limits: QuizLint.Limits
            let problems: [String]
        }

        func run() throws {
            let catalog = try catalogOptions.load()
            let limits = QuizLint.Limits.standard
            let (byLanguage, total) = QuizLint.figures(catalog: catalog, limits: limits)
            let problems = total.problems(limits)
            if json {
                try JSONOutput.print(Output(
                    byLanguage: Dictionary(uniqueKeysWithValues: byLanguage.map { ($0.key.rawValue, $0.value) }),
                    total: total, limits: limits, problems: problems))
            } else {
                let columns = Language.allCases.filter { byLanguage[$0] != nil }
                let all = columns.map { byLanguage[$0]! } + [total]
                /// A label and one cell per language and for all, in fixed-width columns.
                func row(_ label: String, _ cells: [String]) -> String {
                    let line = label.padding(toLength: 34, withPad: " ", startingAt: 0) + cells.map { $0.padding(toLength: 14, withPad: " ", startingAt: 0) }.joined()
                    return String(line.reversed().drop { $0 == " " }.reversed())
                }
                func row(_ label: String, _ value: (QuizLint.Figures) -> String) -> String { row(label, all.map(value)) }
                let percent = QuizLint.Figures.percent
                let lines = [
                    row("", columns.map(\.rawValue) + ["all"]),
                    row("true-false answered true", { "\($0.trueAnswers)/\($0.trueFalseQuestions) \(percent($0.trueShare))" }),
                    row("right option the longest", { "\($0.longestCorrect)/\($0.singleChoiceQuestions) \(percent($0.longestCorrectShare))" }),
                    row("right option copied (\(limits.copiedRun)+ words)", { "\($0.copied.count)" }),
                    row("absolute words in true-false", { "\($0.absoluteWords.count)" }),
                    "Limits: true \(percent(limits.trueShare.lowerBound))–\(percent(limits.trueShare.upperBound)), longest at most \(percent(limits.longestCorrectShare)), no copied options, no absolute words.",
                ]
                Console.print(lines.joined(separator: "\n"))
                for problem in problems { Console.error(problem) }
            }
            if !problems.isEmpty { throw ExitCode.failure }
        }
    }
}
