/// What the learner typed at a prompt.
public enum LineInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: clear the line, keep everything else.
    case interrupted
    /// Ctrl-D or the end of piped input: leave cleanly.
    case endOfInput
}

/// Where the tutor's input comes from: libedit on a terminal or plain lines from a pipe.
/// The session never knows which.
public protocol LineReader: AnyObject {
    func readLine(prompt: String) -> LineInput
    /// Keeps `line` in the history the learner can recall (Up, Ctrl-R) and that is saved.
    /// The session decides what belongs there: commands and questions, never quiz answers.
    func remember(_ line: String)
    /// Offers completions for the line typed so far (libedit calls it on Tab).
    var completer: ((String) -> [String])? { get set }
}

/// Reads plain lines from standard input: no line editing, no escape codes, so sessions can be
/// scripted and piped.
public final class PlainLineReader: LineReader {
    public var completer: ((String) -> [String])?
    private let echoPrompt: Bool

    /// - Parameter echoPrompt: print the prompt (useful when output is a terminal but input is not).
    public init(echoPrompt: Bool = true) {
        self.echoPrompt = echoPrompt
    }

    public func readLine(prompt: String) -> LineInput {
        if echoPrompt {
            print(prompt, terminator: "")
        }
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        if echoPrompt { print(line) }  // a transcript that reads like the terminal session
        return .line(line)
    }

    /// Piped input has no history.
    public func remember(_ line: String) {}
}
