import Foundation
import KyndigCore
import Yams

/// `curricula/policy.yaml`.
enum PolicyFile {
    static func parse(reader: FileReader) -> Policy? {
        let file = "curricula/policy.yaml"
        let yaml = YAMLCursor(file: file, lineOffset: 0, log: reader.log)
        guard let text = reader.text(file), let root = yaml.compose(text), let map = yaml.map(root, what: "The policy") else { return nil }
        yaml.checkKeys(map, allowed: [
            "format_version", "pass_mark", "questions_per_quiz", "validity_months", "grace_days", "expiring_soon_days",
            "invalidate_pass_on", "time_zone", "jurisdiction", "unanswered_retention_days", "launch_date", "rollout_days", "renew_by",
        ])
        yaml.checkFormatVersion(map)
        let passMark = yaml.double(map, "pass_mark", where: { $0 > 0 && $0 <= 1 }, hint: "a share above 0 and at most 1, e.g. 0.8")
        let size = yaml.int(map, "questions_per_quiz", range: 1...200)
        let validity = yaml.int(map, "validity_months", range: 1...240)
        let grace = yaml.int(map, "grace_days", range: 0...3650)
        let soon = yaml.int(map, "expiring_soon_days", range: 0...3650)
        var bump: Policy.VersionBump?
        if let text = yaml.string(map, "invalidate_pass_on") {
            bump = Policy.VersionBump(rawValue: text)
            if bump == nil { yaml.report(map["invalidate_pass_on"]!, "invalidate_pass_on '\(text)' is unknown. Use major, minor or never.") }
        }
        var timeZone: TimeZone?
        if let text = yaml.string(map, "time_zone") {
            timeZone = TimeZone(identifier: text)
            if timeZone == nil {
                yaml.report(map["time_zone"]!, "time_zone '\(text)' is not a time zone. Use an IANA name such as Europe/Oslo.")
            }
        }
        let jurisdiction = yaml.jurisdiction(map, what: "where the organisation is")
        // Optional: how long questions the course could not answer are kept for its authors.
        let retention = map["unanswered_retention_days"] == nil ? Policy.defaultUnansweredRetentionDays
            : yaml.int(map, "unanswered_retention_days", range: 1...3650)
        // Optional: the programme's start, the time staff employed then have, and a fixed yearly
        // renewal day ("01-31": renew every year by 31 January) instead of counting from each pass.
        let launch = map["launch_date"] == nil ? nil : yaml.date(map, "launch_date")
        let rollout = map["rollout_days"] == nil ? nil : yaml.int(map, "rollout_days", range: 0...3650)
        var renewal = Policy.Renewal.fromExpiry
        if map["renew_by"] != nil, let text = yaml.string(map, "renew_by") {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            if parts.count == 2, (1...12).contains(parts[0]), (1...CalendarDate.daysIn(month: parts[0], year: 2024)).contains(parts[1]) {
                renewal = .calendar(month: parts[0], day: parts[1])
            } else {
                yaml.report(map["renew_by"]!, "renew_by '\(text)' is not a day of the year. Write it MM-DD, e.g. \"01-31\" for 31 January.")
            }
        }
        guard let passMark, let size, let validity, let grace, let soon, let bump, let timeZone, let jurisdiction, let retention else {
            return nil
        }
        return Policy(passMark: passMark, questionsPerQuiz: size, validityMonths: validity, graceDays: grace,
                      expiringSoonDays: soon, invalidatePassOn: bump, timeZone: timeZone, jurisdiction: jurisdiction,
                      unansweredRetentionDays: retention,
                      launchDate: launch, rolloutDays: rollout, renewal: renewal)
    }
}

/// `curricula/obligations.yaml`.
enum ObligationsFile {
    struct Located { let obligation: Obligation; let line: Int; let supersededLine: Int? }

