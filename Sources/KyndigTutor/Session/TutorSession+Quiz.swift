import KyndigCore
import KyndigServices
import KyndigStore

extension TutorSession {
    /// At start: a quiz left open (terminal killed, SSH dropped) is offered for resumption.
    func offerResume() async throws -> Flow {
        guard let open = try await retryingWhileBusy({ try await learner.openQuizzes() }).first else { return .continue }
        let offer = strings.unfinishedQuiz(open.title, open.answered.count, open.questions.count)
        var prompt = offer + " " + strings.resumePrompt
        // libedit shows the prompt on one line: when the whole offer does not fit, say it first.
        if TextLayout.width(prompt) > style.width - 4 {
            say(offer)
            prompt = strings.resumePrompt
        }
        while true {
            switch reader.readLine(prompt: prompt) {
            case .endOfInput: return .quit
            case .interrupted: return .continue
            case let .line(text):
                let answer = text.trimmed
                // A command instead of yes/no declines the offer and runs the command.
                if answer.hasPrefix("/") { return try await handle(answer) }
                switch strings.yesOrNo(answer) {
                case true?: return try await runQuiz(moduleID: open.attempt.moduleID, language: open.attempt.language)
                case false?: return .continue
                case nil: say(strings.answerYesOrNo)
                }
            }
        }
    }

    /// `/quiz MODULE`: starts a quiz, or continues the open one for that module.
    func quiz(_ arguments: [String]) async throws -> Flow {
        guard let module = module(arguments.first, usage: .quiz) else { return .continue }
        return try await runQuiz(moduleID: module.id, language: language)
    }

    /// Asks the attempt's unanswered questions in order; every answer is stored the moment it is
    /// given, so a killed terminal loses nothing.
    /// - Parameter preferred: the language to start a new attempt in (an open one keeps its own).
    func runQuiz(moduleID: String, language preferred: Language) async throws -> Flow {
        var state: QuizState
        do {
            state = try await retryingWhileBusy { try await learner.quiz(moduleID: moduleID, language: preferred) }
        } catch let problem as QuizProblem {
            say(strings.quizProblem(problem))
            return .continue
        }
        if state.replaced != nil { say(strings.moduleChanged) }
        let attempt = state.attempt
        let total = state.questions.count
        if state.answered.isEmpty {
            say(style.bold(strings.quizIntro(state.title, total, state.needed)))
        } else {
            say(style.bold(strings.quizResumed(state.title, state.answered.count, total)))
        }
        // Questions are drawn and scored in the attempt's language; the tutor's own words follow
        // the learner's. Say so when the two differ rather than mix them without a word.
        if attempt.language != language {
            say(state.started ? strings.quizOnlyIn(attempt.language) : strings.quizContinuesIn(attempt.language))
        }
        while let position = state.nextPosition {
            let question = state.questions[position]
            say(render(question, number: position + 1, total: total))
            if case let .leave(flow) = try await ask(question, number: position + 1, total: total, attempt: attempt) { return flow }
            // Re-read: another terminal may have answered further questions meanwhile.
            do {
                state = try await retryingWhileBusy { try await learner.quiz(attemptID: attempt.id) }
            } catch let error as StoreError where error.code == .busy {
                say(strings.busyPaused(moduleID))
                return .continue
            } catch let failure as LearnerServiceFailure {
                say(failure.message)
                say(strings.paused(moduleID))
                return .continue
            }
        }
        try await finish(attempt)
        return .continue
    }

    private enum Asked { case answered, leave(Flow) }

