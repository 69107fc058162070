import Foundation
import KyndigCore
import Yams

/// Reads the AI-system register: which systems the hospital uses, their risk class, in which
/// units, which contexts (e.g. high-risk) they fall in, and who oversees them. YAML
/// (`ai-systems.yaml`) or, since registers often live in spreadsheets, CSV with the same columns
/// (lists separated by `|`).
///
/// ```yaml
/// format_version: 1
/// systems:
///   - id: stroke-ct-triage
///     name: Stroke CT triage
///     vendor: Example Medical AS
///     purpose: Flags suspected large-vessel occlusion on head CT for priority reading.
///     risk: high                # high | limited | minimal | gpai
///     route: annex-i            # high-risk only: annex-i (product such as a medical device, Art. 6(1)) | annex-iii (Art. 6(2))
///     contexts: [high-risk]
///     units: [radiology]
///     roles: [clinician]        # optional: only these roles in the units need the context modules
///     overseers: [E1003, E1007] # optional: employee ids assigned human oversight (Art. 26(2))
///     measures: [hands-on-sign-off] # optional: other measures (curricula/measures.yaml) that may meet its requirements
///     local_unit: stroke-ct-triage-local # optional: the hospital's own unit on the system (a module of kind local-unit)
/// ```
public enum SystemRegister {
    /// The keys a system entry may have, and those the file may have at the top.
    static let systemKeys = ["id", "name", "vendor", "purpose", "risk", "route", "contexts", "units", "roles", "overseers", "measures", "local_unit"]
    static let fileKeys = ["format_version", "systems"]
    static let optionalKeys: Set<String> = ["route", "contexts", "roles", "overseers", "measures", "local_unit"]
    /// The fields that hold lists (`[a, b]` in YAML, `a|b` in CSV).
    static let listKeys: Set<String> = ["contexts", "units", "roles", "overseers", "measures"]

    /// One system as written, before its fields are checked: from a YAML mapping or a CSV row.
    struct Entry {
        /// The line of the entry, and of each field where the format tells.
        let line: Int
        let fieldLines: [String: Int]
        let texts: [String: String]
        let lists: [String: [String]]
    }

