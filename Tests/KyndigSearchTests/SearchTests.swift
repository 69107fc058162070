import Foundation
import GRDB
import KyndigCatalog
import KyndigCore
import KyndigSearch
import KyndigTestSupport
import Testing

/// Search on small catalogs built for each behaviour, and on the shipped course.
struct SearchTests {
    /// A catalog of one module whose sections hold `texts` (anchor → Markdown) in `language`.
    static func catalog(_ texts: [(anchor: String, title: String, markdown: String)], language: Language = .nb,
                        glossary: [GlossaryTerm] = []) -> Catalog {
        let sections = texts.enumerated().map { index, text in
            Section(anchor: text.anchor, title: text.title, level: 2, parentAnchor: nil, markdown: text.markdown, line: index + 1)
        }
        let module = Module(
            id: "m", version: ModuleVersion("1.0")!, level: .basic, roleIDs: [], contextIDs: [], obligationIDs: ["o"], minutes: 5,
            texts: [language: ModuleText(moduleID: "m", language: language, title: "Modul", objectives: ["o"], sources: ["s"],
                                         introduction: "", sections: sections, wordCount: 100,
                                         contentHash: texts.map(\.markdown).joined(separator: "|"),
                                         hashedTexts: .init(module: "", quiz: ""))])
        return Catalog(roles: [], contexts: [], obligations: [], policy: Build.policy, glossary: glossary,
                       modules: ["m": module], quizzes: [:])
    }

    static let filler = "Sykehuset har mange rutiner for pasientbehandling, journalføring og opplæring av ansatte i avdelingene."

    func answer(_ question: String, in catalog: Catalog, language: Language = .nb) throws -> Answer {
        try AnswerEngine(index: SearchIndex.inMemory(catalog)).answer(question, language: language)
    }

    @Test func inflectedFormsFindEachOtherThroughTheStemmer() throws {
        let catalog = Self.catalog([
            ("regler", "Regler", "Forordningen stiller krav til sykehusene som tar i bruk systemene."),
            ("annet", "Annet", Self.filler),
        ])
        let answer = try answer("Hvilke krav stiller forordningene til sykehus?", in: catalog)
        #expect(!answer.abstained)
        #expect(answer.citations.map(\.section) == ["regler"])
        #expect(answer.answer == "Forordningen stiller krav til sykehusene som tar i bruk systemene.")
    }

    @Test func glossarySynonymsFindTheOtherForm() throws {
        let glossary = [GlossaryTerm(id: "ai", forms: [.nb: ["KI", "kunstig intelligens"], .en: ["AI", "artificial intelligence"]])]
        let catalog = Self.catalog([
            ("hva", "Hva det er", "Kunstig intelligens er dataprogrammer som lærer mønstre fra eksempler."),
            ("annet", "Annet", Self.filler),
        ], glossary: glossary)
        let answer = try answer("Hva er KI?", in: catalog)
        #expect(!answer.abstained)
        #expect(answer.citations.map(\.section) == ["hva"])
    }

    @Test func aCompoundTheCourseNeverUsesWholeIsFoundByItsParts() throws {
        let catalog = Self.catalog([
            ("ros", "Vurdering", "En vurdering av risiko skal gjøres før et nytt system tas i bruk på avdelingen."),
            ("annet", "Annet", Self.filler),
        ])
        let answer = try answer("Når må risikovurderingen gjøres?", in: catalog)
        #expect(!answer.abstained)
        #expect(answer.citations.map(\.section) == ["ros"])
    }

    /// Whatever a learner types, the FTS5 query is built from quoted terms: never a syntax error.
    @Test(arguments: ["", " ", "\"", "\"\"\"", "*", "NEAR", "NEAR(a b)", ")", "(", "a OR", "AND AND", "^", "-", "{col}:x", "\u{0}", "💥", String(repeating: "x", count: 5000)])
    func hostileInputIsDeclinedNeverAnError(_ input: String) throws {
        let catalog = Self.catalog([("a", "A", Self.filler), ("b", "B", "Forordningen stiller krav.")])
        let answer = try answer(input, in: catalog)
        #expect(answer.abstained)
        #expect(answer.citations.isEmpty)
    }

    @Test func sentencesSplitAtTheirEndsButNotAfterAbbreviations() throws {
        let catalog = Self.catalog([("a", "A", "Se f.eks. art. 4 i forordningen. Den gjelder fra 2. februar 2025! Spør lederen din? Ja.")])
        let passage = try #require(try SearchIndex.inMemory(catalog).passages().first)
        #expect(passage.sentences.indices.map(passage.sentence) == [
            "Se f.eks. art. 4 i forordningen.", "Den gjelder fra 2. februar 2025!", "Spør lederen din?", "Ja.",
        ])
    }

    /// A long section is cut into windows of whole sentences that overlap by one sentence.
    @Test func longSectionsAreWindowsOfWholeSentences() throws {
        let sentences = (1...60).map { "Setning nummer \($0) handler om tema \($0 % 7) i denne delen av kurset." }
        let catalog = Self.catalog([("lang", "Lang", sentences.joined(separator: " "))])
        let passages = try SearchIndex.inMemory(catalog).passages()
        #expect(passages.count > 1)
        #expect(passages.map(\.id).prefix(2) == ["m/nb/lang", "m/nb/lang#2"])
        for passage in passages {
            let words = passage.text.split(separator: " ").count
            #expect(words <= 260, "\(passage.id): \(words) words")
            #expect(passage.sentences.indices.map(passage.sentence).allSatisfy(sentences.contains))
        }
        // Overlap: each window starts with the last sentence of the one before.
        for (earlier, later) in zip(passages, passages.dropFirst()) {
            #expect(earlier.sentence(earlier.sentences.count - 1) == later.sentence(0))
        }
    }

    @Test func theIndexIsRebuiltOnlyWhenTheCatalogChanges() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("k.search.sqlite")
        let catalog = Self.catalog([("a", "A", Self.filler)])
        #expect(try SearchIndex.updated(for: catalog, at: path).rebuilt)
        #expect(try !SearchIndex.updated(for: catalog, at: path).rebuilt)
        // A changed text, or a changed glossary (it feeds the query expansion), is a new index.
        let changed = Self.catalog([("a", "A", Self.filler + " Ny setning.")])
        #expect(try SearchIndex.updated(for: changed, at: path).rebuilt)
        let withGlossary = Self.catalog([("a", "A", Self.filler + " Ny setning.")], glossary: [GlossaryTerm(id: "x", forms: [.nb: ["KI"], .en: ["AI"]])])
        #expect(try SearchIndex.updated(for: withGlossary, at: path).rebuilt)
        #expect(try !SearchIndex.updated(for: withGlossary, at: path).rebuilt)
        // An index an older Kyndig wrote (another format) is not read, but rebuilt.
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "UPDATE meta SET value = '0' WHERE key = 'format'") }
        try queue.close()
        #expect(SearchIndex.open(path: path) == nil)
        #expect(try SearchIndex.updated(for: withGlossary, at: path).rebuilt)
        // A damaged file is derived data: it is rebuilt, not an error.
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try SearchIndex.updated(for: catalog, at: path).rebuilt)
    }
}

