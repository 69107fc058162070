import Foundation
import KyndigCore
import KyndigSearch
import KyndigServices
import KyndigStore

/// The interactive tutor: greets the learner, reads commands, shows modules and runs quizzes.
/// It holds no business rules: statuses, quiz draws, scoring and stored evidence all come from a
/// `LearnerService` (on the database file, or a server's API); the tutor reads lines and renders.
public final class TutorSession {
    let catalog: Catalog
    let learner: any LearnerService
    let reader: any LineReader
    let write: (String) -> Void
    let style: TerminalStyle
    var language: Language
    var strings: TutorStrings { TutorStrings(language: language, symbols: style.symbols) }
    var person: Person { learner.person }

    /// The module being read and the index of its `##` section on screen.
    var reading: (moduleID: String, section: Int)?

    /// Pauses between tries when the database is busy (another program holds its write lock for
    /// longer than the store's own busy timeout): four tries over about ten seconds. Tests set
    /// zero pauses.
    public var busyRetryDelays: [Duration] = [.seconds(2), .seconds(3), .seconds(5)]

    /// How a session ended.
    public enum Ending: Equatable, Sendable {
        /// The learner left (`/quit`, Ctrl-D, end of input).
        case finished
        /// The database failed in a way the tutor cannot work around; the learner was told in one line.
        case storeFailure
        /// The learner service (a remote server) failed or could not be reached at the start; the
        /// learner was told its words.
        case serviceFailure
    }

    /// - Parameters:
    ///   - catalog: the course the learner reads (module texts, titles, roles' names).
    ///   - write: where output goes (standard output by default; a test collects it).
    public init(
        catalog: Catalog, learner: any LearnerService, language: Language, reader: any LineReader, style: TerminalStyle,
        write: @escaping (String) -> Void = { print($0) }
    ) {
        self.catalog = catalog
        self.learner = learner
        self.language = language
        self.reader = reader
        self.style = style
        self.write = write
        reader.completer = { [weak self] in self?.completions(for: $0) ?? [] }
    }

    /// Runs until the learner quits or input ends. A storage failure the tutor cannot work around
    /// is told in one line (every answer given so far is already saved) and ends the session.
    @discardableResult
    public func run() async throws -> Ending {
        do {
            try await converse()
            return .finished
        } catch let error as StoreError {
            say(strings.storeFailure(error))
            return .storeFailure
        } catch let failure as LearnerServiceFailure {
            say(failure.message)
            return .serviceFailure
        }
    }

    private func converse() async throws {
        try await showOverview(greeting: true)
        if try await sayingSoIfStillBusy({ try await offerResume() }) == .quit { return say(strings.goodbye) }
        while true {
            switch reader.readLine(prompt: "kyndig> ") {
            case .endOfInput:
                return say("\n" + strings.goodbye)
            case .interrupted:
                continue
            case let .line(text):
                let line = text.trimmed
                if line.isEmpty { continue }
                // Only commands and questions typed here are worth recalling: quiz answers and
                // yes/no replies never go into the (saved) history.
                reader.remember(line)
                if try await sayingSoIfStillBusy({ try await handle(line) }) == .quit { return say(strings.goodbye) }
            }
        }
    }

    enum Flow { case `continue`, quit }

    /// Writes `text`, every line made to fit the terminal's width as it is now.
    func say(_ text: String) {
        let width = style.width
        write(text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { TextLayout.fit(String($0), width: width) }
            .joined(separator: "\n"))
    }

    // MARK: - A busy database

    /// Runs `operation`, trying again after `busyRetryDelays` while the database is busy, and says
    /// once that it is waiting. Rethrows the busy error when the last try fails too.
    func retryingWhileBusy<T>(_ operation: () async throws -> T) async throws -> T {
        var toldBusy = false
        for delay in busyRetryDelays {
            do {
                return try await operation()
            } catch let error as StoreError where error.code == .busy {
                if !toldBusy { say(strings.databaseBusy) }
                toldBusy = true
                try? await Task.sleep(for: delay)
            }
        }
        return try await operation()
    }

