import Foundation
import KyndigCore
import Yams

/// Loads `curricula/` and `quizzes/` under a root directory into a validated `Catalog`.
///
/// Loading never stops at the first problem: every file is read and every rule checked, so an
/// author sees all problems in one run.
public enum CatalogLoader {
    /// The newest content format this build understands.
    public static let formatVersion = 1

    /// Loads and validates the catalog.
    /// - Throws: `Problems` listing every problem, sorted by file and line.
    public static func load(root: URL) throws -> Catalog {
        let (catalog, problems) = check(root: root)
        if let catalog, problems.isEmpty { return catalog }
        throw Problems(problems)
    }

    /// Loads what it can and returns all problems found; the catalog is nil when there are any.
    public static func check(root: URL) -> (Catalog?, [Problem]) {
        let log = ProblemLog()
        let reader = FileReader(root: root, log: log)
        guard reader.directoryExists("curricula") else {
            // Worded for any caller; the commands check the directory first and name their own option.
            log.add("curricula", 1, nil, "no 'curricula' directory under \(root.path). Load the catalog from the directory that holds curricula/ and quizzes/.")
            return (nil, log.items)
        }
        // The quiz pools parse on a second thread, with a reader and a log of their own, while
        // the rest loads: they are nearly half of the load time, which every command pays (a
        // ward's report is mostly this). The problems are sorted below, so the order is the same.
        let quizLoad = QuizLoad(root: root)
        quizLoad.start()
        let policy = PolicyFile.parse(reader: reader)
        let obligations = ObligationsFile.parse(reader: reader)
        let roles = RolesFile.parse(reader: reader, name: "roles")
        let contexts = RolesFile.parse(reader: reader, name: "contexts")
        let measures = RolesFile.parse(reader: reader, name: "measures", required: false)
        let glossary = GlossaryFile.parse(reader: reader)
        let modules = loadModules(reader: reader)
        let quizzes = quizLoad.wait()
        reader.absorb(quizLoad.reader)

        var checker = CrossChecker(
            log: log, policy: policy, obligations: obligations, roles: roles, contexts: contexts, measures: measures,
            modules: modules, quizzes: quizzes)
        checker.run()

        let problems = log.items.sorted()
        guard problems.isEmpty, let policy else { return (nil, problems) }
        return (assemble(reader: reader, policy: policy, obligations: obligations.entries.map(\.obligation), roles: roles.entries,
                         contexts: contexts.entries, measures: measures.entries, glossary: glossary, modules: modules.loaded,
                         quizzes: quizzes.loaded), [])
    }

    private static func loadModules(reader: FileReader) -> PerLanguageFiles<ModuleFile> {
        var modules = PerLanguageFiles<ModuleFile>()
        for directory in reader.subdirectories("curricula") {
            let path = "curricula/\(directory)"
            for name in reader.files(path) {
                let file = "\(path)/\(name)"
                guard name.hasSuffix(".md") else { continue }
                guard let language = Language(rawValue: String(name.dropLast(3))) else {
                    reader.log.add(file, 1, nil, "'\(name)' is not a known language file. Name module files nb.md or en.md.")
                    continue
                }
                guard let text = reader.text(file),
                      let module = ModuleFile.parse(text: text, file: file, directoryName: directory, language: language, log: reader.log)
                else {
                    modules.failed[directory, default: []].insert(language)
                    continue
                }
                modules.loaded[directory, default: [:]][language] = module
            }
        }
        return modules
    }

    fileprivate static func loadQuizzes(reader: FileReader) -> PerLanguageFiles<QuizFile> {
        var quizzes = PerLanguageFiles<QuizFile>()
        guard reader.directoryExists("quizzes") else { return quizzes }
        for name in reader.files("quizzes") where name.hasSuffix(".yaml") {
            let file = "quizzes/\(name)"
            let parts = name.dropLast(5).split(separator: ".")
            guard parts.count == 2, let language = Language(rawValue: String(parts[1])) else {
                reader.log.add(file, 1, nil, "'\(name)' is not named <module-id>.<lang>.yaml (lang nb or en). Rename it.")
                continue
            }
            let moduleID = String(parts[0])
            guard let text = reader.text(file),
                  let quiz = QuizFile.parse(text: text, file: file, moduleID: moduleID, language: language, log: reader.log)
            else {
                quizzes.failed[moduleID, default: []].insert(language)
                continue
            }
            quizzes.loaded[moduleID, default: [:]][language] = quiz
        }
        return quizzes
    }

