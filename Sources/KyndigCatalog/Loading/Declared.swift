import KyndigCore

// One broken file must give one problem, not a cascade of false ones elsewhere ("unknown
// obligation" in every module after one bad date, "module has no 'en' version" when en.md exists
// but failed to parse). So the loader remembers what was declared but did not load, and the
// cross-file checks treat it as present without checking anything against it.

/// The ids a curricula file declares, including entries that failed to load.
struct DeclaredIDs {
    /// Entries that loaded.
    private(set) var loaded: Set<String> = []
    /// Entries whose id was read but that have a bad field (reported where it is).
    private(set) var failed: Set<String> = []
    /// False when the file, or the id of one of its entries, could not be read: any id may then be
    /// the one that is missing, so no reference is reported as unknown.
    var isComplete = true

    mutating func add(_ id: String, loaded: Bool) {
        if loaded { self.loaded.insert(id) } else { failed.insert(id) }
    }

    /// Every declared id, loaded or not.
    var all: Set<String> { loaded.union(failed) }

    /// Whether a reference to `id` is a problem of its own rather than a consequence of a broken
    /// entry or file.
    func isUnknown(_ id: String) -> Bool { isComplete && !all.contains(id) }

    /// "Did you mean …?" for an unknown id.
    func suggestion(for id: String) -> String? { Suggestion.other(than: id, in: all) }
}

/// The entries of a curricula file that loaded, and the ids it declares.
struct ParsedEntries<Entry> {
    var entries: [Entry] = []
    var ids = DeclaredIDs()
}

/// Module texts or quiz pools, one file per module and language: those that loaded, and those
/// whose file exists but failed to load (already reported; never "missing").
struct PerLanguageFiles<File> {
    var loaded: [String: [Language: File]] = [:]
    var failed: [String: Set<Language>] = [:]

    /// Whether the file for `id` in `language` exists, loaded or not.
    func exists(_ id: String, _ language: Language) -> Bool {
        loaded[id]?[language] != nil || failed[id]?.contains(language) == true
    }

    /// Module ids with at least one file, loaded or not.
    var ids: Set<String> { Set(loaded.keys).union(failed.keys) }

    /// Languages with at least one file, loaded or not.
    var languages: Set<Language> { Set(loaded.values.flatMap(\.keys)).union(failed.values.flatMap { $0 }) }
}

extension Suggestion {
    /// The nearest candidate other than `word` itself: "did you mean 'x'?" about 'x' only confuses.
    static func other(than word: String, in candidates: some Sequence<String>) -> String? {
        nearest(word, in: candidates.filter { $0 != word })
    }
}