    static func parse(reader: FileReader) -> ParsedEntries<Located> {
        let file = "curricula/obligations.yaml"
        let yaml = YAMLCursor(file: file, lineOffset: 0, log: reader.log)
        var result = ParsedEntries<Located>()
        guard let text = reader.text(file), let root = yaml.compose(text), let map = yaml.map(root, what: "The obligations file") else {
            result.ids.isComplete = false
            return result
        }
        yaml.checkKeys(map, allowed: ["format_version", "obligations"])
        yaml.checkFormatVersion(map)
        guard let items = yaml.sequence(map, "obligations") else {
            result.ids.isComplete = false
            return result
        }
        for item in items {
            guard let entry = yaml.map(item, what: "An obligation") else {
                result.ids.isComplete = false
                continue
            }
            yaml.checkKeys(entry, allowed: [
                "id", "instrument", "article", "title", "summary", "jurisdiction", "effective_from", "applies_from", "superseded_by",
            ])
            guard let id = yaml.id(entry) else {
                result.ids.isComplete = false
                continue
            }
            let instrument = yaml.string(entry, "instrument")
            let article = yaml.string(entry, "article")
            let title = yaml.localized(entry, "title")
            let summary = yaml.localized(entry, "summary")
            let jurisdiction = yaml.jurisdiction(entry, what: "where the obligation's dates hold")
            let effective = yaml.date(entry, "effective_from")
            let routes = appliesFrom(entry, effective: effective, yaml: yaml)
            let superseded = yaml.string(entry, "superseded_by", required: false)
            // An entry with a bad field is still declared: modules that cite it are not wrong.
            guard let instrument, let article, let title, let summary, let jurisdiction, let effective, let routes else {
                result.ids.add(id, loaded: false)
                continue
            }
            result.ids.add(id, loaded: true)
            result.entries.append(Located(
                obligation: Obligation(id: id, instrument: instrument, article: article, title: title, summary: summary,
                                       jurisdiction: jurisdiction, effectiveFrom: effective, appliesFrom: routes, supersededBy: superseded),
                line: yaml.line(entry["id"]!), supersededLine: entry["superseded_by"].map(yaml.line)))
        }
        return result
    }
}

extension ObligationsFile {
    /// `applies_from: {annex-i: 2028-08-02, annex-iii: 2027-12-02}`: a date per high-risk route,
    /// the earliest of them being `effective_from`. Absent: one date for all (an empty map).
    static func appliesFrom(_ entry: Node, effective: CalendarDate?, yaml: YAMLCursor) -> [HighRiskRoute: CalendarDate]? {
        guard let node = entry["applies_from"] else { return [:] }
        guard yaml.map(node, what: "'applies_from'") != nil else { return nil }
        let names = HighRiskRoute.allCases.map(\.rawValue)
        yaml.checkKeys(node, allowed: names)
        var routes: [HighRiskRoute: CalendarDate] = [:]
        for route in HighRiskRoute.allCases where node[route.rawValue] != nil {
            guard let date = yaml.date(node, route.rawValue) else { return nil }
            routes[route] = date
        }
        guard !routes.isEmpty else {
            yaml.report(node, "'applies_from' gives no route. Give the first day on each route: \(names.joined(separator: ", ")).")
            return nil
        }
        if let effective, let earliest = routes.values.min(), earliest != effective {
            yaml.report(node, "'applies_from' starts on \(earliest) but effective_from is \(effective). Set effective_from to the earliest route's day.")
            return nil
        }
        return routes
    }
}

/// `curricula/roles.yaml` and `curricula/contexts.yaml`: both list ids with names and modules.
enum RolesFile {
    struct Entry {
        let id: String
        let name: LocalizedText
        let description: LocalizedText
        let modules: [(id: String, line: Int, column: Int?)]
        /// Roles only: the measures (`measures.yaml`) that may meet the role's requirements.
        let measures: [(id: String, line: Int, column: Int?)]
        let line: Int
    }