    private static func assemble(
        reader: FileReader, policy: Policy, obligations: [Obligation], roles: [RolesFile.Entry],
        contexts: [RolesFile.Entry], measures: [RolesFile.Entry], glossary: [GlossaryTerm], modules: [String: [Language: ModuleFile]],
        quizzes: [String: [Language: QuizFile]]
    ) -> Catalog {
        var built: [String: Module] = [:]
        var pools: [String: [Language: QuizPool]] = [:]
        for (id, languages) in modules {
            var texts: [Language: ModuleText] = [:]
            for (language, file) in languages {
                let quiz = quizzes[id]![language]!
                let hashed = ModuleText.HashedTexts(
                    module: ContentHash.normalise(reader.text("curricula/\(id)/\(language.rawValue).md") ?? ""),
                    quiz: ContentHash.normalise(reader.text("quizzes/\(id).\(language.rawValue).yaml") ?? ""))
                texts[language] = ModuleText(
                    moduleID: id, language: language, title: file.title, objectives: file.objectives, sources: file.sources,
                    introduction: file.introduction, sections: file.sections, wordCount: file.wordCount,
                    contentHash: ContentHash.of(normalisedModule: hashed.module, normalisedQuiz: hashed.quiz),
                    hashedTexts: hashed)
                pools[id, default: [:]][language] = quiz.pool
            }
            // The cross-checks guarantee that every language agrees on these facts, and a fact is
            // nil only after a reported problem, so none is nil here.
            let reference = languages[languages.keys.sorted()[0]]!
            built[id] = Module(
                id: id, version: reference.version!, level: reference.level!, roleIDs: reference.roleIDs!,
                contextIDs: reference.contextIDs!, obligationIDs: reference.obligationIDs!, minutes: reference.minutes!,
                kind: reference.kind!, questionsPerQuiz: reference.questionsPerQuiz, texts: texts)
        }
        return Catalog(
            roles: roles.map {
                Role(id: $0.id, name: $0.name, description: $0.description, moduleIDs: $0.modules.map(\.id), measureIDs: $0.measures.map(\.id))
            },
            contexts: contexts.map { SystemContext(id: $0.id, name: $0.name, description: $0.description, moduleIDs: $0.modules.map(\.id)) },
            obligations: obligations,
            measures: measures.map { Measure(id: $0.id, name: $0.name, description: $0.description, moduleIDs: $0.modules.map(\.id)) },
            policy: policy, glossary: glossary, modules: built, quizzes: pools)
    }
}

/// The quiz pools, parsed on a thread of their own. Unchecked: the thread alone touches `reader`
/// and `result` until it signals, and the caller reads them only after `wait()`.
private final class QuizLoad: @unchecked Sendable {
    let reader: FileReader
    private var result = PerLanguageFiles<QuizFile>()
    private let done = DispatchSemaphore(value: 0)

    init(root: URL) {
        reader = FileReader(root: root, log: ProblemLog())
    }

    func start() {
        Thread.detachNewThread { [self] in
            result = CatalogLoader.loadQuizzes(reader: reader)
            done.signal()
        }
    }

    func wait() -> PerLanguageFiles<QuizFile> {
        done.wait()
        return result
    }
}

/// Reads catalog files relative to the root, caching text (the hash re-reads module files).
/// Text comes back without a BOM and with LF line breaks, whatever the editor saved.
final class FileReader {
    let root: URL
    let log: ProblemLog
    private var cache: [String: String] = [:]
    private let fileManager = FileManager.default

    init(root: URL, log: ProblemLog) {
        self.root = root
        self.log = log
    }

    func directoryExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return fileManager.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    func subdirectories(_ path: String) -> [String] {
        entries(path).filter { directoryExists("\(path)/\($0)") }
    }

    func files(_ path: String) -> [String] {
        entries(path).filter { !directoryExists("\(path)/\($0)") }
    }

    private func entries(_ path: String) -> [String] {
        ((try? fileManager.contentsOfDirectory(atPath: root.appendingPathComponent(path).path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Takes in what `other` read and logged (a reader that worked on another thread).
    func absorb(_ other: FileReader) {
        cache.merge(other.cache) { mine, _ in mine }
        for problem in other.log.items { log.add(problem) }
    }

    /// The file's text, or nil after logging why it cannot be read.
    func text(_ path: String, required: Bool = true) -> String? {
        if let cached = cache[path] { return cached }
        let url = root.appendingPathComponent(path)
        guard fileManager.fileExists(atPath: url.path) else {
            if required { log.add(path, 1, nil, "file is missing. Create it (see docs/formats.md).") }
            return nil
        }
        guard let data = fileManager.contents(atPath: url.path) else {
            log.add(path, 1, nil, "file cannot be read. Check its permissions.")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            log.add(path, 1, nil, "file is not valid UTF-8. Save it as UTF-8.")
            return nil
        }
        let stripped = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let normalised = Self.lfLineBreaks(stripped)
        cache[path] = normalised
        return normalised
    }

    /// `text` with CRLF and lone CR line breaks turned into LF, so that a file saved on Windows (or
    /// by an old Mac editor) parses exactly as its LF twin: the same lines, values and problems,
    /// and the same hash (ContentHash normalises line breaks the same way). Every parser after
    /// this point may split on "\n" alone. Swift sees "\r\n" as one Character, which is why a
    /// split on "\n" never finds a CRLF line break.
    static func lfLineBreaks(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for byte in text.utf8 {
            switch byte {
            case 0x0D: output.append(0x0A); previousWasCR = true; continue
            case 0x0A where previousWasCR: break  // the LF of a CRLF pair, already written
            default: output.append(byte)
            }
            previousWasCR = false
        }
        return String(decoding: output, as: UTF8.self)
    }
}
