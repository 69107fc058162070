import KyndigCore

/// The tutor's slash commands: one list feeds /help, Tab completion and "did you mean".
enum TutorCommand: String, CaseIterable {
    case modules, read, next, prev, quiz, ask, status, lang, help, quit

    var usage: String {
        switch self {
        case .read: "/read MODULE [SECTION]"
        case .quiz: "/quiz MODULE"
        case .lang: "/lang nb|en"
        case .ask: "/ask QUESTION"
        default: "/\(rawValue)"
        }
    }

    func summary(_ language: Language) -> String {
        switch (self, language) {
        case (.modules, .nb): "dine moduler med status, versjon og lesetid"
        case (.modules, .en): "your modules with status, version and reading time"
        case (.read, .nb): "les en modul, én del om gangen"
        case (.read, .en): "read a module, one section at a time"
        case (.next, .nb): "neste del av modulen du leser"
        case (.next, .en): "the next section of the module you are reading"
        case (.prev, .nb): "forrige del"
        case (.prev, .en): "the previous section"
        case (.quiz, .nb): "ta quizen for en modul (eller fortsett en påbegynt)"
        case (.quiz, .en): "take a module's quiz (or continue an unfinished one)"
        case (.ask, .nb): "still et spørsmål; svaret er sitert fra kurset med kilde (eller bare skriv spørsmålet)"
        case (.ask, .en): "ask a question; the answer is quoted from the course with its source (or just type it)"
        case (.status, .nb): "kravene dine, status og frister"
        case (.status, .en): "your requirements, status and due dates"
        case (.lang, .nb): "bytt språk (norsk bokmål eller engelsk)"
        case (.lang, .en): "switch language (Norwegian bokmål or English)"
        case (.help, .nb): "denne oversikten"
        case (.help, .en): "this overview"
        case (.quit, .nb): "avslutt (også Ctrl-D); alt er lagret"
        case (.quit, .en): "leave (also Ctrl-D); everything is saved"
        }
    }
}