    /// - Parameters:
    ///   - name: how to name the file in problems (default: the path).
    ///   - knownPeople: employee ids of active people (overseers must be among them).
    public static func read(
        path: String, name: String? = nil, catalog: Catalog, knownUnits: Set<String>, knownPeople: Set<String>
    ) throws(Problems) -> [AISystem] {
        let name = name ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problems([Problem(file: name, line: 1, "cannot read the file. Check the path and its permissions.")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problems([Problem(file: name, line: 1, "the file is not valid UTF-8. Save it as UTF-8.")])
        }
        var problems: [Problem] = []
        let entries = path.lowercased().hasSuffix(".csv")
            ? try csvEntries(text, file: name, problems: &problems)
            : try yamlEntries(text, file: name, problems: &problems)
        var systems: [AISystem] = []
        var seen = Set<String>()
        for entry in entries {
            func report(_ field: String, _ message: String) {
                problems.append(Problem(file: name, line: entry.fieldLines[field] ?? entry.line, field: field, message))
            }
            func text(_ key: String) -> String {
                guard let value = entry.texts[key]?.trimmed, !value.isEmpty else { report(key, "is missing. Add '\(key)'."); return "" }
                if let (scalar, position) = PlainText.firstControl(in: value) {
                    report(key, "contains the control character \(PlainText.name(scalar)) at character \(position). Remove it.")
                }
                return value
            }
            let list = { (key: String) in entry.lists[key] ?? [] }
            let id = text("id")
            if !id.isEmpty && !KebabID.isValid(id) {
                report("id", "'\(PlainText.escaped(id))' is not a valid id. Use lower-case letters, digits and hyphens, e.g. '\(KebabID.suggestion(for: id))'.")
            }
            if !id.isEmpty && !seen.insert(id).inserted { report("id", "'\(id)' is used twice. Give each system its own id.") }
            let riskText = text("risk")
            let risk = AISystem.RiskClass(rawValue: riskText.lowercased())
            if risk == nil && !riskText.isEmpty {
                report("risk", "'\(PlainText.escaped(riskText))' is not a risk class. Use one of: \(AISystem.RiskClass.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let route = highRiskRoute(entry.texts["route"]?.trimmed ?? "", risk: risk, report: report)
            let contexts = list("contexts"), units = list("units"), roles = list("roles"), overseers = list("overseers")
            for context in contexts where catalog.context(context) == nil {
                report("contexts", "unknown context '\(PlainText.escaped(context))'. Use one of: \(catalog.contexts.map(\.id).joined(separator: ", ")).")
            }
            if units.isEmpty { report("units", "is empty. List the units that use the system.") }
            for unit in units where !knownUnits.contains(unit) {
                report("units", "unknown unit '\(PlainText.escaped(unit))'. Import the roster first, or fix the unit id.")
            }
            for role in roles where catalog.role(role) == nil {
                report("roles", "unknown role '\(PlainText.escaped(role))'. Use one of: \(catalog.roles.map(\.id).joined(separator: ", ")).")
            }
            let measures = list("measures")
            for measure in measures where catalog.measure(measure) == nil {
                let known = catalog.measures.map(\.id)
                report("measures", "unknown measure '\(PlainText.escaped(measure))'. " + (known.isEmpty
                    ? "The catalog has no measures: declare it in curricula/measures.yaml first."
                    : "Use one of: \(known.joined(separator: ", "))."))
            }
            let localUnit = localUnitID(entry.texts["local_unit"]?.trimmed ?? "", catalog: catalog, report: report)
            for overseer in overseers where !knownPeople.contains(overseer) {
                report("overseers", "'\(PlainText.escaped(overseer))' is not an active employee id in the roster. Give the employee id of the person who oversees the system.")
            }
            systems.append(AISystem(id: id, name: text("name"), vendor: text("vendor"), purpose: text("purpose"), risk: risk ?? .minimal,
                                    route: route, contextIDs: contexts, unitIDs: units, roleIDs: roles, overseerIDs: overseers,
                                    measureIDs: measures, localUnitID: localUnit))
        }
        if !problems.isEmpty { throw Problems(problems.sorted()) }
        return systems
    }

    /// A high-risk system must say its route, since the deployer duties start on different days
    /// for each (AI Act Art. 6(1) products, Art. 6(2) Annex III uses); other systems have none.
    static func highRiskRoute(_ text: String, risk: AISystem.RiskClass?, report: (String, String) -> Void) -> HighRiskRoute? {
        let routes = HighRiskRoute.allCases.map(\.rawValue).joined(separator: ", ")
        let how = "Use annex-i for AI in a product such as a medical device (Art. 6(1)) or annex-iii for a use listed in Annex III (Art. 6(2))."
        guard !text.isEmpty else {
            if risk == .high { report("route", "is missing for a high-risk system: the deployer duties start on a different day on each route. \(how)") }
            return nil
        }
        guard let route = HighRiskRoute(rawValue: text.lowercased()) else {
            report("route", "'\(PlainText.escaped(text))' is not a route. Use one of: \(routes).")
            return nil
        }
        if let risk, risk != .high {
            report("route", "is given for a \(risk.rawValue)-risk system. Only high-risk systems have a route: remove it, or set risk: high.")
            return nil
        }
        return route
    }

    /// The system's local unit must be a module of the catalog written as one (`kind: local-unit`,
    /// with the template's sections), so a typo or an ordinary module is not made a requirement.
    static func localUnitID(_ text: String, catalog: Catalog, report: (String, String) -> Void) -> String? {
        guard !text.isEmpty else { return nil }
        let localUnits = catalog.modules.values.filter { $0.kind == .localUnit }.map(\.id).sorted()
        guard let module = catalog.module(text) else {
            let hint = Suggestion.nearest(text, in: catalog.modules.keys).map { " Did you mean '\($0)'?" } ?? ""
            report("local_unit", "unknown module '\(PlainText.escaped(text))'.\(hint) Write the unit in curricula/\(PlainText.escaped(text))/ from docs/local-unit-template/ and load the catalog, or fix the id.")
            return nil
        }
        guard module.kind == .localUnit else {
            let known = localUnits.isEmpty ? "The catalog has no local units yet." : "Local units: \(localUnits.joined(separator: ", "))."
            report("local_unit", "module '\(module.id)' is not a local unit. Name a module with 'kind: local-unit' in its front matter. \(known)")
            return nil
        }
        return module.id
    }

    static func yamlEntries(_ text: String, file: String, problems: inout [Problem]) throws(Problems) -> [Entry] {
        func fail(_ problem: String, line: Int = 1, field: String? = nil) -> Problems {
            Problems([Problem(file: file, line: line, field: field, problem)])
        }
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Problems([syntaxProblem(error, file: file)])
        } catch {
            throw fail("the file cannot be read as YAML. Check its syntax.")
        }
        guard let root = composed, root.mapping != nil else {
            throw fail("the file is empty. Start it with 'format_version: 1' and a 'systems:' list.")
        }
        guard let version = root["format_version"]?.int, version <= 1 else {
            throw fail("missing or newer than this Kyndig understands (1). Add 'format_version: 1' or update Kyndig.", field: "format_version")
        }
        var found: [Problem] = []
        func report(_ node: Node?, _ field: String?, _ problem: String) {
            found.append(Problem(file: file, line: node?.mark?.line ?? 1, field: field, problem))
        }
        checkKeys(of: root, allowed: fileKeys, report: report)
        guard let nodes = root["systems"]?.sequence else {
            throw fail("the file has no 'systems:' list. List the AI systems under 'systems:' (an empty register is 'systems: []').", line: root["systems"]?.mark?.line ?? 1)
        }
        var entries: [Entry] = []
        for node in nodes {
            guard node.mapping != nil else {
                report(node, nil, "each system must be a mapping of 'key: value' lines (\(systemKeys.joined(separator: ", "))).")
                continue
            }
            checkKeys(of: node, allowed: systemKeys, report: report)
            var lines: [String: Int] = [:], texts: [String: String] = [:], lists: [String: [String]] = [:]
            for key in systemKeys {
                guard let value = node[key] else { continue }
                lines[key] = value.mark?.line
                if listKeys.contains(key) {
                    guard let items = value.sequence else {
                        report(value, key, "must be a list, e.g. \(key): [a, b].")
                        continue
                    }
                    lists[key] = items.compactMap { item in
                        guard let text = item.string else { report(item, key, "lists something that is not a plain id."); return nil }
                        return text
                    }
                } else {
                    texts[key] = value.string
                }
            }
            entries.append(Entry(line: node.mark?.line ?? 1, fieldLines: lines, texts: texts, lists: lists))
        }
        problems += found
        return entries
    }

    /// The same register as a spreadsheet: a header row naming the fields, one system per row,
    /// lists separated by `|`. Rows are numbered as the spreadsheet shows them (header = 1).
    static func csvEntries(_ text: String, file: String, problems: inout [Problem]) throws(Problems) -> [Entry] {
        var records = CSVRecords(bytes: Array(text.utf8))
        var fields: [String] = []
        // An empty file, or a header that is not CSV.
        guard (try? records.next(into: &fields)) == true else {
            throw Problems([Problem(file: file, line: 1, "the file cannot be read as CSV. Check the header line.")])
        }
        let headers = fields.map { $0.trimmed.lowercased() }
        for header in headers where !systemKeys.contains(header) {
            let hint = Suggestion.nearest(header, in: systemKeys).map { " Did you mean '\($0)'?" } ?? ""
            problems.append(Problem(file: file, line: 1, field: header, "is not a field of the register.\(hint) The fields are: \(systemKeys.joined(separator: ", "))."))
        }
        let missing = systemKeys.filter { !optionalKeys.contains($0) && !headers.contains($0) }
        if !missing.isEmpty {
            throw Problems([Problem(file: file, line: 1, field: "header", "missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")). The header must name: \(systemKeys.joined(separator: ", ")) (route, contexts, roles, overseers, measures and local_unit may be left out; route is needed for high-risk systems).")])
        }
        var entries: [Entry] = []
        while true {
            do throws(CSVRecords.Problem) {
                guard try records.next(into: &fields) else { break }
            } catch {
                // The text was decoded as UTF-8 already, so every problem here is malformed CSV.
                if case let .malformed(row, field, message) = error {
                    problems.append(Problem(file: file, line: row, field: field < headers.count ? headers[field] : "row", message))
                }
                continue
            }
            let row = records.row
            if fields.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            guard fields.count == headers.count else {
                problems.append(Problem(file: file, line: row, field: "row", "has \(fields.count) fields, the header has \(headers.count). Check the delimiters and quotes on this row."))
                continue
            }
            var texts: [String: String] = [:], lists: [String: [String]] = [:]
            for (header, value) in zip(headers, fields) where systemKeys.contains(header) {
                if listKeys.contains(header) {
                    lists[header] = value.split(separator: "|").map(\.trimmed).filter { !$0.isEmpty }
                } else {
                    texts[header] = value
                }
            }
            entries.append(Entry(line: row, fieldLines: [:], texts: texts, lists: lists))
        }
        return entries
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
