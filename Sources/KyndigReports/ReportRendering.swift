import Foundation
public import KyndigCore

/// The compliance report as text for a terminal (100 columns) and as CSV, with the same numbers
/// as its JSON.
public enum ReportRendering {
    /// One row per unit, indented by depth; coverage per obligation; then who needs attention
    /// (the first `attentionLimit`; the JSON and CSV list everyone).
    public static func table(_ report: ComplianceReport, catalog: Catalog, language: Language, attentionLimit: Int = 50) -> String {
        let nb = language == .nb
        var lines: [String] = []
        lines.append(nb ? "Etterlevelse per \(report.asOf)" : "Compliance as of \(report.asOf)")
        lines.append("")
        let header = [nb ? "enhet" : "unit", nb ? "pers." : "people", nb ? "krav" : "req.", nb ? "oppfylt" : "met", nb ? "forfalt" : "overdue",
                      nb ? "utløpt" : "expired", nb ? "utløper" : "expiring", nb ? "fritatt" : "exempt"]
        let nameWidth = min(100 - 9 * (header.count - 1), max(header[0].count, report.units.map { $0.depth * 2 + $0.name.count }.max() ?? 0))
        func row(_ cells: [String]) -> String {
            let name = cells[0].count > nameWidth ? String(cells[0].prefix(nameWidth - 1)) + "…" : cells[0]
            return name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + cells.dropFirst().map { $0.leftPadded(to: 9) }.joined()
        }
        lines.append(row(header))
        for unit in report.units {
            let percent = Self.percent(unit.shareMet)
            lines.append(row([String(repeating: " ", count: unit.depth * 2) + PlainText.escaped(unit.name), "\(unit.people)",
                              "\(unit.requirements)", percent, "\(unit.count(.overdue))", "\(unit.count(.expired))",
                              "\(unit.count(.expiringSoon))", "\(unit.count(.exempt))"]))
        }
        if !report.obligations.isEmpty {
            lines.append("")
            lines.append(nb ? "Dekning per forpliktelse (andel personer med alle sine krav oppfylt):" : "Coverage per obligation (share of people with all their requirements met):")
            let idWidth = report.obligations.map(\.obligationID.count).max() ?? 0
            let labels = report.obligations.map { Self.inForce($0, organisation: catalog.policy.jurisdiction, nb: nb) }
            let labelWidth = labels.map(\.count).max() ?? 0
            for (coverage, label) in zip(report.obligations, labels) {
                let percent = Self.percent(coverage.share).leftPadded(to: 6)
                let counts = "\(coverage.covered) / \(coverage.people)".leftPadded(to: 12)
                let article = catalog.obligation(coverage.obligationID)?.article ?? ""
                let line = "  " + coverage.obligationID.padding(toLength: idWidth, withPad: " ", startingAt: 0) + counts + percent + "  "
                    + label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  " + article
                lines.append(line.count > 100 ? String(line.prefix(99)) + "…" : line)
            }
        }
        if !report.attention.isEmpty {
            lines.append("")
            lines.append(nb ? "Trenger oppfølging:" : "Needs attention:")
            for person in report.attention.prefix(attentionLimit) {
                let missing = person.statuses.map { "\($0.requirement.moduleID) (\(state($0.state, nb: nb)) \($0.dueOn))" }.joined(separator: ", ")
                lines.append(contentsOf: wrap("  \(person.employeeID) \(PlainText.escaped(person.name)) [\(person.unitID)]: \(missing)", width: 100, indent: "      "))
            }
            let listed = min(report.attention.count, attentionLimit)
            if report.attentionCount > listed {
                lines.append(nb ? "  … og \(report.attentionCount - listed) til (--format json eller kyndig export requirements viser alle)."
                                : "  … and \(report.attentionCount - listed) more (--format json or kyndig export requirements lists everyone).")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A share as whole percent, rounded down: 99.9 % met is not shown as 100 %.
    /// Whether an obligation binds the organisation on the report's day: "in force", the day it
    /// starts, or that it is another jurisdiction's law not (yet) taken in where the organisation is.
    public static func inForce(_ coverage: ComplianceReport.ObligationCoverage, organisation: Jurisdiction, nb: Bool) -> String {
        if coverage.inForce { return nb ? "i kraft" : "in force" }
        if coverage.jurisdiction != organisation {
            return nb ? "\(jurisdictionName(coverage.jurisdiction, nb: nb))-rett, ikke i kraft i \(jurisdictionName(organisation, nb: nb))"
                : "\(jurisdictionName(coverage.jurisdiction, nb: nb)) law, not in force in \(jurisdictionName(organisation, nb: nb))"
        }
        return nb ? "gjelder fra \(coverage.effectiveFrom)" : "from \(coverage.effectiveFrom)"
    }

    static func jurisdictionName(_ jurisdiction: Jurisdiction, nb: Bool) -> String {
        switch jurisdiction {
        case .eu: "EU"
        case .norway: nb ? "Norge" : "Norway"
        }
    }

    static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded(.down))) %"
    }

    static func state(_ state: RequirementStatus.State, nb: Bool) -> String {
        switch state {
        case .overdue: nb ? "forfalt" : "overdue"
        case .expired: nb ? "utløpt" : "expired"
        case .expiringSoon: nb ? "utløper" : "expiring"
        default: state.rawValue
        }
    }

    /// The unit rows as CSV: employee-free, one row per unit with the counts of every state.
    public static func csv(_ report: ComplianceReport, into writer: inout CSVWriter) throws {
        let states = RequirementStatus.State.allCases
        try writer.write(["as_of", "unit_id", "unit_name", "parent_unit_id", "depth", "people", "requirements", "share_met"]
                         + states.map(\.rawValue))
        for unit in report.units {
            try writer.write([report.asOf.description, unit.unitID, unit.name, unit.parentID ?? "", "\(unit.depth)", "\(unit.people)",
                              "\(unit.requirements)", String(format: "%.4f", unit.shareMet).replacingOccurrences(of: ".", with: String(writer.dialect.decimalSeparator))] + states.map { "\(unit.count($0))" })
        }
    }
}

/// `text` in lines of at most `width` characters, broken at spaces, continuation lines indented.
func wrap(_ text: String, width: Int, indent: String) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        if !line.isEmpty && line.count + 1 + word.count > width {
            lines.append(line)
            line = indent + word
        } else {
            line += (line.isEmpty ? "" : " ") + word
        }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
