/// A language the course is written in. Norwegian bokmål is the default for Norwegian staff.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case nb
    case en

    public static func < (lhs: Language, rhs: Language) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A text given in every course language.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var nb: String
    public var en: String

    public init(nb: String, en: String) {
        self.nb = nb
        self.en = en
    }

    public subscript(language: Language) -> String {
        switch language {
        case .nb: nb
        case .en: en
        }
    }
}
