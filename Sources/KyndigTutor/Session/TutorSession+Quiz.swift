import KyndigCore
import KyndigServices
import KyndigStore

extension TutorSession {
    /// At start: a quiz left open (terminal killed, SSH dropped) is offered for resumption.
    func offerResume() async throws -> Flow {
        guard let open = try await learner.openQuizzes().first else { return .continue }
        switch reader.readLine(prompt: strings.resumeOffer(open.title, open.answered.count, open.questions.count)) {
        case .endOfInput: return .quit
        case .interrupted: return .continue
        case let .line(answer):
            // A command instead of yes/no declines the offer and runs the command.
            if answer.trimmed.hasPrefix("/") { return try await handle(answer.trimmed) }
            guard strings.yes(answer) else { return .continue }
            return try await runQuiz(moduleID: open.attempt.moduleID, language: open.attempt.language)
        }
    }

    /// `/quiz MODULE`: starts a quiz, or continues the open one for that module.
    func quiz(_ arguments: [String]) async throws -> Flow {
        guard let module = module(arguments.first, usage: .quiz) else { return .continue }
        return try await runQuiz(moduleID: module.id, language: language)
    }

    /// Asks the attempt's unanswered questions in order; every answer is stored the moment it is
    /// given, so a killed terminal loses nothing.
    func runQuiz(moduleID: String, language: Language) async throws -> Flow {
        var state: QuizState
        do {
            state = try await learner.quiz(moduleID: moduleID, language: language)
        } catch let problem as QuizProblem {
            say(strings.quizProblem(problem))
            return .continue
        }
        if state.replaced != nil { say(strings.moduleChanged) }
        let attemptID = state.attempt.id
        let total = state.questions.count
        if state.answered.isEmpty {
            say(style.bold(strings.quizIntro(state.title, total, state.needed)))
        } else {
            say(style.bold(strings.quizResumed(state.title, state.answered.count, total)))
        }
        while let position = state.nextPosition {
            let question = state.questions[position]
            say(render(question, number: position + 1, total: total))
            answering: while true {
                switch reader.readLine(prompt: strings.answerPrompt) {
                case .endOfInput:
                    say("\n" + strings.paused)
                    return .quit
                case .interrupted:
                    continue
                case let .line(text):
                    let input = text.trimmed
                    if input == "/pause" || input == "/quit" {
                        say(strings.paused + " \(moduleID)")
                        return input == "/quit" ? .quit : .continue
                    }
                    switch AnswerParser.parse(input, optionCount: question.options.count, allowsSeveral: question.allowsSeveral) {
                    case let .failure(failure):
                        say(strings.badAnswer(failure, count: question.options.count))
                    case let .success(chosen):
                        do {
                            let feedback = try await learner.answer(attemptID: attemptID, position: position, chosen: chosen)
                            say(feedback.recording == .recorded ? render(feedback, question) : strings.answeredElsewhere)
                        } catch QuizProblem.attemptClosed {
                            // Another terminal finished it meanwhile: show how it came out.
                            say(strings.answeredElsewhere)
                            try await finish(attemptID)
                            return .continue
                        } catch let problem as QuizProblem {
                            say(strings.quizProblem(problem))
                            return .continue
                        }
                        break answering
                    }
                }
            }
            // Re-read: another terminal may have answered further questions meanwhile.
            state = try await learner.quiz(attemptID: attemptID)
        }
        try await finish(attemptID)
        return .continue
    }

    private func render(_ question: PresentedQuestion, number: Int, total: Int) -> String {
        var lines = ["", style.bold("\(strings.question(number, total))  ") + style.progressBar(done: number - 1, total: total, width: total)]
        let renderer = MarkdownRenderer(style: style)
        lines.append(renderer.render(question.text))
        for (shown, option) in question.options.enumerated() {
            let label = "  \(shown + 1)) "
            lines.append(renderer.render(option, firstIndent: label, indent: String(repeating: " ", count: label.count)))
        }
        lines.append(style.dim(question.allowsSeveral ? strings.chooseSeveral : strings.chooseOne))
        return lines.joined(separator: "\n")
    }

    private func render(_ feedback: AnswerFeedback, _ question: PresentedQuestion) -> String {
        let rightShown = feedback.rightPositions.map { "\($0 + 1)) \(question.options[$0])" }.joined(separator: "; ")
        var lines = [feedback.correct ? style.green(strings.right) : style.red(strings.wrong(rightShown))]
        lines.append(MarkdownRenderer(style: style).render(feedback.explanation))
        lines.append(style.dim(strings.reread("\(feedback.moduleID) §\(feedback.section)")))
        return lines.joined(separator: "\n")
    }

    private func finish(_ attemptID: String) async throws {
        let outcome: QuizOutcome
        do {
            outcome = try await learner.finish(attemptID: attemptID)
        } catch let problem as QuizProblem {
            return say(strings.quizProblem(problem))
        }
        let result = outcome.result
        let attempt = outcome.attempt
        let percent = Int((result.score * 100).rounded())
        let mark = Int((attempt.passMark * 100).rounded())
        var lines = ["", style.bold(strings.result(result.correct, result.total, percent, passed: result.passed, mark))]
        if result.passed { lines.append(strings.recorded(attempt.version.description, String(attempt.contentHash.prefix(12)))) }
        if !outcome.sectionsToReread.isEmpty {
            lines.append(strings.review + " " + outcome.sectionsToReread.map { "\(attempt.moduleID) §\($0)" }.joined(separator: ", "))
        }
        say(lines.joined(separator: "\n"))
    }
}