    /// - Parameter required: false for a file that may be absent (`measures.yaml`: no measures).
    static func parse(reader: FileReader, name: String, required: Bool = true) -> ParsedEntries<Entry> {
        let file = "curricula/\(name).yaml"
        let yaml = YAMLCursor(file: file, lineOffset: 0, log: reader.log)
        var result = ParsedEntries<Entry>()
        guard let text = reader.text(file, required: required) else {
            result.ids.isComplete = !required
            return result
        }
        guard let root = yaml.compose(text), let map = yaml.map(root, what: "The \(name) file") else {
            result.ids.isComplete = false
            return result
        }
        yaml.checkKeys(map, allowed: ["format_version", name])
        yaml.checkFormatVersion(map)
        guard let items = yaml.sequence(map, name) else {
            result.ids.isComplete = false
            return result
        }
        for item in items {
            guard let entry = yaml.map(item, what: "An entry") else {
                result.ids.isComplete = false
                continue
            }
            yaml.checkKeys(entry, allowed: ["id", "name", "description", "modules"] + (name == "roles" ? ["measures"] : []))
            guard let id = yaml.id(entry) else {
                result.ids.isComplete = false
                continue
            }
            let title = yaml.localized(entry, "name")
            let description = yaml.localized(entry, "description")
            let moduleNodes = yaml.sequence(entry, "modules")
            var modulesRead = moduleNodes != nil
            var modules: [(id: String, line: Int, column: Int?)] = []
            for node in moduleNodes ?? [] {
                guard let value = node.string else {
                    yaml.report(node, "each module must be a module id.")
                    modulesRead = false
                    continue
                }
                modules.append((value, yaml.line(node), yaml.column(node)))
            }
            var measures: [(id: String, line: Int, column: Int?)] = []
            for node in (name == "roles" ? yaml.sequence(entry, "measures", required: false) : nil) ?? [] {
                guard let value = node.string else {
                    yaml.report(node, "each measure must be a measure id from curricula/measures.yaml.")
                    continue
                }
                measures.append((value, yaml.line(node), yaml.column(node)))
            }
            // An entry with a bad field is still declared: modules that name it are not wrong. It
            // is not compared with module front matter either, as its module list may be incomplete.
            guard let title, let description, modulesRead else {
                result.ids.add(id, loaded: false)
                continue
            }
            result.ids.add(id, loaded: true)
            result.entries.append(Entry(id: id, name: title, description: description, modules: modules, measures: measures,
                                        line: yaml.line(entry["id"]!)))
        }
        return result
    }
}

/// `curricula/glossary.yaml`.
enum GlossaryFile {
    static func parse(reader: FileReader) -> [GlossaryTerm] {
        let file = "curricula/glossary.yaml"
        let yaml = YAMLCursor(file: file, lineOffset: 0, log: reader.log)
        guard let text = reader.text(file), let root = yaml.compose(text), let map = yaml.map(root, what: "The glossary") else { return [] }
        yaml.checkKeys(map, allowed: ["format_version", "terms"])
        yaml.checkFormatVersion(map)
        var terms: [GlossaryTerm] = []
        var seen: [String: Int] = [:]
        for item in yaml.sequence(map, "terms") ?? [] {
            guard let entry = yaml.map(item, what: "A term") else { continue }
            yaml.checkKeys(entry, allowed: ["id"] + Language.allCases.map(\.rawValue))
            guard let id = yaml.id(entry) else { continue }
            if let line = seen[id] {
                yaml.report(entry["id"]!, "term id '\(id)' is used twice (first on line \(line)). Merge the two entries.")
                continue
            }
            seen[id] = yaml.line(entry["id"]!)
            var forms: [Language: [String]] = [:]
            for language in Language.allCases {
                forms[language] = yaml.strings(entry, language.rawValue, nonEmpty: true) ?? []
            }
            terms.append(GlossaryTerm(id: id, forms: forms))
        }
        return terms
    }
}
