public import KyndigCore
/// The Snowball project's stop-word lists (snowballstem.org, `algorithms/<language>/stop.txt`),
/// shipped as Swift arrays so the analysis needs no resource bundle next to the binary.
///
/// They are part of the analysis, not course content: changing them changes the index, so a new
/// list means re-indexing. Words are already folded (lower case, NFKC); an in-word `’` in text is
/// folded to `'` before lookup, so `don’t` is a stop word like `don't`.
public enum StopWords {
    /// The list for a language.
    public static func list(for language: Language) -> [String] {
        switch language {
        case .nb: norwegian
        case .en: english
        }
    }
}
