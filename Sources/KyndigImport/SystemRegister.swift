import Foundation
import KyndigCore
import Yams

/// Reads the AI-system register (`ai-systems.yaml`): which systems the hospital uses, in which
/// units, and which contexts (e.g. high-risk) they fall in.
///
/// ```yaml
/// format_version: 1
/// systems:
///   - id: stroke-ct-triage
///     name: Stroke CT triage
///     vendor: Example Medical AS
///     purpose: Flags suspected large-vessel occlusion on head CT for priority reading.
///     contexts: [high-risk]
///     units: [radiology]
///     roles: [clinician]        # optional: only these roles in the units need the context modules
/// ```
public enum SystemRegister {
    /// The keys a system entry may have, and those the file may have at the top.
    static let systemKeys = ["id", "name", "vendor", "purpose", "contexts", "units", "roles"]
    static let fileKeys = ["format_version", "systems"]

    /// - Parameter name: how to name the file in problems (default: the path).
    public static func read(path: String, name: String? = nil, catalog: Catalog, knownUnits: Set<String>) throws(Problems) -> [AISystem] {
        let name = name ?? path
        var problems: [Problem] = []
        func report(_ node: Node?, _ field: String?, _ problem: String) {
            problems.append(Problem(file: name, line: node?.mark?.line ?? 1, field: field, problem))
        }
        func fail(_ problem: String, line: Int = 1, field: String? = nil) -> Problems {
            Problems([Problem(file: name, line: line, field: field, problem)])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail("cannot read the file. Check the path and its permissions.")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw fail("the file is not valid UTF-8. Save it as UTF-8.") }
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Problems([syntaxProblem(error, file: name)])
        } catch {
            throw fail("the file cannot be read as YAML. Check its syntax.")
        }
        guard let root = composed, root.mapping != nil else {
            throw fail("the file is empty. Start it with 'format_version: 1' and a 'systems:' list.")
        }
        guard let version = root["format_version"]?.int, version <= 1 else {
            throw fail("missing or newer than this Kyndig understands (1). Add 'format_version: 1' or update Kyndig.", field: "format_version")
        }
        checkKeys(of: root, allowed: fileKeys, report: report)
        guard let entries = root["systems"]?.sequence else {
            throw fail("the file has no 'systems:' list. List the AI systems under 'systems:' (an empty register is 'systems: []').", line: root["systems"]?.mark?.line ?? 1)
        }
        var systems: [AISystem] = []
        var seen = Set<String>()
        for node in entries {
            guard node.mapping != nil else {
                report(node, nil, "each system must be a mapping of 'key: value' lines (id, name, vendor, purpose, contexts, units, roles).")
                continue
            }
            checkKeys(of: node, allowed: systemKeys, report: report)
            func text(_ key: String) -> String {
                guard let value = node[key]?.string, !value.trimmed.isEmpty else { report(node, key, "is missing. Add '\(key):'."); return "" }
                if let (scalar, position) = PlainText.firstControl(in: value) {
                    report(node[key], key, "contains the control character \(PlainText.name(scalar)) at character \(position). Remove it.")
                }
                return value.trimmed
            }
            func list(_ key: String) -> [String] {
                guard let value = node[key] else { return [] }
                guard let items = value.sequence else {
                    report(value, key, "must be a list, e.g. \(key): [a, b].")
                    return []
                }
                return items.compactMap { item in
                    guard let text = item.string else { report(item, key, "lists something that is not a plain id."); return nil }
                    return text
                }
            }
            let id = text("id")
            if !id.isEmpty && !KebabID.isValid(id) {
                report(node["id"], "id", "'\(PlainText.escaped(id))' is not a valid id. Use lower-case letters, digits and hyphens, e.g. '\(KebabID.suggestion(for: id))'.")
            }
            if !id.isEmpty && !seen.insert(id).inserted { report(node["id"], "id", "'\(id)' is used twice. Give each system its own id.") }
            let contexts = list("contexts"), units = list("units"), roles = list("roles")
            for context in contexts where catalog.context(context) == nil {
                report(node["contexts"], "contexts", "unknown context '\(PlainText.escaped(context))'. Use one of: \(catalog.contexts.map(\.id).joined(separator: ", ")).")
            }
            if units.isEmpty { report(node["units"] ?? node, "units", "is empty. List the units that use the system.") }
            for unit in units where !knownUnits.contains(unit) {
                report(node["units"], "units", "unknown unit '\(PlainText.escaped(unit))'. Import the roster first, or fix the unit id.")
            }
            for role in roles where catalog.role(role) == nil {
                report(node["roles"], "roles", "unknown role '\(PlainText.escaped(role))'. Use one of: \(catalog.roles.map(\.id).joined(separator: ", ")).")
            }
            systems.append(AISystem(id: id, name: text("name"), vendor: text("vendor"), purpose: text("purpose"),
                                    contextIDs: contexts, unitIDs: units, roleIDs: roles))
        }
        if !problems.isEmpty { throw Problems(problems.sorted()) }
        return systems
    }

    /// A key the format does not have is a typo that would silently drop data ('contexs:').
    private static func checkKeys(of node: Node, allowed: [String], report: (Node?, String?, String) -> Void) {
        for (key, _) in node.mapping ?? [:] {
            guard let name = key.string, !allowed.contains(name) else { continue }
            let hint = Suggestion.nearest(name, in: allowed).map { " Did you mean '\($0)'?" } ?? ""
            report(key, name, "is not a field of the register.\(hint) The fields are: \(allowed.joined(separator: ", ")).")
        }
    }

    /// A YAML syntax error at its line, in words, without the parser's dump of the text.
    static func syntaxProblem(_ error: YamlError, file: String) -> Problem {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return Problem(file: file, line: mark.line, column: mark.column, "YAML syntax error: \(problem). Check the indentation, and quote text that contains ':' or starts with a special character.")
        case let .duplicatedKeysInMapping(duplicates, context):
            return Problem(file: file, line: context.mark.line, column: context.mark.column, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")). Keep one of them.")
        default:
            return Problem(file: file, line: 1, "the file cannot be read as YAML. Check its syntax.")
        }
    }
}
