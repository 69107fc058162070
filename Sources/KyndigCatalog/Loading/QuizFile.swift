import Foundation
import KyndigCore
import Yams

/// A quiz pool file as written, with the line of each question's `section` for anchor errors.
struct QuizFile {
    let pool: QuizPool
    let moduleLine: Int
    /// Question id → line and column of its `section` value.
    let sectionPositions: [String: (line: Int, column: Int?)]
    let questionsLine: Int
    /// Questions written, valid or not: a pool is too small only if too few were written, not
    /// because some have problems of their own (reported where they are).
    let writtenCount: Int

    /// Parses `quizzes/<module>.<lang>.yaml`. Logs every problem; a bad question is left out of the
    /// pool but the others are still checked.
    static func parse(text: String, file: String, moduleID: String, language: Language, log: ProblemLog) -> QuizFile? {
        let yaml = YAMLCursor(file: file, lineOffset: 0, log: log)
        guard let root = yaml.compose(text), let map = yaml.map(root, what: "A quiz file") else { return nil }
        yaml.checkKeys(map, allowed: ["format_version", "module", "lang", "questions"])
        yaml.checkFormatVersion(map)
        if let module = yaml.string(map, "module"), module != moduleID {
            yaml.report(map["module"]!, "module '\(module)' does not match the file name '\(moduleID).\(language.rawValue).yaml'. Make them agree.")
        }
        if let lang = yaml.string(map, "lang"), lang != language.rawValue {
            yaml.report(map["lang"]!, "lang '\(lang)' does not match the file name's language '\(language.rawValue)'. Make them agree.")
        }
        guard let items = yaml.sequence(map, "questions") else { return nil }
        var questions: [Question] = []
        var positions: [String: (line: Int, column: Int?)] = [:]
        var firstLine: [String: Int] = [:]
        for item in items {
            guard let q = yaml.map(item, what: "A question") else { continue }
            yaml.checkKeys(q, allowed: ["id", "kind", "scenario", "section", "text", "options", "explanation"])
            let id = yaml.id(q)
            if let id {
                if let line = firstLine[id] {
                    yaml.report(q["id"]!, "question id '\(id)' is used twice (first on line \(line)). Give each question its own id.")
                } else {
                    firstLine[id] = yaml.line(q["id"]!)
                }
            }
            var kind: Question.Kind?
            if let text = yaml.string(q, "kind") {
                kind = Question.Kind(rawValue: text)
                if kind == nil { yaml.report(q["kind"]!, "kind '\(text)' is unknown. Use single, multiple or true-false.") }
            }
            let scenario = yaml.bool(q, "scenario") ?? false
            let section = yaml.string(q, "section")
            let questionText = yaml.string(q, "text")
            let explanation = yaml.string(q, "explanation")
            var options: [Question.Option] = []
            if let optionNodes = yaml.sequence(q, "options") {
                // Counted over the options written, so that an option with a problem of its own
                // (reported) does not also make the question short of options or of a right answer.
                var correct = 0
                var correctKnown = true
                for node in optionNodes {
                    guard let option = yaml.map(node, what: "An option") else { correctKnown = false; continue }
                    yaml.checkKeys(option, allowed: ["text", "correct"])
                    let isCorrect = yaml.bool(option, "correct")
                    if isCorrect == nil && (option["correct"] != nil || yaml.isMisspelt(option, "correct")) { correctKnown = false }
                    if isCorrect == true { correct += 1 }
                    guard let text = yaml.string(option, "text") else { continue }
                    options.append(Question.Option(text: text, correct: isCorrect ?? false))
                }
                let label = id.map { "question '\($0)'" } ?? "this question"
                if optionNodes.count < 2 {
                    yaml.report(q["options"]!, "\(label) has \(optionNodes.count) option(s). Give it at least two.")
                }
                if kind == .trueFalse && optionNodes.count != 2 {
                    yaml.report(q["options"]!, "true-false \(label) has \(optionNodes.count) options. Give it exactly two (true and false).")
                }
                // With a malformed or misspelt 'correct' (reported), which options are right is unknown.
                if correctKnown && correct == 0 {
                    yaml.report(q["options"]!, "\(label) has no correct option. Mark the right answer with 'correct: true'.")
                } else if correctKnown && correct > 1 && (kind == .single || kind == .trueFalse) {
                    yaml.report(q["options"]!, "\(kind!.rawValue) \(label) has \(correct) correct options. Mark exactly one, or make it kind: multiple.")
                }
            }
            // Duplicate ids and wrong correct-flags are reported above; the question still joins the
            // pool so its section anchor is checked too (the catalog is not built while errors remain).
            guard let id, let kind, let section, let questionText, let explanation else { continue }
            positions[id] = (yaml.line(q["section"]!), yaml.column(q["section"]!))
            questions.append(Question(
                id: id, kind: kind, scenario: scenario, section: section, text: questionText, options: options,
                explanation: explanation))
        }
        return QuizFile(
            pool: QuizPool(moduleID: moduleID, language: language, questions: questions),
            moduleLine: map["module"].map(yaml.line) ?? 1, sectionPositions: positions,
            questionsLine: yaml.line(map["questions"]!), writtenCount: items.count)
    }
}
