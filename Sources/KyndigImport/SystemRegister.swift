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
    /// - Parameter name: how to name the file in problems (default: the path).
    public static func read(path: String, name: String? = nil, catalog: Catalog, knownUnits: Set<String>) throws(Problems) -> [AISystem] {
        let name = name ?? path
        var problems: [Problem] = []
        func report(_ node: Node?, _ field: String, _ problem: String) {
            problems.append(Problem(file: name, line: node?.mark?.line ?? 1, field: field, problem))
        }
        func fail(_ problem: String, field: String? = nil) -> Problems { Problems([Problem(file: name, line: 1, field: field, problem)]) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail("cannot read the file. Check the path and its permissions.")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw fail("the file is not valid UTF-8. Save it as UTF-8.") }
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: text)
        } catch {
            throw fail("the file is not valid YAML: \(error)")
        }
        guard let root = composed else { throw fail("the file is empty. Start it with 'format_version: 1' and a 'systems:' list.") }
        guard let version = root["format_version"]?.int, version <= 1 else {
            throw fail("missing or newer than this Kyndig understands (1). Add 'format_version: 1' or update Kyndig.", field: "format_version")
        }
        var systems: [AISystem] = []
        var seen = Set<String>()
        for node in root["systems"]?.sequence ?? [] {
            func text(_ key: String) -> String {
                guard let value = node[key]?.string, !value.isEmpty else { report(node, key, "is missing. Add '\(key):'."); return "" }
                return value
            }
            func list(_ key: String) -> [String] { node[key]?.sequence?.compactMap(\.string) ?? [] }
            let id = text("id")
            if !id.isEmpty && !seen.insert(id).inserted { report(node["id"], "id", "'\(id)' is used twice. Give each system its own id.") }
            let contexts = list("contexts"), units = list("units"), roles = list("roles")
            for context in contexts where catalog.context(context) == nil {
                report(node["contexts"], "contexts", "unknown context '\(context)'. Use one of: \(catalog.contexts.map(\.id).joined(separator: ", ")).")
            }
            if units.isEmpty { report(node, "units", "is empty. List the units that use the system.") }
            for unit in units where !knownUnits.contains(unit) {
                report(node["units"], "units", "unknown unit '\(unit)'. Import the roster first, or fix the unit id.")
            }
            for role in roles where catalog.role(role) == nil {
                report(node["roles"], "roles", "unknown role '\(role)'. Use one of: \(catalog.roles.map(\.id).joined(separator: ", ")).")
            }
            systems.append(AISystem(id: id, name: text("name"), vendor: text("vendor"), purpose: text("purpose"),
                                    contextIDs: contexts, unitIDs: units, roleIDs: roles))
        }
        if !problems.isEmpty { throw Problems(problems.sorted()) }
        return systems
    }
}
