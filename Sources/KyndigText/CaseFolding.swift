internal import Foundation

/// The normalisation applied to every word before stop-word lookup and stemming.
///
/// `fold(_:)` is the single definition, used as is for single words (`Analyzer.stem(_:)`,
/// `kyndig analyze --stems`) and, with non-word characters dropped, for words found in text:
///
/// 1. `’` (U+2019) becomes `'`; soft hyphen, ZWJ, ZWNJ, word joiner and BOM are removed;
/// 2. Unicode NFKC (`ﬁ` → `fi`, `ＫＩ` → `KI`, `e` + U+0301 → `é`, `²` → `2`);
/// 3. lower-casing with Unicode's default full lower-case mapping, scalar by scalar
///    (`Æ` → `æ`, `İ` → `i̇`; no context-dependent rules such as Greek final sigma).
///
/// The Python check (`scripts/check-stems.py`) applies exactly these steps before calling
/// libstemmer, so both sides stem the same bytes.
enum CaseFolding {
    /// Scalars removed by step 1.
    static func isIgnorable(_ value: UInt32) -> Bool {
        value == 0x00AD || value == 0x200C || value == 0x200D || value == 0x2060 || value == 0xFEFF
    }

    /// Folds a string: apostrophes and ignorables, NFKC, then lower case.
    static func fold(_ text: String) -> String {
        var prepared = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0x2019 {
                prepared.append("'")
            } else if !isIgnorable(scalar.value) {
                prepared.append(scalar)
            }
        }
        let normalized = String(prepared).precomposedStringWithCompatibilityMapping
        var lowered = String.UnicodeScalarView()
        for scalar in normalized.unicodeScalars {
            lowered.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        return String(lowered)
    }

    /// Folds a word found in text: `fold(_:)`, then every scalar that is neither a word
    /// character nor an apostrophe is dropped (NFKC can turn `½` into `1⁄2`).
    static func foldWord(_ word: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in fold(word).unicodeScalars {
            if scalar == "'" || scalarClass(of: scalar).isWordCharacter {
                kept.append(scalar)
            }
        }
        return String(kept)
    }

    /// The class of any scalar.
    static func scalarClass(of scalar: Unicode.Scalar) -> ScalarClass {
        scalar.isASCII ? ScalarClass.ascii(UInt8(scalar.value)) : ScalarClass.nonASCII(scalar)
    }
}
