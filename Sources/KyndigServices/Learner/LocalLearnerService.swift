public import KyndigCore
public import KyndigSearch
public import KyndigStore

/// `LearnerService` on a local store: the quiz rules (how many questions, how an attempt is drawn
/// and pinned to a content hash, what happens when the module changes under it, how an answer is
/// scored) and the learner's overview.
public struct LocalLearnerService: LearnerService {
    public let person: Person
    let catalog: Catalog
    let store: any KyndigStore
    let clock: WallClock
    let randomness: QuizRandomness
    let searchIndex: SearchIndex?
    let sharedFacts: SharedLearnerFacts?

    /// - Parameters:
    ///   - searchIndex: the course's search index, for `ask` (nil: questions cannot be answered).
    ///   - sharedFacts: the register and module facts a server shares between learners (nil: read them each time).
    public init(
        person: Person, catalog: Catalog, store: any KyndigStore, clock: WallClock, randomness: QuizRandomness = .system,
        searchIndex: SearchIndex? = nil, sharedFacts: SharedLearnerFacts? = nil
    ) {
        self.person = person
        self.catalog = catalog
        self.store = store
        self.clock = clock
        self.randomness = randomness
        self.searchIndex = searchIndex
        self.sharedFacts = sharedFacts
    }

    public func course() async throws -> Catalog { catalog }

    public func ask(_ question: String, language: Language) async throws -> Answer {
        guard let searchIndex else { throw NoSearchIndex() }
        let required = Set(try await overview().statuses.map(\.requirement.moduleID))
        return try await CourseQuestions(index: searchIndex, log: store, clock: clock)
            .ask(question, language: language, preferredModules: required)
    }

    private var policy: Policy { catalog.policy }

    public func overview() async throws -> LearnerOverview {
        try await overview(from: try await store.learnerRecord(of: person))
    }

    /// The overview from this person's record as already read (`LearnerStore.learnerRecord(employeeID:)`
    /// reads the person and their record at once): the person as the record has them.
    public func overview(from record: LearnerRecord) async throws -> LearnerOverview {
        let person = record.person
        let systems: [AISystem], modules: [String: ModuleFacts], unitPath: [OrgUnit]?
        if let sharedFacts {
            let facts = try await sharedFacts.current()
            (systems, modules, unitPath) = (facts.systems, facts.modules, facts.unitPath(of: person.unitID))
        } else {
            (systems, modules, unitPath) = (try await store.systems(), ModuleFacts.all(catalog, stored: try await store.storedVersions()), nil)
        }
        let path: [OrgUnit]
        if let unitPath { path = unitPath } else { path = try await store.unitAncestry(of: person.unitID) }
        return LearnerOverview(
            person: person, unitPath: path, systems: systems,
            history: record.history, modules: modules,
            completions: record.completions, attestations: record.attestations, exemptions: record.exemptions,
            openAttemptModuleIDs: record.openAttemptModuleIDs,
            catalog: catalog, asOf: policy.calendarDate(of: clock.now()))
    }

    public func openQuizzes() async throws -> [QuizState] {
        var states: [QuizState] = []
        for attempt in try await store.openAttempts(employeeID: person.employeeID) {
            // An attempt whose module changed is not offered as it was: asking for it closes it.
            guard !moduleChanged(under: attempt), let state = try await state(of: attempt, started: false, replaced: nil) else { continue }
            states.append(state)
        }
        return states
    }

    public func quiz(moduleID: String, language: Language) async throws -> QuizState {
        guard let module = catalog.module(moduleID) else { throw QuizProblem.unknownModule(moduleID) }
        var replaced: AttemptRecord?
        if let open = try await store.openAttempts(employeeID: person.employeeID).first(where: { $0.moduleID == moduleID }) {
            if moduleChanged(under: open) {
                replaced = try await abandon(open)
            } else if let state = try await state(of: open, started: false, replaced: nil) {
                return state
            }
        }
        let text = module.text(preferring: language)
        guard let pool = catalog.quiz(moduleID, language: text.language), !pool.questions.isEmpty else {
            throw QuizProblem.noQuizPool(moduleID: moduleID, language: text.language)
        }
        let seed = randomness.newSeed()
        let new = AttemptRecord(
            id: randomness.newAttemptID(), employeeID: person.employeeID, moduleID: moduleID, language: text.language,
            version: module.version, contentHash: text.contentHash, seed: seed,
            questions: QuizDraw.draw(from: pool, count: module.quizSize(policy: policy, poolSize: pool.questions.count), seed: seed),
            passMark: policy.passMark, startedAt: clock.now())
        let start = try await store.startAttempt(new)
        // Another terminal may have started one a moment ago: that one is the attempt.
        guard let state = try await state(of: start.attempt, started: start.created, replaced: replaced) else {
            throw QuizProblem.moduleChanged(start.attempt.id)
        }
        return state
    }

