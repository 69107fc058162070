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
    public static func read(path: String, catalog: Catalog, knownUnits: Set<String>) throws(RosterErrors) -> [AISystem] {
        var problems: [RosterProblem] = []
        func report(_ node: Node?, _ field: String, _ problem: String) {
            problems.append(RosterProblem(file: path, row: node?.mark?.line ?? 1, column: field, problem: problem))
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw RosterErrors(problems: [RosterProblem(file: path, row: 1, column: "file", problem: "cannot read the file as UTF-8 text. Check the path.")])
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw RosterErrors(problems: [RosterProblem(file: path, row: 1, column: "file", problem: "is empty.")]) }
            root = node
        } catch let error as RosterErrors {
            throw error
        } catch {
            throw RosterErrors(problems: [RosterProblem(file: path, row: 1, column: "file", problem: "is not valid YAML: \(error)")])
        }
        guard let version = root["format_version"]?.int, version <= 1 else {
            throw RosterErrors(problems: [RosterProblem(file: path, row: 1, column: "format_version", problem: "missing or newer than this Kyndig understands (1). Add 'format_version: 1' or update Kyndig.")])
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
        if !problems.isEmpty { throw RosterErrors(problems: problems) }
        return systems
    }
}
