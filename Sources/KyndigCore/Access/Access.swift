/// Who may do what through the API, as pure rules over a token's scope. Callers look up what a
/// rule needs (a unit's ancestry) and pass it in; the rule reads nothing.
public enum Access {
    /// What a caller asks to do.
    public enum Action: Sendable, Hashable {
        /// Read course content (modules, sections) and ask the course a question.
        case readCourse
        /// Read one's own status, take quizzes: only a learner has a self.
        case actAsLearner
        /// Read the report of a unit subtree; `ancestry` is the unit and the units above it, nearest first.
        case readUnitReport(ancestry: [String])
        /// Pull HR exports (people, completions, requirements).
        case export
        /// Import the HR roster.
        case importRoster
        /// Replace the AI-system register.
        case importSystems
    }

    /// Why an action is refused, as data (the API words it).
    public enum Denial: Sendable, Hashable {
        /// The scope is of a kind that never may (an HR token reading a unit report).
        case wrongKind(needed: [String])
        /// A manager asking for a unit outside their subtree.
        case outsideUnit(managed: String)
    }

    /// Nil when `scope` may do `action`, else why not.
    public static func denial(of action: Action, to scope: TokenScope) -> Denial? {
        switch (action, scope) {
        case (.readCourse, _): return nil
        case (.actAsLearner, .learner): return nil
        case (.actAsLearner, _): return .wrongKind(needed: ["learner"])
        case (.readUnitReport, .admin): return nil
        case let (.readUnitReport(ancestry), .manager(unitID)):
            return ancestry.contains(unitID) ? nil : .outsideUnit(managed: unitID)
        case (.readUnitReport, _): return .wrongKind(needed: ["manager", "admin"])
        case (.export, .admin), (.export, .hr), (.importRoster, .admin), (.importRoster, .hr): return nil
        case (.export, _), (.importRoster, _): return .wrongKind(needed: ["hr", "admin"])
        case (.importSystems, .admin): return nil
        case (.importSystems, _): return .wrongKind(needed: ["admin"])
        }
    }
}