    public func quiz(attemptID: String) async throws -> QuizState {
        let attempt = try await ownAttempt(attemptID)
        guard let state = try await state(of: attempt, started: false, replaced: nil) else { throw QuizProblem.moduleChanged(attemptID) }
        return state
    }

    public func answer(attemptID: String, position: Int, chosen: Set<Int>) async throws -> AnswerFeedback {
        let attempt = try await ownAttempt(attemptID)
        guard attempt.isOpen else { throw QuizProblem.attemptClosed(attemptID) }
        if moduleChanged(under: attempt) {
            _ = try await abandon(attempt)
            throw QuizProblem.moduleChanged(attemptID)
        }
        guard attempt.questions.indices.contains(position) else { throw QuizProblem.positionOutOfRange(position) }
        let drawn = attempt.questions[position]
        guard let question = question(drawn.questionID, of: attempt) else { throw QuizProblem.moduleChanged(attemptID) }
        guard !chosen.isEmpty, chosen.allSatisfy(drawn.optionOrder.indices.contains),
              question.kind == .multiple || chosen.count == 1
        else { throw QuizProblem.invalidChoice(position: position) }
        let correct = question.isCorrect(chosenPositions: chosen, optionOrder: drawn.optionOrder)
        let recording = try await store.recordAnswer(
            AnswerRecord(position: position, questionID: question.id, chosen: chosen, correct: correct),
            attemptID: attemptID, at: clock.now())
        if recording == .attemptClosed { throw QuizProblem.attemptClosed(attemptID) }
        return AnswerFeedback(
            recording: recording, correct: correct,
            rightPositions: drawn.optionOrder.indices.filter { question.options[drawn.optionOrder[$0]].correct },
            explanation: question.explanation, moduleID: attempt.moduleID, section: question.section)
    }

    public func finish(attemptID: String) async throws -> QuizOutcome {
        var attempt = try await ownAttempt(attemptID)
        let answers = try await store.answers(attemptID: attemptID)
        if attempt.isOpen {
            let missing = attempt.questions.indices.filter { position in !answers.contains { $0.position == position } }
            guard missing.isEmpty else { throw QuizProblem.unanswered(positions: missing) }
            let now = clock.now()
            attempt = try await store.finishAttempt(
                id: attemptID, on: policy.calendarDate(of: now), change: Change(actor: person.employeeID, at: now, source: "quiz"))
        }
        guard let result = attempt.finished?.result else { throw QuizProblem.attemptClosed(attemptID) }
        var seen = Set<String>()
        let reread = answers.filter { !$0.correct }
            .compactMap { question($0.questionID, of: attempt)?.section }
            .filter { seen.insert($0).inserted }
        return QuizOutcome(attempt: attempt, result: result, sectionsToReread: reread)
    }

    // MARK: - Rules

    /// Whether the module text or quiz pool the attempt was drawn from is no longer the one in the
    /// catalog: its answers can no longer be scored against what the learner was shown.
    private func moduleChanged(under attempt: AttemptRecord) -> Bool {
        catalog.module(attempt.moduleID)?.texts[attempt.language]?.contentHash != attempt.contentHash
    }

    private func abandon(_ attempt: AttemptRecord) async throws -> AttemptRecord {
        let now = clock.now()
        return try await store.abandonAttempt(
            id: attempt.id, on: policy.calendarDate(of: now), change: Change(actor: person.employeeID, at: now, source: "module changed"))
    }

    private func ownAttempt(_ id: String) async throws -> AttemptRecord {
        guard let attempt = try await store.attempt(id: id) else { throw QuizProblem.unknownAttempt(id) }
        guard attempt.employeeID == person.employeeID else { throw QuizProblem.notYourAttempt(id) }
        return attempt
    }

    private func question(_ id: String, of attempt: AttemptRecord) -> Question? {
        catalog.quiz(attempt.moduleID, language: attempt.language)?.questions.first { $0.id == id }
    }

    /// The attempt as the learner meets it; nil when its questions are no longer in the catalog.
    private func state(of attempt: AttemptRecord, started: Bool, replaced: AttemptRecord?) async throws -> QuizState? {
        var presented: [PresentedQuestion] = []
        for (position, drawn) in attempt.questions.enumerated() {
            guard let question = question(drawn.questionID, of: attempt),
                  drawn.optionOrder.allSatisfy(question.options.indices.contains)
            else { return nil }
            presented.append(PresentedQuestion(
                position: position, questionID: question.id, kind: question.kind, text: question.text,
                options: drawn.optionOrder.map { question.options[$0].text }))
        }
        let answered = Set(try await store.answers(attemptID: attempt.id).map(\.position))
        let title = catalog.text(attempt.moduleID, language: attempt.language)?.title ?? attempt.moduleID
        return QuizState(
            attempt: attempt, title: title, questions: presented, answered: answered, started: started, replaced: replaced,
            needed: QuizResult(correct: 0, total: attempt.questions.count, passMark: attempt.passMark).needed)
    }
}
