import ArgumentParser
import Foundation
import KyndigCatalog
import KyndigCore
import KyndigSearch

/// Search quality on the evaluation set (Kyndig's engine and the plain FTS5 baseline), and
/// query latency on the shipped corpus and on a synthetic corpus of 10,000 passages.
struct SearchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Evaluate search (hit@1, hit@3, MRR, abstention) against a baseline, and time queries.")

    @Option(help: "Catalog directory.") var catalog = "."
    @Option(help: "Evaluation questions.") var questions = "eval/search-questions.yaml"
    @Option(help: "Passages in the synthetic corpus.") var passages = 10_000
    @Flag(help: "List the questions each ranker got wrong.") var misses = false
    @Flag(help: "Only the evaluation, no timings.") var qualityOnly = false
    @Flag(help: "Print each question's confidence and top section (for calibrating, not tuning to single questions).") var dump = false

    func run() throws {
        let loaded = try CatalogLoader.load(root: URL(fileURLWithPath: catalog))
        let set = try EvaluationSet.load(path: questions)
        let engine = AnswerEngine(index: try SearchIndex.inMemory(loaded))
        let baseline = try BaselineIndex(passages: PassageBuilder.passages(of: loaded))
        if dump {
            for question in set.inScope {
                let answer = try engine.answer(question.question, language: question.lang)
                let top = answer.passages.first.map { "\($0.module)#\($0.section)" } ?? "-"
                print(String(format: "IN  %.2f %@ %@ %@", answer.confidence, question.answers.contains(top) ? "hit " : "miss", question.id, question.question))
                if !question.answers.contains(top) {
                    print("      want \(question.answers.joined(separator: " ")); got \(answer.passages.prefix(3).map { "\($0.module)#\($0.section)" }.joined(separator: " "))")
                }
            }
            for question in set.outOfScope {
                let answer = try engine.answer(question.question, language: question.lang)
                print(String(format: "OUT %.2f %@ %@", answer.confidence, question.id, question.question))
            }
        }
        print("Evaluation: \(set.inScope.count) answerable questions, \(set.outOfScope.count) out of scope (\(questions))")
        print("ranker      hit@1   hit@3   MRR     answered right   abstention precision   recall")
        for (name, report) in [("kyndig", try EvaluationReport.measure(set, rank: engine.rank)),
                               ("baseline", try EvaluationReport.measure(set, rank: baseline.rank))] {
            print(String(format: "%-10@  %5.1f %%  %5.1f %%  %5.3f   %5.1f %%            %5.1f %%                %5.1f %%",
                         name, report.hitAt1 * 100, report.hitAt3 * 100, report.mrr, report.answeredRight * 100,
                         report.abstentionPrecision * 100, report.abstentionRecall * 100))
            if misses {
                print("  not in the top 3: \(report.misses.joined(separator: ", "))")
                print("  answered from another section: \(report.wrongAnswers.joined(separator: ", "))")
                print("  declined although answerable: \(report.falseAbstentions.joined(separator: ", "))")
            }
        }
        guard !qualityOnly else { return }
        let questionTexts = set.inScope.map { ($0.question, $0.lang) } + set.outOfScope.map { ($0.question, $0.lang) }
        print()
        print(try latency("shipped corpus", engine: engine, questions: questionTexts))
        let synthetic = try AnswerEngine(index: SearchIndex.inMemory(
            passages: Self.synthetic(count: passages, from: PassageBuilder.passages(of: loaded)), synonyms: loaded.glossary.map(\.allForms)))
        print(try latency("\(passages) passages", engine: synthetic, questions: questionTexts))
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try SearchIndex.inMemory(loaded)
        print(String(format: "index build (shipped corpus, in memory): %.1f ms", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6))
    }

    /// p50 and p95 of answering every question, several rounds, warm.
    func latency(_ name: String, engine: AnswerEngine, questions: [(String, Language)]) throws -> String {
        for (question, language) in questions { _ = try engine.answer(question, language: language) }
        var times: [Double] = []
        for _ in 0..<5 {
            for (question, language) in questions {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try engine.answer(question, language: language)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
        }
        times.sort()
        return String(format: "query latency, %@: p50 %.2f ms, p95 %.2f ms, max %.2f ms (%d queries)",
                      name, times[times.count / 2], times[times.count * 95 / 100], times.last!, times.count)
    }

    /// A corpus of `count` passages: the course's own passages recombined (sentences shuffled
    /// across passages with a fixed seed), so the vocabulary and lengths are realistic.
    static func synthetic(count: Int, from passages: [Passage]) -> [Passage] {
        var random = SeededRandom(seed: 10_000)
        let sentences = passages.flatMap { passage in passage.sentences.indices.map { (passage.sentence($0), passage.language) } }
        let pools = Dictionary(grouping: sentences, by: \.1)
        return (0..<count).map { number in
            let language: Language = number % 2 == 0 ? .nb : .en
            let pool = pools[language]!
            var text = ""
            var ranges: [Passage.SentenceRange] = []
            for _ in 0..<8 {
                let sentence = pool[Int(random.uniform(below: UInt64(pool.count)))].0
                if !text.isEmpty { text += " " }
                let start = text.count
                text += sentence
                ranges.append(Passage.SentenceRange(start: start, end: text.count))
            }
            let source = passages[number % passages.count]
            return Passage(id: "synthetic/\(number)", moduleID: "synthetic-\(number % 97)", language: language, version: source.version,
                           anchor: "s\(number)", moduleTitle: source.moduleTitle, headings: source.headings, text: text, sentences: ranges)
        }
    }
}
