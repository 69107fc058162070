import Foundation
import KyndigCore
import KyndigServices

/// Every sentence the tutor says, in bokmål and English. Course content has its own language
/// files; these are only the tutor's own words.
struct TutorStrings {
    let language: Language

    private func pick(_ nb: String, _ en: String) -> String { language == .nb ? nb : en }

    func greeting(_ name: String) -> String { pick("Hei, \(name)!", "Hello, \(name)!") }
    var roles: String { pick("Roller", "Roles") }
    var unit: String { pick("Enhet", "Unit") }
    var requirements: String { pick("Dine krav", "Your requirements") }
    var progress: String { pick("Fullført", "Completed") }
    var noRequirements: String { pick("Du har ingen krav akkurat nå.", "You have no requirements right now.") }
    var allMet: String { pick("Alle kravene dine er oppfylt. Bra jobbet!", "All your requirements are met. Well done!") }
    func next(_ module: String, _ title: String) -> String {
        pick("Neste steg: les /read \(module) («\(title)») og ta /quiz \(module).",
             "Next: read /read \(module) (\"\(title)\") and take /quiz \(module).")
    }
    func continueQuiz(_ module: String) -> String {
        pick("Neste steg: fortsett quizen med /quiz \(module).", "Next: continue the quiz with /quiz \(module).")
    }
    func due(_ date: String) -> String { pick("frist \(date)", "due \(date)") }
    func passedOn(_ date: String) -> String { pick("bestått \(date)", "passed \(date)") }

    func state(_ state: RequirementStatus.State) -> String {
        switch state {
        case .met: pick("oppfylt", "met")
        case .inProgress: pick("påbegynt", "in progress")
        case .notStarted: pick("ikke startet", "not started")
        case .overdue: pick("forfalt", "overdue")
        }
    }

    var help: String {
        pick("Kommandoer (Tab fullfører, pil opp henter forrige linje, Ctrl-R søker, Ctrl-C tømmer linjen):",
             "Commands (Tab completes, Up recalls the previous line, Ctrl-R searches, Ctrl-C clears the line):")
    }
    var typeHelp: String { pick("Skriv /help for kommandoene.", "Type /help for the commands.") }
    var questionsNotYet: String {
        pick("Spørsmål til kursmateriellet kommer snart. Bruk /read for å lese modulene, og /help for kommandoene.",
             "Questions about the course material are coming soon. Use /read to read the modules and /help for commands.")
    }
    func unknownCommand(_ command: String, suggestion: String?) -> String {
        let hint = suggestion.map { pick(" Mente du \($0)?", " Did you mean \($0)?") } ?? ""
        return pick("Ukjent kommando \(command).\(hint) Skriv /help for alle kommandoene.",
                    "Unknown command \(command).\(hint) Type /help for all commands.")
    }
    func unknownModule(_ id: String, suggestion: String?) -> String {
        let hint = suggestion.map { pick(" Mente du \($0)?", " Did you mean \($0)?") } ?? ""
        return pick("Fant ingen modul «\(id)».\(hint) Skriv /modules for dine moduler.",
                    "No module \"\(id)\".\(hint) Type /modules for your modules.")
    }
    func unknownSection(_ anchor: String, _ choices: String) -> String {
        pick("Fant ingen del «\(anchor)». Delene er: \(choices).", "No section \"\(anchor)\". The sections are: \(choices).")
    }
    func usage(_ text: String) -> String { pick("Bruk: \(text)", "Usage: \(text)") }
    var nothingToRead: String { pick("Velg en modul først: /read MODUL.", "Choose a module first: /read MODULE.") }
    var lastSection: String { pick("Dette var siste del. Ta quizen med /quiz", "That was the last section. Take the quiz with /quiz") }
    var firstSection: String { pick("Dette er første del.", "This is the first section.") }
    func sectionOf(_ index: Int, _ count: Int) -> String { pick("Del \(index) av \(count)", "Section \(index) of \(count)") }
    var readHint: String { pick("/next for neste del, /prev for forrige, /quiz for quizen.", "/next for the next section, /prev for the previous one, /quiz for the quiz.") }
    var objectives: String { pick("Etter modulen skal du kunne", "After this module you can") }
    func minutes(_ n: Int) -> String { pick("ca. \(n) min", "about \(n) min") }
    var languageSet: String { pick("Språket er nå norsk (bokmål).", "The language is now English.") }
    var goodbye: String { pick("Ha det! Fremdriften din er lagret.", "Goodbye! Your progress is saved.") }

