import Foundation
import KyndigCatalog
import KyndigCore
import KyndigStore

/// The interactive tutor: greets the learner, reads commands, shows modules and runs quizzes.
/// It holds no business rules: requirements and statuses come from KyndigCore through
/// `LearnerOverview`, attempts are stored through `AttemptRepository` one answer at a time.
public final class TutorSession {
    public struct Environment: Sendable {
        public var now: @Sendable () -> Date
        public var today: @Sendable () -> CalendarDate
        public var newSeed: @Sendable () -> UInt64
        public var newAttemptID: @Sendable () -> String

        public init(
            now: @escaping @Sendable () -> Date, today: @escaping @Sendable () -> CalendarDate,
            newSeed: @escaping @Sendable () -> UInt64, newAttemptID: @escaping @Sendable () -> String
        ) {
            self.now = now
            self.today = today
            self.newSeed = newSeed
            self.newAttemptID = newAttemptID
        }

        public static let live = Environment(
            now: { Date() },
            today: { CalendarDate(Date(), in: .current) },
            newSeed: { UInt64.random(in: 1...UInt64(Int64.max)) },
            newAttemptID: { UUID().uuidString.lowercased() })
    }

    let catalog: Catalog
    let store: KyndigDatabase
    let person: Person
    let reader: any LineReader
    let write: (String) -> Void
    let style: TerminalStyle
    let environment: Environment
    var language: Language
    var strings: TutorStrings { TutorStrings(language: language) }

    /// The module being read and the index of its `##` section on screen.
    var reading: (moduleID: String, section: Int)?

    public init(
        catalog: Catalog, store: KyndigDatabase, person: Person, language: Language, reader: any LineReader,
        style: TerminalStyle, environment: Environment = .live, write: @escaping (String) -> Void = { print($0) }
    ) {
        self.catalog = catalog
        self.store = store
        self.person = person
        self.language = language
        self.reader = reader
        self.style = style
        self.environment = environment
        self.write = write
        reader.completer = { [unowned self] in self.completions(for: $0) }
    }

    /// Runs until the learner quits or input ends.
    public func run() throws {
        try showOverview(greeting: true)
        if try offerResume() == .quit { return say(strings.goodbye) }
        while true {
            switch reader.readLine(prompt: "kyndig> ") {
            case .endOfInput:
                return say("\n" + strings.goodbye)
            case .interrupted:
                continue
            case let .line(text):
                let line = text.trimmed
                if line.isEmpty { continue }
                if try handle(line) == .quit { return say(strings.goodbye) }
            }
        }
    }

    enum Flow { case `continue`, quit }

    func say(_ text: String) { write(text) }

    func handle(_ line: String) throws -> Flow {
        guard line.hasPrefix("/") else {
            say(strings.questionsNotYet)
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
        case .modules: try showModules()
        case .read: try read(arguments)
        case .next: move(by: 1)
        case .prev: move(by: -1)
        case .quiz: return try quiz(arguments)
        case .status: try showOverview(greeting: false)
        case .lang: setLanguage(arguments)
        case .help: showHelp()
        case .quit: return .quit
        }
        return .continue
    }

    func overview() throws -> LearnerOverview {
        try LearnerOverview.load(person: person, catalog: catalog, people: store, completions: store, asOf: environment.today())
    }

    func showOverview(greeting: Bool) throws {
        let overview = try overview()
        var lines: [String] = []
        if greeting { lines.append(style.bold(strings.greeting(person.name))) }
        let roles = person.roleIDs.map { catalog.role($0)?.name[language] ?? $0 }.joined(separator: ", ")
        lines.append("\(strings.roles): \(roles)   \(strings.unit): \(overview.unitPath.first?.name ?? person.unitID)")
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
        if let next = overview.next, let module = catalog.text(next.requirement.moduleID, language: language) {
            lines.append(next.state == .inProgress ? strings.continueQuiz(module.moduleID) : strings.next(module.moduleID, module.title))
        } else {
            lines.append(style.green(strings.allMet))
        }
        if greeting { lines.append(style.dim(strings.typeHelp)) }
        say(lines.joined(separator: "\n"))
    }

    private func marker(_ state: RequirementStatus.State) -> String {
        switch state {
        case .met: style.green("✔")
        case .overdue: style.red("!")
        case .inProgress: style.yellow("…")
        case .notStarted: "·"
        }
    }

    private func colored(_ state: RequirementStatus.State) -> String {
        let text = strings.state(state)
        let padded = text + String(repeating: " ", count: max(0, 12 - text.count))
        switch state {
        case .met: return style.green(padded)
        case .overdue: return style.red(padded)
        case .inProgress: return style.yellow(padded)
        case .notStarted: return padded
        }
    }

    func showModules() throws {
        let overview = try overview()
        var lines: [String] = []
        let width = overview.statuses.map(\.requirement.moduleID.count).max() ?? 0
        for status in overview.statuses {
            guard let module = catalog.text(status.requirement.moduleID, language: language) else { continue }
            let padded = module.moduleID + String(repeating: " ", count: width - module.moduleID.count)
            lines.append("\(marker(status.state)) \(style.bold(padded))  \(colored(status.state))  v\(catalog.modules[module.moduleID]!.version)  \(strings.minutes(catalog.modules[module.moduleID]!.minutes))")
            lines.append("    \(module.title)")
        }
        say(lines.joined(separator: "\n"))
    }

    func showHelp() {
        let width = TutorCommand.allCases.map(\.usage.count).max() ?? 0
        var lines = [strings.help]
        for command in TutorCommand.allCases {
            lines.append("  \(command.usage)\(String(repeating: " ", count: width - command.usage.count))  \(command.summary(language))")
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
    func module(_ id: String?, usage: TutorCommand) -> ModuleText? {
        guard let id else {
            if let current = reading?.moduleID { return catalog.text(current, language: language) }
            say(strings.usage(usage.usage))
            return nil
        }
        if let module = catalog.text(id, language: language) { return module }
        say(strings.unknownModule(id, suggestion: Suggestion.nearest(id, in: catalog.moduleIDs)))
        return nil
    }

    /// Tab completion: commands, then module ids after /read and /quiz, anchors after a module.
    func completions(for typed: String) -> [String] {
        let parts = typed.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let current = parts.last ?? ""
        let candidates: [String]
        switch parts.count {
        case 1: candidates = TutorCommand.allCases.map { "/\($0.rawValue)" }
        case 2 where ["/read", "/quiz"].contains(parts[0]): candidates = catalog.moduleIDs
        case 2 where parts[0] == "/lang": candidates = Language.allCases.map(\.rawValue)
        case 3 where parts[0] == "/read":
            candidates = catalog.text(parts[1], language: language)?.sections.filter { $0.level == 2 }.map(\.anchor) ?? []
        default: candidates = []
        }
        return candidates.filter { $0.hasPrefix(current) }
    }
}