    /// Runs a command; when the database stays busy through every try, or the learner service
    /// fails (a server down, a refusal in its own words), says so and carries on.
    private func sayingSoIfStillBusy(_ command: () async throws -> Flow) async throws -> Flow {
        do {
            return try await command()
        } catch let error as StoreError where error.code == .busy {
            say(strings.stillBusy)
            return .continue
        } catch let failure as LearnerServiceFailure {
            say(failure.message)
            return .continue
        }
    }

    // MARK: - Commands

    func handle(_ line: String) async throws -> Flow {
        guard line.hasPrefix("/") else {
            try await ask(line)
            return .continue
        }
        let words = line.dropFirst().split(separator: " ").map(String.init)
        let name = words.first?.lowercased() ?? ""
        let arguments = Array(words.dropFirst())
        guard let command = TutorCommand(rawValue: name) else {
            let suggestion = Suggestion.nearest(name, in: TutorCommand.allCases.map(\.rawValue)).map { "/\($0)" }
            say(strings.unknownCommand("/\(name)", suggestion: suggestion))
            return .continue
        }
        switch command {
        case .modules: try await showModules()
        case .read: read(arguments)
        case .next: move(by: 1)
        case .prev: move(by: -1)
        case .quiz: return try await quiz(arguments)
        case .ask:
            guard !arguments.isEmpty else { say(strings.usage(TutorCommand.ask.usage)); break }
            try await ask(arguments.joined(separator: " "))
        case .status: try await showOverview(greeting: false)
        case .lang: setLanguage(arguments)
        case .help: showHelp()
        case .quit: return .quit
        }
        return .continue
    }

    /// A question answered from the course only: the quoted sentences, where they come from and
    /// how to open that section; or that the course does not cover it.
    func ask(_ question: String) async throws {
        let answer: Answer
        do {
            answer = try await retryingWhileBusy { try await learner.ask(question, language: language) }
        } catch is NoSearchIndex {
            return say(strings.noSearchIndex)
        }
        var lines = [answer.answer]
        for citation in answer.citations {
            lines.append(style.dim(strings.source(citation.module, citation.section, citation.title, citation.version)))
            lines.append(style.dim(strings.openSection(citation.module, citation.section)))
        }
        say(lines.joined(separator: "\n"))
    }

    func showOverview(greeting: Bool) async throws {
        let overview = try await retryingWhileBusy { try await learner.overview() }
        var lines: [String] = []
        // Names come from HR exports, some stored before imports refused control characters.
        if greeting { lines.append(style.bold(strings.greeting(PlainText.escaped(person.name)))) }
        let roles = person.roleIDs.map { catalog.role($0)?.name[language] ?? $0 }.joined(separator: ", ")
        lines.append("\(strings.roles): \(roles)   \(strings.unit): \(PlainText.escaped(overview.unitPath.first?.name ?? person.unitID))")
        guard !overview.statuses.isEmpty else {
            lines.append(strings.noRequirements)
            return say(lines.joined(separator: "\n"))
        }
        lines.append("")
        lines.append(style.bold(strings.requirements))
        let width = overview.statuses.map(\.requirement.moduleID.count).max() ?? 0
        for status in overview.statuses {
            let id = status.requirement.moduleID
            let padded = id + String(repeating: " ", count: width - id.count)
            let when = status.completion.map { strings.passedOn($0.passedOn.description) } ?? strings.due(status.dueOn.description)
            lines.append("  \(marker(status.state)) \(padded)  \(colored(status.state))  \(when)")
        }
        lines.append("")
        lines.append("\(strings.progress) \(style.progressBar(done: overview.metCount, total: overview.statuses.count))")
        if let next = overview.next, let text = catalog.text(next.requirement.moduleID, language: language) {
            lines.append(next.state == .inProgress ? strings.continueQuiz(text.moduleID) : strings.next(text.moduleID, text.title))
        } else {
            lines.append(style.green(strings.allMet))
        }
        if greeting { lines.append(style.dim(strings.typeHelp)) }
        say(lines.joined(separator: "\n"))
    }

