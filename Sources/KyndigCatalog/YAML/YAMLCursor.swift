import Foundation
import KyndigCore
import Yams

/// Reads a composed YAML node tree field by field, reporting missing or ill-typed fields with the
/// file, line and column of the offending node. Returns nil (and logs) instead of throwing, so one
/// bad field does not hide the others.
struct YAMLCursor {
    let file: String
    /// Lines before the YAML text in its file (front matter starts after the `---` line).
    let lineOffset: Int
    let log: ProblemLog
    /// Fields an unknown key was taken for (see `checkKeys`), shared by copies of this cursor.
    private let misspelt = MisspeltFields()

    func line(_ node: Node) -> Int { (node.mark?.line ?? 1) + lineOffset }
    func column(_ node: Node) -> Int? { node.mark?.column }

    func report(_ node: Node, _ message: String) {
        log.add(file, line(node), column(node), message)
    }

    /// Composes `text`, reporting a syntax error with its position.
    func compose(_ text: String) -> Node? {
        do {
            // The basic resolver skips Yams's per-scalar regular expressions (a third of the
            // catalog's load time); typed values are parsed by the accessors below instead. The
            // encoding is named because Yams's default reads the whole environment on every call.
            guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
                log.add(file, 1 + lineOffset, nil, "the file is empty. Add the fields described in docs/formats.md.")
                return nil
            }
            return node
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                log.add(file, mark.line + lineOffset, mark.column, "YAML syntax error: \(problem). Check indentation and quote text that contains ':' or starts with a special character.")
            case let .duplicatedKeysInMapping(duplicates, context):
                log.add(file, context.mark.line + lineOffset, context.mark.column, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")). Keep one of them.")
            default:
                log.add(file, 1 + lineOffset, nil, "YAML error: \(error). Fix the file's syntax.")
            }
            return nil
        } catch {
            log.add(file, 1 + lineOffset, nil, "cannot read YAML: \(error).")
            return nil
        }
    }

    /// The value of `key` in a mapping, found by comparing key texts: Yams's own subscript makes a
    /// node of the key and compares whole nodes, which was an eighth of the catalog's load time.
    static func value(_ map: Node, _ key: String) -> Node? {
        guard let pairs = map.mapping else { return nil }
        for (name, value) in pairs where name.scalar?.string == key { return value }
        return nil
    }

    /// The node's mapping, or a report that a mapping was expected.
    func map(_ node: Node, what: String) -> Node? {
        if node.mapping != nil { return node }
        report(node, "\(what) must be a mapping of 'key: value' lines.")
        return nil
    }

    /// Reports every key of `map` that is not one of `allowed`, at the key: a misspelt key would
    /// otherwise be ignored and its value silently lost. Where the key is close to a field that is
    /// absent, it says "did you mean", and that field is then not reported again as missing.
    /// Call it before reading the map's fields.
    func checkKeys(_ map: Node, allowed: [String]) {
        guard let pairs = map.mapping else { return }
        // Only an unknown key needs the absent fields, and a good file has none: every quiz
        // question comes through here, so they are not looked for up front.
        var absent: [String] { allowed.filter { Self.value(map, $0) == nil } }
        for key in pairs.keys {
            guard let name = key.string else {
                report(key, "a field name must be a text. Use one of: \(allowed.joined(separator: ", ")).")
                continue
            }
            guard !allowed.contains(name) else { continue }
            if let meant = Self.meant(name, among: absent) {
                misspelt.insert(map, meant)
                report(key, "unknown field '\(name)'. Did you mean '\(meant)'?")
            } else {
                report(key, "unknown field '\(name)'. Remove it or use one of: \(allowed.joined(separator: ", ")).")
            }
        }
    }

    /// The absent field an unknown key was probably meant for: a close spelling ('contexs'), or a
    /// shortening or lengthening of the name ('effective' for 'effective_from', 'language' for 'lang').
    static func meant(_ key: String, among absent: [String]) -> String? {
        if let close = Suggestion.other(than: key, in: absent) { return close }
        let related = absent.filter { min($0.count, key.count) >= 3 && ($0.hasPrefix(key) || key.hasPrefix($0)) }
        return related.count == 1 ? related[0] : nil
    }

    /// Whether `key` is absent from `map` because a misspelt key was reported in its place: its
    /// value is then unknown, not empty or false, and nothing is checked against it.
    func isMisspelt(_ map: Node, _ key: String) -> Bool {
        Self.value(map, key) == nil && misspelt.contains(map, key)
    }

    func field(_ map: Node, _ key: String, required: Bool = true) -> Node? {
        if let value = Self.value(map, key) { return value }
        if required && !isMisspelt(map, key) { report(map, "missing field '\(key)'. Add '\(key):' here.") }
        return nil
    }

    func string(_ map: Node, _ key: String, required: Bool = true) -> String? {
        guard let node = field(map, key, required: required) else { return nil }
        guard case let .scalar(scalar) = node else {
            report(node, "'\(key)' must be a text. Write it on one line or as a quoted string.")
            return nil
        }
        let value = YAMLCursor.isNull(node) ? "" : scalar.string.trimmed
        if value.isEmpty && required {
            report(node, "'\(key)' is empty. Give it a value.")
            return nil
        }
        return value
    }

    func id(_ map: Node, _ key: String = "id") -> String? {
        guard let value = string(map, key) else { return nil }
        if !KebabID.isValid(value) {
            report(map[key]!, "'\(value)' is not a valid id. Use lower-case letters, digits and single hyphens, e.g. 'automation-bias'.")
            return nil
        }
        return value
    }

    func int(_ map: Node, _ key: String, range: ClosedRange<Int>) -> Int? {
        guard let node = field(map, key) else { return nil }
        guard let value = YAMLCursor.int(node), range.contains(value) else {
            report(node, "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound).")
            return nil
        }
        return value
    }

    func double(_ map: Node, _ key: String, where valid: (Double) -> Bool, hint: String) -> Double? {
        guard let node = field(map, key) else { return nil }
        guard let value = YAMLCursor.double(node), valid(value) else {
            report(node, "'\(key)' must be \(hint).")
            return nil
        }
        return value
    }

    func bool(_ map: Node, _ key: String) -> Bool? {
        guard let node = field(map, key, required: false) else { return nil }
        guard let value = YAMLCursor.bool(node) else {
            report(node, "'\(key)' must be true or false.")
            return nil
        }
        return value
    }

    func date(_ map: Node, _ key: String) -> CalendarDate? {
        guard let node = field(map, key) else { return nil }
        guard case let .scalar(scalar) = node, let date = CalendarDate(iso: scalar.string) else {
            report(node, "'\(key)' must be a date written YYYY-MM-DD, e.g. 2025-02-02.")
            return nil
        }
        return date
    }

    /// `jurisdiction: eu` or `no`; `what` says what the field means, for the error.
    func jurisdiction(_ map: Node, what: String) -> Jurisdiction? {
        guard let text = string(map, "jurisdiction") else { return nil }
        guard let jurisdiction = Jurisdiction(rawValue: text) else {
            report(map["jurisdiction"]!, "jurisdiction '\(text)' is unknown (\(what)). Use eu (the European Union) or no (Norway, through the EEA agreement and Norwegian law).")
            return nil
        }
        return jurisdiction
    }

    func sequence(_ map: Node, _ key: String, required: Bool = true) -> [Node]? {
        guard let node = field(map, key, required: required) else { return nil }
        if YAMLCursor.isNull(node) { return [] }
        guard let items = node.sequence else {
            report(node, "'\(key)' must be a list, e.g. '\(key): [a, b]' or one '- item' per line.")
            return nil
        }
        return Array(items)
    }

    /// A list of texts: `[]` when an optional list is absent; nil (reported) when a required one is
    /// missing, or the list or one of its entries is malformed, so that a half-read list is never
    /// compared with anything.
    func strings(_ map: Node, _ key: String, required: Bool = true, nonEmpty: Bool = false) -> [String]? {
        if !required && Self.value(map, key) == nil { return isMisspelt(map, key) ? nil : [] }
        guard let items = sequence(map, key) else { return nil }
        var values: [String] = []
        var malformed = false
        for item in items {
            guard case let .scalar(scalar) = item, !scalar.string.isEmpty else {
                report(item, "each entry of '\(key)' must be a text.")
                malformed = true
                continue
            }
            values.append(scalar.string)
        }
        if malformed { return nil }
        if nonEmpty && values.isEmpty, let node = map[key] {
            report(node, "'\(key)' is empty. List at least one entry.")
        }
        return values
    }

    func localized(_ map: Node, _ key: String) -> LocalizedText? {
        guard let node = field(map, key) else { return nil }
        guard self.map(node, what: "'\(key)'") != nil else { return nil }
        checkKeys(node, allowed: Language.allCases.map(\.rawValue))
        let nb = string(node, "nb")
        let en = string(node, "en")
        guard let nb, let en else { return nil }
        return LocalizedText(nb: nb, en: en)
    }

    /// Checks `format_version`: missing is an error, newer than this build means "update Kyndig".
    func checkFormatVersion(_ root: Node) {
        guard let version = int(root, "format_version", range: 1...Int.max) else { return }
        if version > CatalogLoader.formatVersion {
            report(root["format_version"]!, "format_version \(version) is newer than this Kyndig understands (\(CatalogLoader.formatVersion)). Update Kyndig.")
        }
    }
}

