/// What an API token may do: everything (`admin`), HR's imports and exports (`hr`), the reports of
/// one unit and the units below it (`manager:UNIT_ID`), or one learner's own records
/// (`learner:EMPLOYEE_ID`). Written as text in `kyndig token create --scope` and in the store.
public enum TokenScope: Sendable, Hashable, Codable, CustomStringConvertible {
    case admin
    case hr
    case manager(unitID: String)
    case learner(employeeID: String)

    /// A scope text that does not parse, as data; the command or the API words it.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// Not one of the four forms.
        case unknownKind(String)
        /// `manager:` or `learner:` without an id.
        case missingID(kind: String)
        /// An id with spaces or control characters, which no roster id has.
        case invalidID(kind: String, id: String)

        public var description: String {
            switch self {
            case let .unknownKind(text):
                "scope '\(PlainText.escaped(text))' is not one of admin, hr, manager:UNIT_ID, learner:EMPLOYEE_ID"
            case let .missingID(kind):
                "scope '\(kind):' names no \(kind == "manager" ? "unit" : "employee"); write \(kind == "manager" ? "manager:UNIT_ID" : "learner:EMPLOYEE_ID")"
            case let .invalidID(kind, id):
                "scope '\(kind):\(PlainText.escaped(id))': an id has no spaces or control characters; copy it from the roster"
            }
        }
    }

    /// Parses `admin`, `hr`, `manager:UNIT_ID` or `learner:EMPLOYEE_ID` (kind in lower case; the
    /// id as HR writes it).
    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmed
        switch trimmed {
        case "admin": self = .admin
        case "hr": self = .hr
        default:
            guard let colon = trimmed.firstIndex(of: ":") else { throw .unknownKind(trimmed) }
            let kind = String(trimmed[..<colon])
            let id = String(trimmed[trimmed.index(after: colon)...])
            guard kind == "manager" || kind == "learner" else { throw .unknownKind(trimmed) }
            guard !id.isEmpty else { throw .missingID(kind: kind) }
            guard id.count <= 100, id.unicodeScalars.allSatisfy(Self.allowedInID) else { throw .invalidID(kind: kind, id: id) }
            self = kind == "manager" ? .manager(unitID: id) : .learner(employeeID: id)
        }
    }

    public var description: String {
        switch self {
        case .admin: "admin"
        case .hr: "hr"
        case let .manager(unitID): "manager:\(unitID)"
        case let .learner(employeeID): "learner:\(employeeID)"
        }
    }

    /// `admin`, `hr`, `manager` or `learner`: for logs and metrics, without the id.
    public var kind: String {
        switch self {
        case .admin: "admin"
        case .hr: "hr"
        case .manager: "manager"
        case .learner: "learner"
        }
    }

    private static func allowedInID(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.properties.isWhitespace && ![.control, .format, .lineSeparator, .paragraphSeparator, .unassigned]
            .contains(scalar.properties.generalCategory)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try TokenScope(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
