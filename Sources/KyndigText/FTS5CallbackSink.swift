internal import GRDB

/// Hands terms to SQLite's `xToken` callback.
struct FTS5CallbackSink: TermSink {
    let context: UnsafeMutableRawPointer?
    let callback: FTS5TokenCallback
    var resultCode: CInt = 0

    mutating func accept(_ term: ScannedTerm) -> Bool {
        guard let base = term.bytes.baseAddress else { return true }
        let code = callback(
            context,
            term.isColocated ? FTS5TokenFlags.colocated.rawValue : 0,
            UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
            CInt(term.bytes.count),
            CInt(term.utf8Start),
            CInt(term.utf8End))
        if code != 0 {
            resultCode = code
            return false
        }
        return true
    }
}
