/// Splits a block of plain text into sentences: after `.`, `!` or `?` (and any closing quote or
/// bracket) followed by a space and a capital letter or an opening quote, except after a known
/// abbreviation ("f.eks.", "art.", "e.g.") or an initial. Rule-based on purpose: a sentence is
/// what an answer quotes, and a wrong split only ever shortens a quote, never alters it.
enum Sentences {
    /// Abbreviations after which a period does not end a sentence (lower case, without the final period).
    static let abbreviations: Set<String> = [
        // bokmål
        "f.eks", "bl.a", "dvs", "mv", "m.v", "osv", "ca", "nr", "art", "jf", "pkt", "kap", "mill", "mrd", "inkl", "evt",
        "ev", "t.o.m", "o.l", "e.l", "m.m", "ifm", "iht", "mht", "pga", "vha", "st", "tlf", "hhv", "ref", "avd",
        // English
        "e.g", "i.e", "etc", "no", "vs", "cf", "para", "paras", "dr", "mr", "ms", "mrs", "prof", "approx", "fig", "sec", "ch",
    ]

    /// The sentences of `text` as character offset ranges, trimmed of surrounding spaces.
    static func ranges(in text: String) -> [Passage.SentenceRange] {
        let characters = Array(text)
        var ranges: [Passage.SentenceRange] = []
        var start = 0
        var index = 0
        func close(at end: Int) {
            var from = start, to = end
            while from < to, characters[from].isWhitespace { from += 1 }
            while to > from, characters[to - 1].isWhitespace { to -= 1 }
            if from < to { ranges.append(Passage.SentenceRange(start: from, end: to)) }
            start = end
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\n" && index + 1 < characters.count && characters[index + 1] == "\n" {
                close(at: index)  // blocks never share a sentence
            } else if ".!?".contains(character) && endsSentence(characters, at: index) {
                var end = index + 1
                while end < characters.count, "\"”»)’'".contains(characters[end]) { end += 1 }
                close(at: end)
                index = end
                continue
            }
            index += 1
        }
        close(at: characters.count)
        return ranges
    }

    private static func endsSentence(_ characters: [Character], at index: Int) -> Bool {
        var next = index + 1
        while next < characters.count, "\"”»)’'".contains(characters[next]) { next += 1 }
        guard next < characters.count else { return true }
        guard characters[next].isWhitespace else { return false }
        while next < characters.count, characters[next] == " " { next += 1 }
        guard next < characters.count else { return true }
        let following = characters[next]
        guard following.isUppercase || "«\"“(".contains(following) || following == "\n" else { return false }
        guard characters[index] == "." else { return true }
        // The word before the period: an abbreviation or a single-letter initial does not end a sentence.
        var wordStart = index
        while wordStart > 0, !characters[wordStart - 1].isWhitespace, !"(«\"“".contains(characters[wordStart - 1]) { wordStart -= 1 }
        let word = String(characters[wordStart..<index]).lowercased()
        if word.count == 1, word.first?.isLetter == true { return false }
        return !abbreviations.contains(word)
    }
}