/// Where a misspelt key stood in for a field: the mapping's position and the field's name.
private final class MisspeltFields {
    private struct Entry: Hashable { let line: Int; let column: Int; let field: String }
    private var entries: Set<Entry> = []

    func insert(_ map: Node, _ field: String) {
        entries.insert(Entry(line: map.mark?.line ?? 0, column: map.mark?.column ?? 0, field: field))
    }

    func contains(_ map: Node, _ field: String) -> Bool {
        entries.contains(Entry(line: map.mark?.line ?? 0, column: map.mark?.column ?? 0, field: field))
    }
}

// Typed scalars, YAML 1.2 core schema subset: the content files need nothing more.
extension YAMLCursor {
    static func plain(_ node: Node) -> String? {
        guard case let .scalar(scalar) = node, scalar.style == .plain || scalar.style == .any else { return nil }
        return scalar.string
    }

    static func isNull(_ node: Node) -> Bool {
        guard let text = plain(node) else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    static func bool(_ node: Node) -> Bool? {
        switch plain(node) {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    static func int(_ node: Node) -> Int? { plain(node).flatMap { Int($0) } }

    static func double(_ node: Node) -> Double? {
        guard let text = plain(node), text.first?.isNumber == true || text.first == "." || text.first == "-" else { return nil }
        return Double(text)
    }
}

