import ArgumentParser
import Foundation
import KyndigCore
import KyndigStore
import KyndigTutor

extension KyndigCommand {
    struct Tutor: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start the interactive tutor (the default when no subcommand is given).",
            discussion: """
                Read your modules, take quizzes and see your requirements. On a terminal the tutor \
                offers line editing, history (saved per user) and Tab completion; with piped input \
                it reads plain lines and prints no escape codes. Answers are saved as you give them: \
                if the terminal dies, the next start offers to resume the quiz.
                """)

        @Option(help: ArgumentHelp("Username or employee id (default: the OS user).", valueName: "user")) var user: String?
        @Option(help: "Language: nb (Norwegian bokmål) or en.") var lang: Language = .nb
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let catalog = try catalogOptions.load()
            try Self.start(catalog: catalog, store: try database.open(), user: user ?? Actor.current, language: lang)
        }

        static func start(catalog: KyndigCore.Catalog, store: KyndigDatabase, user: String, language: Language) throws {
            guard let person = try store.person(username: user) ?? store.person(employeeID: user) else {
                throw CommandFailure(StoreError.unknownPerson(user).description)
            }
            // Attempts pin the exact module version: make sure the catalog's versions are stored.
            _ = try store.sync(catalog: catalog, actor: Actor.current, at: Date())
            let interactive = Terminal.isTTY(STDIN_FILENO)
            let history = DatabaseLocation.dataDirectory(environment: ProcessInfo.processInfo.environment)
                .appendingPathComponent("history-\(person.username.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" })").path
            let editor = interactive ? EditLineReader(historyPath: history) : nil
            defer { editor?.close() }
            let reader: any LineReader = editor ?? PlainLineReader(echoPrompt: true)
            let style = interactive ? TerminalStyle.detect() : TerminalStyle(color: false, width: 80)
            try TutorSession(catalog: catalog, store: store, person: person, language: language, reader: reader, style: style).run()
        }
    }
}