    /// Reads lines at the answer prompt until an answer to `question` is saved or the learner
    /// leaves. Commands that only show something run here, and the question is shown again.
    private func ask(_ question: PresentedQuestion, number: Int, total: Int, attempt: AttemptRecord) async throws -> Asked {
        // An answer the database was too busy to take: kept, and Enter alone saves it again.
        var unsaved: String?
        while true {
            switch reader.readLine(prompt: strings.answerPrompt) {
            case .endOfInput:
                if let unsaved { say("\n" + strings.unsavedAskedAgain(unsaved)) }
                say("\n" + strings.paused(attempt.moduleID))
                return .leave(.quit)
            case .interrupted:
                continue
            case let .line(text):
                var input = text.trimmed
                if input.isEmpty, let unsaved { input = unsaved }
                if input.hasPrefix("/") {
                    switch try await quizCommand(input, attempt: attempt, unsaved: unsaved) {
                    case let .leave(flow): return .leave(flow)
                    case .showQuestionAgain: say(render(question, number: number, total: total))
                    case .askAgain: break
                    }
                    continue
                }
                let chosen: Set<Int>
                switch AnswerParser.parse(input, optionCount: question.options.count, allowsSeveral: question.allowsSeveral) {
                case let .failure(failure):
                    say(strings.badAnswer(failure, count: question.options.count))
                    continue
                case let .success(positions):
                    chosen = positions
                }
                do {
                    let feedback = try await retryingWhileBusy {
                        try await learner.answer(attemptID: attempt.id, position: question.position, chosen: chosen)
                    }
                    say(feedback.recording == .recorded ? render(feedback, question) : strings.answeredElsewhere)
                    return .answered
                } catch let error as StoreError where error.code == .busy {
                    // Never drop an answer silently: say it was not saved and keep it for Enter.
                    say(strings.answerNotSaved(input))
                    unsaved = input
                } catch let failure as LearnerServiceFailure {
                    say(failure.message)
                    guard failure.transient else { return .leave(.continue) }
                    say(strings.answerNotSent(input))
                    unsaved = input
                } catch QuizProblem.attemptClosed {
                    // Another terminal finished it meanwhile: show how it came out.
                    say(strings.answeredElsewhere)
                    try await finish(attempt)
                    return .leave(.continue)
                } catch let problem as QuizProblem {
                    say(strings.quizProblem(problem))
                    return .leave(.continue)
                }
            }
        }
    }

    private enum QuizCommandResult { case leave(Flow), showQuestionAgain, askAgain }

    /// A slash command typed at the answer prompt: never an answer. /pause and /quit leave the
    /// quiz; /help, /status, /modules and /lang run and the question is shown again; /read,
    /// /next, /prev and /quiz wait until the quiz is paused or done, so one quiz runs at a time.
    /// - Parameter unsaved: an answer the database was too busy to take; leaving says it was not saved.
    private func quizCommand(_ line: String, attempt: AttemptRecord, unsaved: String?) async throws -> QuizCommandResult {
        let words = line.dropFirst().split(separator: " ").map(String.init)
        let name = words.first?.lowercased() ?? ""
        func leave(_ flow: Flow) -> QuizCommandResult {
            if let unsaved { say(strings.unsavedAskedAgain(unsaved)) }
            say(strings.paused(attempt.moduleID))
            return .leave(flow)
        }
        if name == "pause" { return leave(.continue) }
        guard let command = TutorCommand(rawValue: name) else {
            let names = TutorCommand.allCases.map(\.rawValue) + ["pause"]
            say(strings.unknownCommand("/\(name)", suggestion: Suggestion.nearest(name, in: names).map { "/\($0)" }))
            return .askAgain
        }
        do {
            switch command {
            case .help: showHelp(inQuiz: true)
            case .status: try await showOverview(greeting: false)
            case .modules: try await showModules()
            case .lang:
                let before = language
                setLanguage(Array(words.dropFirst()))
                if language != before && language != attempt.language { say(strings.quizContinuesIn(attempt.language)) }
            case .quit:
                return leave(.quit)
            case .read, .next, .prev, .quiz, .ask:
                say(strings.notDuringQuiz("/\(command.rawValue)"))
                return .askAgain
            }
        } catch let error as StoreError where error.code == .busy {
            say(strings.stillBusy)
            return .askAgain
        } catch let failure as LearnerServiceFailure {
            say(failure.message)
            return .askAgain
        }
        return .showQuestionAgain
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
        lines.append(style.dim(strings.reread(style.symbols.citation(feedback.moduleID, feedback.section))))
        return lines.joined(separator: "\n")
    }

    /// Closes the attempt and shows the result. Every answer is saved already, so when the
    /// database stays busy the learner is told how to see the result later.
    private func finish(_ attempt: AttemptRecord) async throws {
        let outcome: QuizOutcome
        do {
            outcome = try await retryingWhileBusy { try await learner.finish(attemptID: attempt.id) }
        } catch let problem as QuizProblem {
            return say(strings.quizProblem(problem))
        } catch let error as StoreError where error.code == .busy {
            return say(strings.busyPaused(attempt.moduleID))
        } catch let failure as LearnerServiceFailure {
            say(failure.message)
            return say(strings.paused(attempt.moduleID))
        }
        let result = outcome.result
        let finished = outcome.attempt
        let percent = Int((result.score * 100).rounded())
        let mark = Int((finished.passMark * 100).rounded())
        var lines = ["", style.bold(strings.result(result.correct, result.total, percent, passed: result.passed, mark))]
        if result.passed { lines.append(strings.recorded(finished.version.description, String(finished.contentHash.prefix(12)))) }
        if !outcome.sectionsToReread.isEmpty {
            lines.append(strings.review + " " + outcome.sectionsToReread.map { style.symbols.citation(finished.moduleID, $0) }.joined(separator: ", "))
        }
        say(lines.joined(separator: "\n"))
    }
}