/// The shipped course: answers in both languages, abstention, the JSON shape, and the evaluation
/// set as a floor that a change must not fall below.
struct ShippedCourseSearchTests {
    static let loaded = Result { try CatalogLoader.load(root: TestPaths.packageRoot) }
    static let index = Result { try SearchIndex.inMemory(loaded.get()) }

    func engine() throws -> AnswerEngine { AnswerEngine(index: try Self.index.get()) }

    @Test(arguments: [
        ("Hva er automatiseringsskjevhet?", Language.nb),
        ("Why can a language model make up sources?", Language.en),
        ("Hva krever artikkel 4 i KI-forordningen av sykehuset?", Language.nb),
        ("What must the overseer of a high-risk system be able to do?", Language.en),
    ])
    func aCoveredQuestionIsAnsweredWithQuotedSentencesAndACitation(_ question: String, _ language: Language) throws {
        let answer = try engine().answer(question, language: language)
        #expect(!answer.abstained)
        let citation = try #require(answer.citations.first)
        let passage = try #require(try Self.index.get().passages(language: language).first {
            $0.moduleID == citation.module && $0.anchor == citation.section
        })
        // Extractive by construction: the answer is made of the cited passage's own sentences.
        let sentences = try Self.index.get().passages(language: language)
            .filter { $0.moduleID == citation.module && $0.anchor == citation.section }
            .flatMap { passage in passage.sentences.indices.map(passage.sentence) }
        #expect(!answer.answer.isEmpty)
        var rest = answer.answer
        while !rest.isEmpty {
            let sentence = try #require(sentences.first { rest.hasPrefix($0) }, "not quoted from \(passage.id): \(rest)")
            rest = String(rest.dropFirst(sentence.count)).trimmingCharacters(in: .whitespaces)
        }
        // The cited version is the module's as published, whatever its number.
        #expect(citation.version == (try Self.loaded.get()).module(citation.module)?.version.description)
        #expect(answer.passages.count >= 3)
    }

    @Test(arguments: [
        ("Hvor mye paracetamol kan en voksen pasient få per døgn?", Language.nb),
        ("How many days of annual leave do I get?", Language.en),
        ("Hvordan bytter jeg passord på PC-en min?", Language.nb),
        ("How do I write a for loop in Python?", Language.en),
    ])
    func anUncoveredQuestionIsDeclinedInTheLearnersLanguageWithNearbyTopics(_ question: String, _ language: Language) throws {
        let answer = try engine().answer(question, language: language)
        #expect(answer.abstained)
        #expect(answer.citations.isEmpty)
        #expect(answer.answer.hasPrefix(language == .nb ? "Kursmateriellet dekker ikke dette" : "The course material does not cover this"))
        #expect(answer.passages.count >= 3)
    }

    @Test func theJSONShapeHasExactlyTheDocumentedKeys() throws {
        let answer = try engine().answer("Hva er KI-kompetanse?", language: .nb)
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(answer)) as? [String: Any])
        #expect(Set(object.keys) == ["question", "lang", "abstained", "answer", "confidence", "citations", "passages"])
        #expect(object["lang"] as? String == "nb")
        let citation = try #require((object["citations"] as? [[String: Any]])?.first)
        #expect(Set(citation.keys) == ["module", "section", "title", "version"])
        let passage = try #require((object["passages"] as? [[String: Any]])?.first)
        #expect(Set(passage.keys) == ["module", "section", "heading", "text", "score"])
    }

    /// A floor, not a target: the figures in the closing note come from `kyndig-bench search`.
    @Test func theEvaluationSetStaysAboveItsFloor() throws {
        let set = try EvaluationSet.load(path: TestPaths.packageRoot.appendingPathComponent("eval/search-questions.yaml").path)
        #expect(set.inScope.count >= 40 && set.outOfScope.count >= 24)
        let report = try EvaluationReport.measure(set, rank: try engine().rank)
        #expect(report.hitAt3 >= 0.85, "hit@3 \(report.hitAt3)")
        #expect(report.abstentionRecall >= 0.95, "abstention recall \(report.abstentionRecall)")
        let baseline = try EvaluationReport.measure(set, rank: BaselineIndex(passages: try Self.index.get().passages()).rank)
        #expect(report.hitAt3 > baseline.hitAt3)
    }
}
