import Foundation
import KyndigCore

/// One file (or the curriculum's small files together) to parse while loading the catalog, and
/// the pool of threads that parses them side by side.
enum ParseJob: Sendable {
    /// policy.yaml, obligations.yaml, roles.yaml, contexts.yaml, measures.yaml, glossary.yaml.
    case curriculum
    /// `curricula/<directory>/<name>`, a module text.
    case module(directory: String, name: String)
    /// `quizzes/<name>`, a quiz pool.
    case quiz(name: String)

    struct Curriculum {
        let policy: Policy?
        let obligations: ParsedEntries<ObligationsFile.Located>
        let roles, contexts, measures: ParsedEntries<RolesFile.Entry>
        let glossary: [GlossaryTerm]
    }

    /// What a job gave: nil for a file that failed to load (its problems are logged).
    enum Result {
        case curriculum(Curriculum)
        /// With the texts its content hash covers (the module's and its quiz pool's, normalised).
        case module(id: String, language: Language, ModuleFile?, hashed: ModuleText.HashedTexts, contentHash: String)
        case quiz(id: String, language: Language, QuizFile?)
        /// A file whose name says it is not one of ours (logged).
        case skipped
    }

    func run(reader: FileReader) -> Result {
        switch self {
        case .curriculum:
            return .curriculum(Curriculum(
                policy: PolicyFile.parse(reader: reader), obligations: ObligationsFile.parse(reader: reader),
                roles: RolesFile.parse(reader: reader, name: "roles"), contexts: RolesFile.parse(reader: reader, name: "contexts"),
                measures: RolesFile.parse(reader: reader, name: "measures", required: false), glossary: GlossaryFile.parse(reader: reader)))
        case let .module(directory, name):
            let file = "curricula/\(directory)/\(name)"
            guard let language = Language(rawValue: String(name.dropLast(3))) else {
                reader.log.add(file, 1, nil, "'\(name)' is not a known language file. Name module files nb.md or en.md.")
                return .skipped
            }
            let text = reader.text(file)
            let module = text.flatMap { ModuleFile.parse(text: $0, file: file, directoryName: directory, language: language, log: reader.log) }
            // Hashed here, on the job's thread. A missing pool is reported by the quiz checks
            // when the pools are loaded, and hashes as empty text when they are not.
            let hashed = ModuleText.HashedTexts(
                module: ContentHash.normalise(text ?? ""),
                quiz: ContentHash.normalise(reader.text("quizzes/\(directory).\(language.rawValue).yaml", required: false) ?? ""))
            return .module(id: directory, language: language, module, hashed: hashed,
                           contentHash: ContentHash.of(normalisedModule: hashed.module, normalisedQuiz: hashed.quiz))
        case let .quiz(name):
            let file = "quizzes/\(name)"
            let parts = name.dropLast(5).split(separator: ".")
            guard parts.count == 2, let language = Language(rawValue: String(parts[1])) else {
                reader.log.add(file, 1, nil, "'\(name)' is not named <module-id>.<lang>.yaml (lang nb or en). Rename it.")
                return .skipped
            }
            let moduleID = String(parts[0])
            let quiz = reader.text(file).flatMap { QuizFile.parse(text: $0, file: file, moduleID: moduleID, language: language, log: reader.log) }
            return .quiz(id: moduleID, language: language, quiz)
        }
    }

    /// Runs every job, one thread per core, each thread taking the next job as it finishes one;
    /// the results come back in the jobs' order, and `reader` takes in what the threads read
    /// and logged.
    static func runAll(_ jobs: [ParseJob], root: URL, into reader: FileReader) -> [Result] {
        let work = Work(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: min(jobs.count, ProcessInfo.processInfo.activeProcessorCount)) { _ in
            let own = FileReader(root: root, log: ProblemLog())
            var done: [(Int, Result)] = []
            while let index = work.take() { done.append((index, jobs[index].run(reader: own))) }
            work.finish(done, reader: own)
        }
        for finished in work.readers { reader.absorb(finished) }
        return work.results.map { $0 ?? .skipped }
    }

    /// The jobs' counter and what the threads hand back. Unchecked: every field is touched under
    /// `lock` only, until `concurrentPerform` returns and the caller alone reads them.
    private final class Work: @unchecked Sendable {
        private let lock = NSLock()
        private let count: Int
        private var next = 0
        private(set) var results: [Result?]
        private(set) var readers: [FileReader] = []

        init(count: Int) {
            self.count = count
            results = Array(repeating: nil, count: count)
        }

        func take() -> Int? {
            lock.withLock {
                guard next < count else { return nil }
                defer { next += 1 }
                return next
            }
        }

        func finish(_ done: [(Int, Result)], reader: FileReader) {
            lock.withLock {
                for (index, result) in done { results[index] = result }
                readers.append(reader)
            }
        }
    }
}
