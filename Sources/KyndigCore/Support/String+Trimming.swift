extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, line breaks, NBSP).
    /// Native, so hot loops (a 100,000-row roster) avoid Foundation's much slower NSString path.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return String(self) }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[first...last])
        return String(result)
    }
}
