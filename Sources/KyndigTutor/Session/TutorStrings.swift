import Foundation
import KyndigCore
import KyndigServices
import KyndigStore

/// Every sentence the tutor says, in bokmål and English. Course content has its own language
/// files; these are only the tutor's own words.
struct TutorStrings {
    let language: Language
    /// Quotes, dashes and ellipses: Unicode, or ASCII when the locale is not UTF-8.
    let symbols: Symbols

    private func pick(_ nb: String, _ en: String) -> String { language == .nb ? nb : en }

    /// A quoted name: «name» in bokmål, "name" in English (and in ASCII).
    private func quoted(_ text: String) -> String {
        language == .nb ? "\(symbols.openQuote)\(text)\(symbols.closeQuote)" : "\"\(text)\""
    }

    private var ellipsis: String { symbols.ellipsis }
    private var dash: String { symbols.dash }

    func greeting(_ name: String) -> String { pick("Hei, \(name)!", "Hello, \(name)!") }
    var roles: String { pick("Roller", "Roles") }
    var unit: String { pick("Enhet", "Unit") }
    var requirements: String { pick("Dine krav", "Your requirements") }
    var progress: String { pick("Fullført", "Completed") }
    var noRequirements: String { pick("Du har ingen krav akkurat nå.", "You have no requirements right now.") }
    var allMet: String { pick("Alle kravene dine er oppfylt. Bra jobbet!", "All your requirements are met. Well done!") }
    func next(_ module: String, _ title: String) -> String {
        pick("Neste steg: les /read \(module) (\(quoted(title))) og ta /quiz \(module).",
             "Next: read /read \(module) (\(quoted(title))) and take /quiz \(module).")
    }
    func continueQuiz(_ module: String) -> String {
        pick("Neste steg: fortsett quizen med /quiz \(module).", "Next: continue the quiz with /quiz \(module).")
    }
    func due(_ date: String) -> String { pick("frist \(date)", "due \(date)") }
    func passedOn(_ date: String) -> String { pick("bestått \(date)", "passed \(date)") }

    func state(_ state: RequirementStatus.State) -> String { StatusWords.state(state, in: language) }

    func languageName(_ language: Language) -> String {
        switch language {
        case .nb: pick("norsk (bokmål)", "Norwegian (bokmål)")
        case .en: pick("engelsk", "English")
        }
    }

