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
    /// - Parameter quizPools: parse and check the quiz pools. Commands that never draw a quiz (a
    ///   report, an export, an import) leave them out: the pools are half of the load, which such a
    ///   command pays on every run. Their files are still read, for the modules' content hashes.
    /// - Throws: `Problems` listing every problem, sorted by file and line.
    public static func load(root: URL, quizPools: Bool = true) throws -> Catalog {
        let (catalog, problems) = check(root: root, quizPools: quizPools)
        if let catalog, problems.isEmpty { return catalog }
        throw Problems(problems)
    }

    /// Loads what it can and returns all problems found; the catalog is nil when there are any.
    public static func check(root: URL, quizPools: Bool = true) -> (Catalog?, [Problem]) {
        let log = ProblemLog()
        let reader = FileReader(root: root, log: log)
        guard reader.directoryExists("curricula") else {
            // Worded for any caller; the commands check the directory first and name their own option.
            log.add("curricula", 1, nil, "no 'curricula' directory under \(root.path). Load the catalog from the directory that holds curricula/ and quizzes/.")
            return (nil, log.items)
        }
        // Every file parses on its own, so the files are parsed side by side, one thread per core
        // (each with a reader and a log of its own): every command pays this load, and a ward's
        // report is mostly this. The problems are sorted below, so their order is the same.
        // The largest files first, so that no thread is left with a big one at the end.
        var jobs: [ParseJob] = []
        if quizPools && reader.directoryExists("quizzes") {
            for name in reader.files("quizzes") where name.hasSuffix(".yaml") { jobs.append(.quiz(name: name)) }
        }
        for directory in reader.subdirectories("curricula") {
            for name in reader.files("curricula/\(directory)") where name.hasSuffix(".md") { jobs.append(.module(directory: directory, name: name)) }
        }
        jobs.append(.curriculum)
        let parsed = ParseJob.runAll(jobs, root: root, into: reader)

        var modules = PerLanguageFiles<ModuleFile>(), quizzes = PerLanguageFiles<QuizFile>()
        var curriculum: ParseJob.Curriculum?
        var hashes: [String: [Language: (hashed: ModuleText.HashedTexts, contentHash: String)]] = [:]
        for result in parsed {
            switch result {
            case let .curriculum(parts): curriculum = parts
            case let .module(id, language, file?, hashed, contentHash):
                modules.loaded[id, default: [:]][language] = file
                hashes[id, default: [:]][language] = (hashed, contentHash)
            case let .module(id, language, nil, _, _): modules.failed[id, default: []].insert(language)
            case let .quiz(id, language, pool?): quizzes.loaded[id, default: [:]][language] = pool
            case let .quiz(id, language, nil): quizzes.failed[id, default: []].insert(language)
            case .skipped: break
            }
        }
        guard let curriculum else { return (nil, log.items.sorted()) }

        var checker = CrossChecker(
            log: log, policy: curriculum.policy, obligations: curriculum.obligations, roles: curriculum.roles,
            contexts: curriculum.contexts, measures: curriculum.measures, modules: modules, quizzes: quizzes, quizPools: quizPools)
        checker.run()

        let problems = log.items.sorted()
        guard problems.isEmpty, let policy = curriculum.policy else { return (nil, problems) }
        return (assemble(policy: policy, obligations: curriculum.obligations.entries.map(\.obligation),
                         roles: curriculum.roles.entries, contexts: curriculum.contexts.entries, measures: curriculum.measures.entries,
                         glossary: curriculum.glossary, modules: modules.loaded, hashes: hashes, quizzes: quizzes.loaded), [])
    }

    private static func assemble(
        policy: Policy, obligations: [Obligation], roles: [RolesFile.Entry],
        contexts: [RolesFile.Entry], measures: [RolesFile.Entry], glossary: [GlossaryTerm], modules: [String: [Language: ModuleFile]],
        hashes: [String: [Language: (hashed: ModuleText.HashedTexts, contentHash: String)]], quizzes: [String: [Language: QuizFile]]
    ) -> Catalog {
        var built: [String: Module] = [:]
        var pools: [String: [Language: QuizPool]] = [:]
        for (id, languages) in modules {
            var texts: [Language: ModuleText] = [:]
            for (language, file) in languages {
                let hash = hashes[id]![language]!
                texts[language] = ModuleText(
                    moduleID: id, language: language, title: file.title, objectives: file.objectives, sources: file.sources,
                    introduction: file.introduction, sections: file.sections, wordCount: file.wordCount,
                    contentHash: hash.contentHash, hashedTexts: hash.hashed)
                if let quiz = quizzes[id]?[language] { pools[id, default: [:]][language] = quiz.pool }
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
