import Foundation
import KyndigCore

/// Cues that let a learner answer a quiz question without knowing the module: measured over quiz
/// pools and the module texts they test. Pure: values in, figures out; `kyndig catalog lint`
/// prints them and the shipped-course tests hold the course to the limits.
public enum QuizLint {
    /// The limits a course is held to.
    public struct Limits: Sendable, Hashable, Codable {
        /// Share of true-false statements whose answer is "true". Far from one half, "guess the
        /// more common answer" scores above chance.
        public var trueShare: ClosedRange<Double>
        /// Largest share of single-choice questions whose right option is the unique longest.
        /// By chance it is about one in the number of options (25 % with four); 35 % leaves room
        /// for noise (about two standard deviations over ~100 questions) but not for a habit.
        public var longestCorrectShare: Double
        /// Words in a row that a right option may share with the module text before it counts as
        /// copied: ten is a whole clause, recognisable without understanding it.
        public var copiedRun: Int

        public init(trueShare: ClosedRange<Double> = 0.40...0.60, longestCorrectShare: Double = 0.35, copiedRun: Int = 10) {
            self.trueShare = trueShare
            self.longestCorrectShare = longestCorrectShare
            self.copiedRun = copiedRun
        }

        public static let standard = Limits()
    }

    /// One question with a cue.
    public struct Finding: Sendable, Hashable, Codable, CustomStringConvertible {
        public enum Cue: String, Sendable, Hashable, Codable {
            /// A true-false statement uses an absolute word ("always", "bare"), which test-wise
            /// learners read as "false".
            case absoluteWord = "absolute-word"
            /// A right option repeats a run of the module text word for word and no wrong one does.
            case copiedFromText = "copied-from-text"
        }

        public let cue: Cue
        public let moduleID: String
        public let language: Language
        public let questionID: String
        /// The absolute words, or the copied words.
        public let detail: String

        public init(cue: Cue, moduleID: String, language: Language, questionID: String, detail: String) {
            self.cue = cue
            self.moduleID = moduleID
            self.language = language
            self.questionID = questionID
            self.detail = detail
        }

        public var description: String {
            "\(moduleID).\(language.rawValue).yaml: \(questionID): \(cue.rawValue): \(detail)"
        }
    }

    /// The measured cues of some pools.
    public struct Figures: Sendable, Hashable, Encodable {
        public var trueFalseQuestions = 0
        public var trueAnswers = 0
        public var singleChoiceQuestions = 0
        /// Single-choice questions whose right option is longer than every other option.
        public var longestCorrect = 0
        public var findings: [Finding] = []

        public init() {}

        public var trueShare: Double { trueFalseQuestions == 0 ? 0.5 : Double(trueAnswers) / Double(trueFalseQuestions) }
        public var longestCorrectShare: Double {
            singleChoiceQuestions == 0 ? 0 : Double(longestCorrect) / Double(singleChoiceQuestions)
        }
        private enum CodingKeys: String, CodingKey {
            case trueFalseQuestions, trueAnswers, trueShare, singleChoiceQuestions, longestCorrect, longestCorrectShare, findings
        }

        /// The counts with their shares, so that a script need not divide.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(trueFalseQuestions, forKey: .trueFalseQuestions)
            try container.encode(trueAnswers, forKey: .trueAnswers)
            try container.encode(trueShare, forKey: .trueShare)
            try container.encode(singleChoiceQuestions, forKey: .singleChoiceQuestions)
            try container.encode(longestCorrect, forKey: .longestCorrect)
            try container.encode(longestCorrectShare, forKey: .longestCorrectShare)
            try container.encode(findings, forKey: .findings)
        }

        public var copied: [Finding] { findings.filter { $0.cue == .copiedFromText } }
        public var absoluteWords: [Finding] { findings.filter { $0.cue == .absoluteWord } }

        static func + (lhs: Figures, rhs: Figures) -> Figures {
            var sum = lhs
            sum.trueFalseQuestions += rhs.trueFalseQuestions
            sum.trueAnswers += rhs.trueAnswers
            sum.singleChoiceQuestions += rhs.singleChoiceQuestions
            sum.longestCorrect += rhs.longestCorrect
            sum.findings += rhs.findings
            return sum
        }

        /// What breaks `limits`, in words; empty when the figures are within them.
        public func problems(_ limits: Limits = .standard) -> [String] {
            var problems: [String] = []
            if !limits.trueShare.contains(trueShare) {
                problems.append("\(trueAnswers) of \(trueFalseQuestions) true-false statements are true (\(Self.percent(trueShare))); keep it within \(Self.percent(limits.trueShare.lowerBound))–\(Self.percent(limits.trueShare.upperBound)).")
            }
            if longestCorrectShare > limits.longestCorrectShare {
                problems.append("In \(longestCorrect) of \(singleChoiceQuestions) single-choice questions the right option is the longest (\(Self.percent(longestCorrectShare))); keep it at most \(Self.percent(limits.longestCorrectShare)).")
            }
            problems += findings.map(\.description)
            return problems
        }

