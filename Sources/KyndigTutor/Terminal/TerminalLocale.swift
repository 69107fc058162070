import CLibedit
import Foundation

/// The C library's character locale, which decides how libedit decodes keystrokes and whether
/// the terminal can show the tutor's own symbols (•, ✔, …).
public enum TerminalLocale {
    /// Adopts the user's character locale (`LC_ALL`, `LC_CTYPE` or `LANG`) and says whether it is
    /// UTF-8. A C program starts in the "C" locale, where libedit drops every byte above 127, so
    /// æ, ø and å typed at the prompt never arrive; this must run before libedit starts. Only
    /// `LC_CTYPE` is adopted: number and date formats stay as they were.
    @discardableResult
    public static func adopt() -> Bool {
        setlocale(LC_CTYPE, "")
        return isUTF8
    }

    /// Whether the current `LC_CTYPE` encodes text as UTF-8 ("UTF-8", "utf8").
    public static var isUTF8: Bool {
        guard let codeset = kyndig_locale_codeset() else { return false }
        return String(cString: codeset).lowercased().filter { $0.isLetter || $0.isNumber } == "utf8"
    }
}
