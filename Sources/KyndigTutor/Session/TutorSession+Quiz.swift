import Foundation
import KyndigCore
import KyndigStore

extension TutorSession {
    /// At start: an attempt left open (terminal killed, SSH dropped) is offered for resumption.
    func offerResume() throws -> Flow {
        guard let open = try store.openAttempts(employeeID: person.employeeID).first,
              let module = catalog.text(open.moduleID, language: open.language)
        else { return .continue }
        let answered = try store.answers(attemptID: open.id).count
        switch reader.readLine(prompt: strings.resumeOffer(module.title, answered, open.questions.count)) {
        case .endOfInput: return .quit
        case .interrupted: return .continue
        case let .line(answer):
            // A command instead of yes/no declines the offer and runs the command.
            if answer.trimmed.hasPrefix("/") { return try handle(answer.trimmed) }
            guard strings.yes(answer) else { return .continue }
            return try runQuiz(open)
        }
    }

    /// `/quiz MODULE`: starts a quiz, or continues the open one for that module.
    func quiz(_ arguments: [String]) throws -> Flow {
        guard let module = module(arguments.first, usage: .quiz),
              let pool = catalog.quiz(module.moduleID, language: module.language)
        else { return .continue }
        let count = min(catalog.policy.questionsPerQuiz, pool.questions.count)
        let (attempt, _) = try store.openOrStartAttempt(employeeID: person.employeeID, moduleID: module.moduleID, at: environment.now()) {
            let seed = environment.newSeed()
            return AttemptRecord(
                id: environment.newAttemptID(), employeeID: person.employeeID, moduleID: module.moduleID, language: module.language,
                version: catalog.modules[module.moduleID]!.version, contentHash: module.contentHash, seed: seed,
                questions: QuizDraw.draw(from: pool, count: count, seed: seed), passMark: catalog.policy.passMark,
                startedAt: environment.now(), finishedAt: nil, result: nil)
        }
        return try runQuiz(attempt)
    }

    /// Asks the attempt's unanswered questions in order; every answer is stored the moment it is
    /// given, so a killed terminal loses nothing.
    func runQuiz(_ attempt: AttemptRecord) throws -> Flow {
        guard let pool = catalog.quiz(attempt.moduleID, language: attempt.language),
              let module = catalog.text(attempt.moduleID, language: attempt.language)
        else { return .continue }
        let byID = Dictionary(pool.questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The drawn questions must still exist with the same options; otherwise the content changed.
        guard attempt.questions.allSatisfy({ byID[$0.questionID]?.options.count == $0.optionOrder.count }) else {
            _ = try store.finishAttempt(attemptID: attempt.id, at: environment.now(), actor: person.employeeID)
            say(strings.moduleChanged)
            return .continue
        }
        let total = attempt.questions.count
        var answered = Dictionary(try store.answers(attemptID: attempt.id).map { ($0.position, $0) }, uniquingKeysWith: { a, _ in a })
        if answered.isEmpty {
            say(style.bold(strings.quizIntro(module.title, total, QuizResult(correct: 0, total: total, passMark: attempt.passMark).needed)))
        } else {
            say(style.bold(strings.quizResumed(module.title, answered.count, total)))
        }
        var position = 0
        while position < total {
            if answered[position] != nil { position += 1; continue }
            let drawn = attempt.questions[position]
            let question = byID[drawn.questionID]!
            say(render(question, drawn: drawn, number: position + 1, total: total))
            var recorded = false
            while !recorded {
                switch reader.readLine(prompt: strings.answerPrompt) {
                case .endOfInput:
                    say("\n" + strings.paused)
                    return .quit
                case .interrupted:
                    continue
                case let .line(text):
                    let input = text.trimmed
                    if input == "/pause" || input == "/quit" {
                        say(strings.paused + " \(attempt.moduleID)")
                        return input == "/quit" ? .quit : .continue
                    }
                    switch AnswerParser.parse(input, optionCount: question.options.count, allowsSeveral: question.kind == .multiple) {
                    case let .failure(failure):
                        say(strings.badAnswer(failure, count: question.options.count))
                    case let .success(chosen):
                        let correct = question.isCorrect(chosenPositions: chosen, optionOrder: drawn.optionOrder)
                        let answer = AnswerRecord(position: position, questionID: question.id, chosen: chosen, correct: correct)
                        if try store.recordAnswer(attemptID: attempt.id, answer, at: environment.now()) {
                            say(feedback(question, drawn: drawn, correct: correct, moduleID: attempt.moduleID))
                        } else {
                            say(strings.answeredElsewhere)
                        }
                        recorded = true
                    }
                }
            }
            // Re-read: another terminal may have answered further questions meanwhile.
            answered = Dictionary(try store.answers(attemptID: attempt.id).map { ($0.position, $0) }, uniquingKeysWith: { a, _ in a })
        }
        try finish(attempt, byID: byID)
        return .continue
    }

    private func render(_ question: Question, drawn: DrawnQuestion, number: Int, total: Int) -> String {
        var lines = ["", style.bold("\(strings.question(number, total))  ") + style.progressBar(done: number - 1, total: total, width: total)]
        let renderer = MarkdownRenderer(style: style)
        lines.append(renderer.render(question.text))
        for (shown, index) in drawn.optionOrder.enumerated() {
            let label = "  \(shown + 1)) "
            lines.append(renderer.render(question.options[index].text, firstIndent: label, indent: String(repeating: " ", count: label.count)))
        }
        lines.append(style.dim(question.kind == .multiple ? strings.chooseSeveral : strings.chooseOne))
        return lines.joined(separator: "\n")
    }

    private func feedback(_ question: Question, drawn: DrawnQuestion, correct: Bool, moduleID: String) -> String {
        let rightShown = drawn.optionOrder.enumerated().filter { question.options[$0.element].correct }
            .map { "\($0.offset + 1)) \(question.options[$0.element].text)" }.joined(separator: "; ")
        var lines = [correct ? style.green(strings.right) : style.red(strings.wrong(rightShown))]
        lines.append(MarkdownRenderer(style: style).render(question.explanation))
        lines.append(style.dim(strings.reread("\(moduleID) §\(question.section)")))
        return lines.joined(separator: "\n")
    }

    private func finish(_ attempt: AttemptRecord, byID: [String: Question]) throws {
        let result = try store.finishAttempt(attemptID: attempt.id, at: environment.now(), actor: person.employeeID)
        let percent = Int((result.score * 100).rounded())
        let mark = Int((attempt.passMark * 100).rounded())
        var lines = ["", style.bold(strings.result(result.correct, result.total, percent, passed: result.passed, mark))]
        if result.passed { lines.append(strings.recorded(attempt.version.description, String(attempt.contentHash.prefix(12)))) }
        let wrongSections = try store.answers(attemptID: attempt.id).filter { !$0.correct }
            .compactMap { byID[$0.questionID]?.section }
        var seen = Set<String>()
        let review = wrongSections.filter { seen.insert($0).inserted }
        if !review.isEmpty {
            lines.append(strings.review + " " + review.map { "\(attempt.moduleID) §\($0)" }.joined(separator: ", "))
        }
        say(lines.joined(separator: "\n"))
    }
}