        public static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }
    }

    /// The figures of one pool, against the text of its module (the Markdown the learner reads).
    public static func figures(pool: QuizPool, moduleText: String, limits: Limits = .standard) -> Figures {
        var figures = Figures()
        let textRuns = runs(of: words(moduleText), length: limits.copiedRun)
        for question in pool.questions {
            func finding(_ cue: Finding.Cue, _ detail: String) -> Finding {
                Finding(cue: cue, moduleID: pool.moduleID, language: pool.language, questionID: question.id, detail: detail)
            }
            switch question.kind {
            case .trueFalse:
                figures.trueFalseQuestions += 1
                if isTrue(question) { figures.trueAnswers += 1 }
                let found = absoluteWords(in: question.text, language: pool.language)
                if !found.isEmpty { figures.findings.append(finding(.absoluteWord, found.map { "'\($0)'" }.joined(separator: ", "))) }
            case .single, .multiple:
                if question.kind == .single {
                    figures.singleChoiceQuestions += 1
                    if isUniqueLongestCorrect(question) { figures.longestCorrect += 1 }
                }
                let copied = question.options.map { copiedRun(in: $0.text, from: textRuns, length: limits.copiedRun) }
                let right = question.options.indices.filter { question.options[$0].correct }
                let wrongCopied = question.options.indices.contains { !question.options[$0].correct && copied[$0] != nil }
                if !wrongCopied, let first = right.lazy.compactMap({ copied[$0] }).first {
                    figures.findings.append(finding(.copiedFromText, "\"\(first)\""))
                }
            }
        }
        return figures
    }

    /// The figures of every pool in `catalog`, per language, and for all languages together.
    public static func figures(catalog: Catalog, limits: Limits = .standard) -> (byLanguage: [Language: Figures], total: Figures) {
        var byLanguage: [Language: Figures] = [:]
        for id in catalog.moduleIDs {
            for language in Language.allCases {
                guard let pool = catalog.quiz(id, language: language), let text = catalog.modules[id]?.texts[language] else { continue }
                let markdown = ([text.introduction] + text.sections.map(\.markdown)).joined(separator: "\n\n")
                byLanguage[language, default: Figures()] = byLanguage[language, default: Figures()] + figures(pool: pool, moduleText: markdown, limits: limits)
            }
        }
        let total = Language.allCases.compactMap { byLanguage[$0] }.reduce(Figures(), +)
        return (byLanguage, total)
    }

    // MARK: - The cues

    /// Words that make a statement sound too strong to be true. Matched as whole words.
    public static let absolutes: [Language: [String]] = [
        .en: ["any", "always", "is enough", "in itself", "never", "all", "only"],
        .nb: ["alltid", "aldri", "alle", "enhver", "bare", "i seg selv", "er nok"],
    ]

    /// The absolute words in `statement`, in list order.
    public static func absoluteWords(in statement: String, language: Language) -> [String] {
        let text = " " + words(statement).joined(separator: " ") + " "
        return (absolutes[language] ?? []).filter { text.contains(" \($0) ") }
    }

    /// Whether a true-false question's answer is "true": its right option reads True or Sant
    /// (the first option, by the course's convention, when it reads neither).
    static func isTrue(_ question: Question) -> Bool {
        guard let right = question.options.firstIndex(where: \.correct) else { return false }
        switch question.options[right].text.lowercased() {
        case "true", "sant": return true
        case "false", "usant": return false
        default: return right == 0
        }
    }

    /// Whether the right option of a single-choice question is longer (in characters) than every other.
    static func isUniqueLongestCorrect(_ question: Question) -> Bool {
        guard let right = question.options.firstIndex(where: \.correct) else { return false }
        let length = question.options[right].text.count
        return question.options.indices.allSatisfy { $0 == right || question.options[$0].text.count < length }
    }

    /// Lower-cased words: runs of letters and digits.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    static func runs(of words: [String], length: Int) -> Set<[String]> {
        guard length > 0, words.count >= length else { return [] }
        return Set((0...(words.count - length)).map { Array(words[$0..<($0 + length)]) })
    }

    /// The first run of `length` words of `option` that the module text has too, if any.
    static func copiedRun(in option: String, from textRuns: Set<[String]>, length: Int) -> String? {
        let optionWords = words(option)
        guard optionWords.count >= length else { return nil }
        for start in 0...(optionWords.count - length) where textRuns.contains(Array(optionWords[start..<(start + length)])) {
            return optionWords[start..<(start + length)].joined(separator: " ")
        }
        return nil
    }
}