    // Quiz
    func quizIntro(_ title: String, _ count: Int, _ needed: Int) -> String {
        pick("Quiz: \(title). \(count) spørsmål; du trenger \(needed) riktige for å bestå. Svar med nummer (1, 2 …) eller bokstav (a, b …); /pause tar en pause.",
             "Quiz: \(title). \(count) questions; you need \(needed) right to pass. Answer by number (1, 2 …) or letter (a, b …); /pause takes a break.")
    }
    func quizResumed(_ title: String, _ answered: Int, _ total: Int) -> String {
        pick("Fortsetter quizen i «\(title)»: \(answered) av \(total) besvart, svarene er lagret.",
             "Continuing the quiz in \"\(title)\": \(answered) of \(total) answered, your answers are saved.")
    }
    func question(_ n: Int, _ total: Int) -> String { pick("Spørsmål \(n)/\(total)", "Question \(n)/\(total)") }
    var chooseOne: String { pick("Velg ett svar.", "Choose one answer.") }
    var chooseSeveral: String { pick("Velg ett eller flere svar, f.eks. 1,3.", "Choose one or more answers, e.g. 1,3.") }
    var answerPrompt: String { pick("svar> ", "answer> ") }
    var right: String { pick("Riktig!", "Right!") }
    func wrong(_ answer: String) -> String { pick("Ikke helt. Riktig svar: \(answer)", "Not quite. The right answer: \(answer)") }
    func reread(_ citation: String) -> String { pick("Les mer: \(citation)", "Read more: \(citation)") }
    func badAnswer(_ failure: AnswerParser.Failure, count: Int) -> String {
        switch failure {
        case .empty: pick("Skriv nummeret eller bokstaven til svaret.", "Type the number or letter of your answer.")
        case let .notAnOption(token): pick("«\(token)» er ikke et svaralternativ. Bruk 1–\(count) eller a–\(letter(count)).", "\"\(token)\" is not an option. Use 1–\(count) or a–\(letter(count)).")
        case let .outOfRange(number): pick("Det finnes ikke noe alternativ \(number). Bruk 1–\(count).", "There is no option \(number). Use 1–\(count).")
        case .severalForSingle: pick("Dette spørsmålet har bare ett riktig svar. Velg ett.", "This question has one right answer. Choose one.")
        }
    }
    var answeredElsewhere: String {
        pick("Dette spørsmålet ble allerede besvart i en annen økt; det første svaret gjelder. Vi går videre.",
             "This question was already answered in another session; the first answer stands. Moving on.")
    }
    var paused: String { pick("Quizen er satt på pause. Svarene dine er lagret; fortsett med /quiz", "The quiz is paused. Your answers are saved; continue with /quiz") }
    func result(_ correct: Int, _ total: Int, _ percent: Int, passed: Bool, _ markPercent: Int) -> String {
        passed
            ? pick("Resultat: \(correct)/\(total) (\(percent) %). Bestått! (grensen er \(markPercent) %)", "Score: \(correct)/\(total) (\(percent) %). Passed! (the pass mark is \(markPercent) %)")
            : pick("Resultat: \(correct)/\(total) (\(percent) %). Ikke bestått denne gangen (grensen er \(markPercent) %). Du kan prøve igjen.", "Score: \(correct)/\(total) (\(percent) %). Not passed this time (the pass mark is \(markPercent) %). You can try again.")
    }
    func recorded(_ version: String, _ hash: String) -> String {
        pick("Fullføringen er registrert med modulversjon \(version) og innholdssjekksum \(hash).",
             "Your completion is recorded with module version \(version) and content hash \(hash).")
    }
    var review: String { pick("Les gjerne igjen:", "Worth rereading:") }
    func resumeOffer(_ title: String, _ answered: Int, _ total: Int) -> String {
        pick("Du har en uferdig quiz i «\(title)» (\(answered) av \(total) besvart). Fortsette nå? [J/n] ",
             "You have an unfinished quiz in \"\(title)\" (\(answered) of \(total) answered). Resume now? [Y/n] ")
    }
    func yes(_ input: String) -> Bool {
        let answer = input.trimmed.lowercased()
        return answer.isEmpty || ["j", "ja", "y", "yes"].contains(answer)
    }
    var moduleChanged: String {
        pick("Modulen er endret siden du startet den uferdige quizen. Den er avsluttet uten resultat (verken bestått eller ikke bestått); her er en ny.",
             "The module has changed since you started your unfinished quiz. That attempt is closed without a result (neither passed nor failed); here is a new one.")
    }
    func quizProblem(_ problem: QuizProblem) -> String {
        switch problem {
        case let .unknownModule(id): unknownModule(id, suggestion: nil)
        case let .noQuizPool(id, _): pick("Modulen \(id) har ingen quiz.", "The module \(id) has no quiz.")
        case .unknownAttempt, .notYourAttempt:
            pick("Fant ikke quizen. Start den på nytt med /quiz.", "That quiz was not found. Start it again with /quiz.")
        case .attemptClosed:
            pick("Quizen er allerede avsluttet, kanskje i en annen økt. Se /status.", "The quiz was already closed, perhaps in another session. See /status.")
        case .moduleChanged:
            pick("Modulen ble endret mens du tok quizen. Quizen er avsluttet uten resultat; start en ny med /quiz.",
                 "The module changed while you were taking the quiz. It is closed without a result; start a new one with /quiz.")
        case .positionOutOfRange, .invalidChoice:
            pick("Svaret passer ikke til spørsmålet. Prøv igjen.", "That answer does not fit the question. Try again.")
        case .unanswered:
            pick("Noen spørsmål er ikke besvart ennå; fortsett med /quiz.", "Some questions are not answered yet; continue with /quiz.")
        }
    }
    var trueWord: String { pick("Sant", "True") }
}

private func letter(_ count: Int) -> String {
    String(UnicodeScalar(UInt8(96 + min(max(count, 1), 26))))
}
