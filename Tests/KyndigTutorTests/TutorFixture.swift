import Foundation
import KyndigCatalog
import KyndigCore
import KyndigStore
import KyndigTestSupport

/// A temporary home with a database holding the fixture course and roster, and helpers that
/// start the real tutor on a pseudo-terminal and look up right answers in the database.
final class TutorFixture: @unchecked Sendable {
    let directory: TemporaryDirectory
    let db: String
    let catalogPath = TestPaths.fixture("good-catalog").path
    let catalog: Catalog

    init() throws {
        directory = try TemporaryDirectory("kyndig-tutor")
        db = directory.path("tutor.sqlite")
        catalog = try CatalogLoader.load(root: TestPaths.fixture("good-catalog"))
        try importRoster(into: db)
    }

    /// Another database with the same roster, in the same home (a demo database beside the real one).
    func addDatabase(named name: String) throws -> String {
        let path = directory.path(name)
        try importRoster(into: path)
        return path
    }

    private func importRoster(into path: String) throws {
        let result = try Kyndig.run(["roster", "import", TestPaths.fixture("roster/good.csv").path, "--db", path, "--catalog", catalogPath])
        guard result.status == 0 else { throw TutorFixtureError(message: result.stderr) }
    }

    /// A UTF-8 locale, whatever the machine running the tests has (an empty LC_ALL or LC_CTYPE
    /// counts as unset, so LANG decides).
    var environment: [String: String] {
        ["HOME": directory.url.path, "XDG_DATA_HOME": directory.path("data"), "USER": "tester",
         "LANG": "C.UTF-8", "LC_ALL": "", "LC_CTYPE": ""]
    }

    /// The command line of `kyndig tutor` on this fixture's course and a database (this fixture's by default).
    func tutorArguments(user: String = "ingrid", lang: String = "en", db: String? = nil) -> [String] {
        ["tutor", "--db", db ?? self.db, "--catalog", catalogPath, "--user", user, "--lang", lang]
    }

    /// `kyndig tutor` for `user` on a real pseudo-terminal.
    func startTutor(
        user: String = "ingrid", lang: String = "en", db: String? = nil, columns: UInt16 = 100, extraEnvironment: [String: String] = [:]
    ) throws -> PseudoTerminal {
        try PseudoTerminal(TestPaths.kyndigBinary, tutorArguments(user: user, lang: lang, db: db),
                           environment: environment.merging(extraEnvironment) { $1 }, columns: columns)
    }

    /// `kyndig tutor` for `user` with `script` as piped standard input.
    func runPiped(_ script: String, user: String = "ingrid", lang: String = "en", extraEnvironment: [String: String] = [:]) throws -> CommandResult {
        let input = try directory.write("script-\(UUID().uuidString).txt", script)
        return try Kyndig.run(tutorArguments(user: user, lang: lang), environment: environment.merging(extraEnvironment) { $1 }, stdin: input)
    }

    /// The right answer to question `position` of the learner's open attempt in `moduleID`,
    /// as the learner would type it ("2" or "1,3").
    func rightAnswer(employeeID: String = "E2", moduleID: String, position: Int) async throws -> String {
        let store = try SQLiteStore.open(path: db, create: false)
        guard let attempt = try await store.openAttempts(employeeID: employeeID).first(where: { $0.moduleID == moduleID }) else {
            throw TutorFixtureError(message: "no open attempt for \(moduleID)")
        }
        let drawn = attempt.questions[position]
        let question = catalog.quiz(moduleID, language: attempt.language)!.questions.first { $0.id == drawn.questionID }!
        return drawn.optionOrder.enumerated().filter { question.options[$0.element].correct }.map { "\($0.offset + 1)" }.joined(separator: ",")
    }

    /// A wrong answer to the same question.
    func wrongAnswer(employeeID: String = "E2", moduleID: String, position: Int) async throws -> String {
        let right = try await rightAnswer(employeeID: employeeID, moduleID: moduleID, position: position)
        return right == "1" ? "2" : "1"
    }

    /// The right answers to the first `count` questions of the open attempt in `moduleID`.
    func rightAnswers(employeeID: String = "E2", moduleID: String, count: Int) async throws -> [String] {
        var answers: [String] = []
        for position in 0..<count { answers.append(try await rightAnswer(employeeID: employeeID, moduleID: moduleID, position: position)) }
        return answers
    }
}

struct TutorFixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
