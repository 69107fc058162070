/// How the tokeniser treats one Unicode scalar of the original text.
///
/// Letters, marks and numbers make up words. The other classes only matter between two word
/// characters: they join words into compounds (`KI-forordningen`, `2024/1689`, `26(2)`), keep an
/// apostrophe inside a word (`patient's`), or vanish inside a word (soft hyphen).
enum ScalarClass: UInt8 {
    /// Anything that ends a word: spaces, punctuation, symbols, controls, invalid UTF-8.
    case separator
    /// General category L*: a word character that makes the word stemmable.
    case letter
    /// General category N*: a word character; a word of numbers alone is not stemmed.
    case number
    /// General category M*: a word character (combining accents and the like).
    case mark
    /// Soft hyphen, zero-width joiner/non-joiner, word joiner, BOM: removed inside a word.
    case ignorable
    /// `'` or `’` (U+2019): kept inside a word as `'`, a separator elsewhere.
    case apostrophe
    /// `-`, U+2010 and U+2011: join two words into a compound.
    case hyphen
    /// `/`: joins two words (`2024/1689`).
    case slash
    /// `.`: joins two words (`f.eks`, `1.1.2025`, `ous-hf.no`).
    case dot
    /// `,`: joins two numbers (`3,5`).
    case comma
    /// `:`: joins two numbers (`10:30`).
    case colon
    /// `(`: joins a word to a parenthesised word that follows (`26(2)`).
    case openParenthesis
    /// `)`: closes a parenthesis opened inside a compound.
    case closeParenthesis

    /// Whether the scalar is part of a word.
    var isWordCharacter: Bool {
        switch self {
        case .letter, .number, .mark: true
        default: false
        }
    }

    /// The class of an ASCII byte.
    static func ascii(_ byte: UInt8) -> ScalarClass {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): .letter
        case UInt8(ascii: "0")...UInt8(ascii: "9"): .number
        case UInt8(ascii: "'"): .apostrophe
        case UInt8(ascii: "-"): .hyphen
        case UInt8(ascii: "/"): .slash
        case UInt8(ascii: "."): .dot
        case UInt8(ascii: ","): .comma
        case UInt8(ascii: ":"): .colon
        case UInt8(ascii: "("): .openParenthesis
        case UInt8(ascii: ")"): .closeParenthesis
        default: .separator
        }
    }

    /// The class of a non-ASCII scalar.
    static func nonASCII(_ scalar: Unicode.Scalar) -> ScalarClass {
        switch scalar.value {
        case 0x2010, 0x2011: return .hyphen
        case 0x2019: return .apostrophe
        case 0x00AD, 0x200C, 0x200D, 0x2060, 0xFEFF: return .ignorable
        default: break
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .letter
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        case .decimalNumber, .letterNumber, .otherNumber:
            return .number
        default:
            return .separator
        }
    }
}