    var help: String {
        pick("Kommandoer (Tab fullfører, pil opp henter forrige linje, Ctrl-R søker, Ctrl-C tømmer linjen):",
             "Commands (Tab completes, Up recalls the previous line, Ctrl-R searches, Ctrl-C clears the line):")
    }
    var quizHelp: String {
        pick("I en quiz: svar med nummer eller bokstav (1 eller a; flere som 1,3). /pause tar en pause; /status, /modules, /help og /lang virker også.",
             "In a quiz: answer by number or letter (1 or a; several as 1,3). /pause takes a break; /status, /modules, /help and /lang work too.")
    }
    var typeHelp: String { pick("Skriv /help for kommandoene.", "Type /help for the commands.") }
    var noSearchIndex: String {
        pick("Jeg kan ikke svare på spørsmål nå: søkeindeksen mangler. Be den som drifter Kyndig kjøre kyndig sync.",
             "I cannot answer questions right now: the search index is missing. Ask whoever runs Kyndig to run kyndig sync.")
    }
    func source(_ module: String, _ section: String, _ title: String, _ version: String) -> String {
        pick("Kilde: \(module) \(symbols.section)\(section) \(symbols.openQuote)\(title)\(symbols.closeQuote), v\(version)",
             "Source: \(module) \(symbols.section)\(section) \"\(title)\", v\(version)")
    }
    func openSection(_ module: String, _ section: String) -> String {
        pick("Les hele delen: /read \(module) \(section)", "Read the whole section: /read \(module) \(section)")
    }
    func unknownCommand(_ command: String, suggestion: String?) -> String {
        let hint = suggestion.map { pick(" Mente du \($0)?", " Did you mean \($0)?") } ?? ""
        return pick("Ukjent kommando \(command).\(hint) Skriv /help for alle kommandoene.",
                    "Unknown command \(command).\(hint) Type /help for all commands.")
    }
    func notDuringQuiz(_ command: String) -> String {
        pick("\(command) kan ikke brukes midt i en quiz. Svar på spørsmålet, eller ta /pause først (svarene dine er lagret).",
             "\(command) is not available during a quiz. Answer the question, or /pause first (your answers are saved).")
    }
    func unknownModule(_ id: String, suggestion: String?) -> String {
        let hint = suggestion.map { pick(" Mente du \($0)?", " Did you mean \($0)?") } ?? ""
        return pick("Fant ingen modul \(quoted(id)).\(hint) Skriv /modules for dine moduler.",
                    "No module \(quoted(id)).\(hint) Type /modules for your modules.")
    }
    func unknownSection(_ anchor: String, _ choices: String) -> String {
        pick("Fant ingen del \(quoted(anchor)). Delene er: \(choices).", "No section \(quoted(anchor)). The sections are: \(choices).")
    }
    /// Said above a `##` section opened for one of its `###` subsections.
    func askedForSubsection(_ title: String, _ citation: String) -> String {
        pick("Du ba om \(quoted(title)) (\(citation)). Den står i denne delen, merket med \(symbols.pointer).",
             "You asked for \(quoted(title)) (\(citation)). It is part of this section, marked with \(symbols.pointer).")
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
        pick("Quiz: \(title). \(count) spørsmål; du trenger \(needed) riktige for å bestå. Svar med nummer (1, 2\(ellipsis)) eller bokstav (a, b\(ellipsis)); /pause tar en pause.",
             "Quiz: \(title). \(count) questions; you need \(needed) right to pass. Answer by number (1, 2\(ellipsis)) or letter (a, b\(ellipsis)); /pause takes a break.")
    }
    func quizResumed(_ title: String, _ answered: Int, _ total: Int) -> String {
        pick("Fortsetter quizen i \(quoted(title)): \(answered) av \(total) besvart, svarene er lagret.",
             "Continuing the quiz in \(quoted(title)): \(answered) of \(total) answered, your answers are saved.")
    }
    /// An open quiz started in the other language goes on in that language: its questions and
    /// options were drawn, and are scored, in it.
    func quizContinuesIn(_ quizLanguage: Language) -> String {
        pick("Quizen fortsetter på \(languageName(quizLanguage)), språket den ble startet på.",
             "The quiz continues in \(languageName(quizLanguage)), the language it was started in.")
    }
    /// A module not written in the learner's language is quizzed in the language it has.
    func quizOnlyIn(_ quizLanguage: Language) -> String {
        pick("Denne modulen finnes bare på \(languageName(quizLanguage)), så quizen er på \(languageName(quizLanguage)).",
             "This module is only available in \(languageName(quizLanguage)), so the quiz is in \(languageName(quizLanguage)).")
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
        case let .notAnOption(token): pick("\(quoted(token)) er ikke et svaralternativ. Bruk 1\(dash)\(count) eller a\(dash)\(letter(count)).", "\(quoted(token)) is not an option. Use 1\(dash)\(count) or a\(dash)\(letter(count)).")
        case let .outOfRange(number): pick("Det finnes ikke noe alternativ \(number). Bruk 1\(dash)\(count).", "There is no option \(number). Use 1\(dash)\(count).")
        case .severalForSingle: pick("Dette spørsmålet har bare ett riktig svar. Velg ett.", "This question has one right answer. Choose one.")
        }
    }
    var answeredElsewhere: String {
        pick("Dette spørsmålet ble allerede besvart i en annen økt; det første svaret gjelder. Vi går videre.",
             "This question was already answered in another session; the first answer stands. Moving on.")
    }
    /// Always names the module, so the learner knows what to type to go on.
    func paused(_ module: String) -> String {
        pick("Quizen er satt på pause. Svarene dine er lagret; fortsett med /quiz \(module).",
             "The quiz is paused. Your answers are saved; continue with /quiz \(module).")
    }
    func result(_ correct: Int, _ total: Int, _ percent: Int, passed: Bool, _ markPercent: Int) -> String {
        passed
            ? pick("Resultat: \(correct)/\(total) (\(percent) %). Bestått! (grensen er \(markPercent) %)", "Score: \(correct)/\(total) (\(percent) %). Passed! (the pass mark is \(markPercent) %)")
            : pick("Resultat: \(correct)/\(total) (\(percent) %). Ikke bestått denne gangen (grensen er \(markPercent) %). Du kan prøve igjen.", "Score: \(correct)/\(total) (\(percent) %). Not passed this time (the pass mark is \(markPercent) %). You can try again.")
    }
    func recorded(_ version: String, _ hash: String) -> String {
        // Short enough for one line at 80 columns: the evidence reads best unbroken.
        pick("Fullføringen er registrert med modulversjon \(version) og sjekksum \(hash).",
             "Your pass is recorded with module version \(version) and content hash \(hash).")
    }
    var review: String { pick("Les gjerne igjen:", "Worth rereading:") }
    func unfinishedQuiz(_ title: String, _ answered: Int, _ total: Int) -> String {
        pick("Du har en uferdig quiz i \(quoted(title)) (\(answered) av \(total) besvart).",
             "You have an unfinished quiz in \(quoted(title)) (\(answered) of \(total) answered).")
    }
    var resumePrompt: String { pick("Fortsette nå? [J/n] ", "Resume now? [Y/n] ") }
    var answerYesOrNo: String {
        pick("Svar j (ja) eller n (nei), eller skriv en kommando som /help.", "Please answer y (yes) or n (no), or type a command such as /help.")
    }

    /// Yes or no in either language (a learner may answer in the other one); Enter alone is yes.
    /// Nil when the input is neither.
    func yesOrNo(_ input: String) -> Bool? {
        let answer = input.trimmed.lowercased()
        if answer.isEmpty || ["j", "ja", "y", "yes"].contains(answer) { return true }
        if ["n", "nei", "no"].contains(answer) { return false }
        return nil
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

    // The database

    /// Said once while the tutor waits for another program to finish writing.
    var databaseBusy: String {
        pick("Databasen er opptatt (noen andre lagrer akkurat nå). Prøver igjen om noen sekunder\(ellipsis)",
             "The database is busy (someone else is saving right now). Trying again in a few seconds\(ellipsis)")
    }
    /// The answer is kept in memory; Enter alone at the answer prompt saves it again.
    func answerNotSaved(_ answer: String) -> String {
        pick("Svaret ditt \(quoted(answer)) ble IKKE lagret, for databasen er fortsatt opptatt. Trykk Enter for å prøve igjen, skriv et annet svar, eller /pause.",
             "Your answer \(quoted(answer)) was NOT saved: the database is still busy. Press Enter to try again, type another answer, or /pause.")
    }
    /// After a failure of the learner service (its own words are said first).
    func answerNotSent(_ answer: String) -> String {
        pick("Svaret ditt \(quoted(answer)) ble IKKE lagret. Trykk Enter for å prøve igjen, skriv et annet svar, eller /pause.",
             "Your answer \(quoted(answer)) was NOT saved. Press Enter to try again, type another answer, or /pause.")
    }

    /// Every answer given is saved; only the next step waits for the database.
    func busyPaused(_ module: String) -> String {
        pick("Databasen er fortsatt opptatt. Svarene dine så langt er lagret; fortsett med /quiz \(module) om litt.",
             "The database is still busy. Your answers so far are saved; continue with /quiz \(module) in a moment.")
    }
    /// Leaving the quiz with an answer the database did not take: the question comes back.
    func unsavedAskedAgain(_ answer: String) -> String {
        pick("Svaret \(quoted(answer)) ble ikke lagret; du får spørsmålet igjen når du fortsetter.",
             "Your answer \(quoted(answer)) was not saved; you will get this question again when you continue.")
    }
    var stillBusy: String {
        pick("Databasen er fortsatt opptatt, så ingenting ble endret. Prøv igjen om litt.",
             "The database is still busy, so nothing was changed. Please try again in a moment.")
    }

    /// A storage failure the tutor cannot work around: one line, then the tutor ends.
    func storeFailure(_ error: StoreError) -> String {
        let path = error.path ?? pick("databasen", "the database")
        return switch error.code {
        case .notFound:
            pick("Fant ikke databasen \(quoted(path)) lenger, så Kyndig avslutter. Sjekk --db og start på nytt.",
                 "The database \(quoted(path)) is no longer there, so the tutor stops. Check --db and start again.")
        case .cannotOpen:
            pick("Databasen \(quoted(path)) kan ikke åpnes, så Kyndig avslutter. Sjekk filen og tilgangen til den, og start på nytt.",
                 "The database \(quoted(path)) cannot be opened, so the tutor stops. Check the file and its permissions, and start again.")
        case .newerSchema:
            pick("Databasen er skrevet av en nyere Kyndig, så Kyndig avslutter. Oppdater Kyndig.",
                 "The database was written by a newer Kyndig, so the tutor stops. Please update Kyndig.")
        case .outdatedSchema:
            pick("Databasen er skrevet av en eldre Kyndig, så Kyndig avslutter. Oppgrader den med kyndig sync og start på nytt.",
                 "The database was written by an older Kyndig, so the tutor stops. Upgrade it with kyndig sync and start again.")
        case .damagedRow:
            pick("Databasen har en skadet post, så Kyndig avslutter. Svarene du har gitt, er lagret; si fra til Kyndig-ansvarlig.",
                 "The database holds a damaged record, so the tutor stops. The answers you gave are saved; please tell your Kyndig administrator.")
        case .unknownAttempt:
            pick("Fant ikke quizen i databasen, så Kyndig avslutter. Start på nytt og ta /quiz igjen.",
                 "The quiz was not found in the database, so the tutor stops. Start again and take /quiz again.")
        case .busy:
            pick("Databasen er fortsatt opptatt, så Kyndig avslutter. Svarene du har gitt, er lagret; prøv igjen om litt.",
                 "The database is still busy, so the tutor stops. The answers you gave are saved; please try again in a moment.")
        }
    }
}

private func letter(_ count: Int) -> String {
    String(UnicodeScalar(UInt8(96 + min(max(count, 1), 26))))
}