    private func marker(_ state: RequirementStatus.State) -> String {
        switch state {
        case .met, .exempt: style.green(style.symbols.met)
        case .overdue, .expired: style.red("!")
        case .inProgress, .expiringSoon: style.yellow(style.symbols.inProgress)
        case .notStarted: style.symbols.notStarted
        }
    }

    private func colored(_ state: RequirementStatus.State) -> String {
        let text = strings.state(state)
        let padded = text + String(repeating: " ", count: max(0, 12 - text.count))
        switch state {
        case .met, .exempt: return style.green(padded)
        case .overdue, .expired: return style.red(padded)
        case .inProgress, .expiringSoon: return style.yellow(padded)
        case .notStarted: return padded
        }
    }

    func showModules() async throws {
        let overview = try await retryingWhileBusy { try await learner.overview() }
        var lines: [String] = []
        let width = overview.statuses.map(\.requirement.moduleID.count).max() ?? 0
        for status in overview.statuses {
            guard let module = catalog.module(status.requirement.moduleID) else { continue }
            let padded = module.id + String(repeating: " ", count: width - module.id.count)
            lines.append("\(marker(status.state)) \(style.bold(padded))  \(colored(status.state))  v\(module.version)  \(strings.minutes(module.minutes))")
            lines.append("    \(module.text(preferring: language).title)")
        }
        say(lines.joined(separator: "\n"))
    }

    /// The commands, each summary wrapped under its own column; in a quiz, how to answer too.
    func showHelp(inQuiz: Bool = false) {
        let width = style.width
        let column = TutorCommand.allCases.map(\.usage.count).max() ?? 0
        var lines = [strings.help]
        for command in TutorCommand.allCases {
            let first = "  \(command.usage)\(String(repeating: " ", count: column - command.usage.count))  "
            lines += TextLayout.wrap(command.summary(language), width: width, first: first, rest: String(repeating: " ", count: first.count))
        }
        if inQuiz {
            lines.append("")
            lines.append(strings.quizHelp)
        }
        say(lines.joined(separator: "\n"))
    }

    func setLanguage(_ arguments: [String]) {
        guard let code = arguments.first, let new = Language(rawValue: code.lowercased()) else {
            return say(strings.usage(TutorCommand.lang.usage))
        }
        language = new
        say(strings.languageSet)
    }

    /// Resolves a module id typed by the learner, or says what is wrong.
    func module(_ id: String?, usage: TutorCommand) -> Module? {
        guard let id else {
            if let current = reading?.moduleID { return catalog.module(current) }
            say(strings.usage(usage.usage))
            return nil
        }
        if let module = catalog.module(id) { return module }
        say(strings.unknownModule(id, suggestion: Suggestion.nearest(id, in: catalog.moduleIDs)))
        return nil
    }

    /// Tab completion: commands, then module ids after /read and /quiz, then every anchor a
    /// citation can name (`##` sections and `###` subsections) after /read MODULE.
    func completions(for typed: String) -> [String] {
        let parts = typed.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let current = parts.last ?? ""
        let candidates: [String]
        switch parts.count {
        case 1: candidates = TutorCommand.allCases.map { "/\($0.rawValue)" }
        case 2 where ["/read", "/quiz"].contains(parts[0]): candidates = catalog.moduleIDs
        case 2 where parts[0] == "/lang": candidates = Language.allCases.map(\.rawValue)
        case 3 where parts[0] == "/read":
            candidates = catalog.text(parts[1], language: language)?.sections.map(\.anchor) ?? []
        default: candidates = []
        }
        return candidates.filter { $0.hasPrefix(current) }
    }
}
