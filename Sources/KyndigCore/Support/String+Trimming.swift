extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, line breaks, NBSP).
    /// Native, so hot loops (a 100,000-row roster) avoid Foundation's much slower NSString path.
    public var trimmed: String {
        // Already trimmed when it begins and ends with ASCII that is not white space (most text).
        if let first = unicodeScalars.first, let last = unicodeScalars.last, first.isASCII, last.isASCII, !first.isSpace, !last.isSpace {
            return String(self)
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isSpace })!
        if first == startIndex && scalars.index(after: last) == endIndex { return String(self) }
        return String(self[first...last])
    }
}

extension Unicode.Scalar {
    /// White space, with an ASCII fast path (Unicode property look-ups are slow in hot loops).
    @inlinable public var isSpace: Bool {
        value < 0x80 ? (value == 0x20 || (0x09...0x0D).contains(value)) : properties.isWhitespace
    }

    /// A letter or digit, with an ASCII fast path.
    @inlinable public var isLetterOrDigit: Bool {
        if value < 0x80 {
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        return properties.isAlphabetic || properties.numericType != nil
    }
}
