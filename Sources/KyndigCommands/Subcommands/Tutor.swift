import ArgumentParser
import Foundation
import KyndigClient
import KyndigCore
import KyndigSearch
import KyndigServices
import KyndigStore
import KyndigTutor
import Logging

extension KyndigCommand {
    struct Tutor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tutor",
            abstract: "Start the interactive tutor (the default when no subcommand is given).",
            discussion: """
                Read your modules, take quizzes and see your requirements. On a terminal the tutor \
                offers line editing, history (saved per user) and Tab completion; with piped input \
                it reads plain lines and prints no escape codes. Answers are saved as you give them: \
                if the terminal dies, the next start offers to resume the quiz.

                With --server (or KYNDIG_SERVER) the tutor is a client of kyndig serve: the course, \
                your records and the search index are on the server, and you sign in with your \
                learner token from KYNDIG_TOKEN or a token file only you can read (chmod 600).
                """)

        @Option(help: ArgumentHelp("Username or employee id (default: the OS user).", valueName: "user")) var user: String?
        @Option(help: "Language: nb (Norwegian bokmål) or en.") var lang: Language = .nb
        @Option(help: ArgumentHelp("Address of kyndig serve, e.g. http://127.0.0.1:8080, or unix:PATH for its --socket (default: $KYNDIG_SERVER; unset: the local database).", valueName: "url"))
        var server: String?
        @Option(help: ArgumentHelp("File holding your learner token, readable only by you (default: $KYNDIG_TOKEN, else ~/.config/kyndig/token).", valueName: "path"))
        var tokenFile: String?
        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            if let address = try ClientSetup.server(flag: server, environment: environment) {
                guard user == nil else {
                    throw ValidationError("--user picks a learner in a local database; with a server, your token says who you are. Leave out --user.")
                }
                guard database.db == nil, catalogOptions.catalog == nil else {
                    throw ValidationError("--db and --catalog are for the tutor on this machine's database; with a server, the records and the course are on the server. Leave them out, or leave out --server.")
                }
                let token = try ClientSetup.token(for: address, file: tokenFile, environment: environment)
                return try await Self.startRemote(server: address, token: token, language: lang, environment: environment)
            }
            if tokenFile != nil { throw ValidationError("--token-file is for a tutor with --server (or KYNDIG_SERVER). Add --server URL, or leave out --token-file.") }
            let catalog = try catalogOptions.load()
            try await Self.start(catalog: catalog, store: try database.open(), user: user ?? AuditActor.current, language: lang)
        }

        /// The tutor as a client of `kyndig serve`: the same session over `RemoteLearnerService`.
        static func startRemote(server: URL, token: String?, language: Language, environment: [String: String]) async throws {
            let learner = try await RemoteLearnerService.connect(server: server, token: token)
            guard learner.person.active else {
                throw CommandFailure("\(learner.person.employeeID) (\(PlainText.escaped(learner.person.name))) is no longer active in the roster, so the tutor cannot start for them; their records are kept. If this is wrong, ask HR to include them in the next roster import.")
            }
            let course = try await learner.course()
            // History per server and learner, in the per-user data directory.
            let host = server.scheme == "unix" ? "socket" : "\(server.host ?? "server")-\(server.port.map(String.init) ?? "")"
            let history = DatabaseLocation.dataDirectory(environment: environment)
                .appendingPathComponent(historyPath(database: "tutor", username: "\(host)-\(learner.person.username)")).path
            try await run(learner: learner, course: course, language: language, historyPath: history)
        }

        /// The person `who` names (username, else employee id), or a failure that says what to do.
        static func person(_ who: String, in store: some PeopleStore) async throws -> Person {
            guard let person = try await PersonLookup.person(who, in: store) else {
                throw CommandFailure("No person '\(who)' in the roster. Check the username, import the roster (kyndig roster import FILE), or try the demo hospital (kyndig demo).")
            }
            return person
        }

        /// Where a learner's tutor history is kept: next to the database in use
        /// (`kyndig.sqlite-history-ingrid`, as SQLite keeps `kyndig.sqlite-wal`), so the demo
        /// database and the production one never share a history.
        static func historyPath(database: String, username: String) -> String {
            "\(database)-history-\(username.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" })"
        }

        static func start(catalog: Catalog, store: SQLiteStore, user: String, language: Language) async throws {
            let person = try await person(user, in: store)
            guard person.active else {
                throw CommandFailure("\(person.employeeID) (\(PlainText.escaped(person.name))) is no longer active in the roster, so the tutor cannot start for them; their records are kept. If this is wrong, ask HR to include them in the next roster import.")
            }
            // Attempts pin the exact module version: make sure the catalog's versions are stored.
            _ = try await CatalogSync(store: store, clock: KyndigCommand.clock).sync(catalog, actor: AuditActor.current)
            // Questions are answered from the search index; without one (an unwritable directory)
            // the tutor still teaches and quizzes, and says why it cannot answer.
            let index: SearchIndex?
            do {
                index = try Log.timed("updating the search index") { try SearchIndex.updated(for: catalog, at: searchIndexPath(forDatabase: store.path)).index }
            } catch {
                Log.logger.warning("search index unavailable: \(error)")
                index = nil
            }
            let learner = LocalLearnerService(person: person, catalog: catalog, store: store, clock: KyndigCommand.clock, searchIndex: index)
            try await run(learner: learner, course: catalog, language: language,
                          historyPath: historyPath(database: store.path, username: person.username))
        }

        /// The session on this terminal, whichever service is behind it.
        static func run(learner: any LearnerService, course: Catalog, language: Language, historyPath: String) async throws {
            // Before libedit starts: it decodes keystrokes in this locale (æ, ø, å), and a
            // non-UTF-8 locale gets the tutor's ASCII symbols.
            let unicode = TerminalLocale.adopt()
            let interactive = Console.isTTY(STDIN_FILENO)
            let editor = interactive ? EditLineReader(historyPath: historyPath) : nil
            defer { editor?.close() }
            let reader: any LineReader = editor ?? PlainLineReader(echoPrompt: true)
            let style = interactive ? TerminalStyle.detect(unicode: unicode) : TerminalStyle(color: false, width: 80, unicode: unicode)
            let console = Console.current
            let session = TutorSession(catalog: course, learner: learner, language: language, reader: reader, style: style, write: console.out)
            // The session has told the learner what went wrong, in one line; only the status remains.
            if try await session.run() != .finished { throw ExitCode.failure }
        }
    }
}
