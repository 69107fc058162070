/// Reads a learner's answer: option numbers or letters, several separated by commas or spaces
/// for multiple choice ("1,3", "a c", "B"), also written the way options are labelled or
/// listed ("a)", "1)", "(b)", "1.").
public enum AnswerParser {
    public enum Failure: Error, Equatable, Sendable {
        case empty
        case notAnOption(String)
        case outOfRange(Int)
        case severalForSingle
    }

    /// Returns the chosen positions (0-based, as shown) or why the input is not an answer.
    public static func parse(_ input: String, optionCount: Int, allowsSeveral: Bool) -> Result<Set<Int>, Failure> {
        let tokens = input.lowercased().split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
        guard !tokens.isEmpty else { return .failure(.empty) }
        var chosen = Set<Int>()
        for token in tokens {
            let label = bare(token)
            let position: Int
            // Digits only, and few of them: "-9223372036854775808" or a pasted 40-digit number is
            // not an option number, and must not overflow on the way to saying so.
            if !label.isEmpty, label.count <= 4, label.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(label) {
                position = number - 1
            } else if label.count == 1, let scalar = label.unicodeScalars.first, ("a"..."z").contains(scalar),
                      Int(scalar.value - UnicodeScalar("a").value) < optionCount {
                position = Int(scalar.value - UnicodeScalar("a").value)
            } else {
                return .failure(.notAnOption(token))
            }
            guard (0..<optionCount).contains(position) else { return .failure(.outOfRange(position + 1)) }
            chosen.insert(position)
        }
        if chosen.count > 1 && !allowsSeveral { return .failure(.severalForSingle) }
        return .success(chosen)
    }

    /// The label without the punctuation a learner copies from the screen or writes out of habit:
    /// "a)" → "a", "(2)" → "2", "1." → "1".
    private static func bare(_ token: String) -> Substring {
        var label = Substring(token)
        if label.hasPrefix("(") { label = label.dropFirst() }
        if label.hasSuffix(")") || label.hasSuffix(".") { label = label.dropLast() }
        return label
    }
}
