/// Reads a learner's answer: option numbers or letters, several separated by commas or spaces
/// for multiple choice ("1,3", "a c", "B").
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
            let position: Int
            if let number = Int(token) {
                position = number - 1
            } else if token.count == 1, let scalar = token.unicodeScalars.first, ("a"..."z").contains(scalar),
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
}
