/// A manager's report as of a day: the unit tree with roll-ups (a unit counts everyone in it and
/// in the units below it), coverage per obligation, and the people who need attention. Built by
/// feeding it one person at a time (`ComplianceReport.Builder`), so memory does not grow with the
/// organisation beyond one row per unit and the people listed.
public struct ComplianceReport: Sendable, Hashable, Codable {
    /// Counts for one unit and everything below it.
    public struct UnitRow: Sendable, Hashable, Codable {
        public let unitID: String
        public let name: String
        public let parentID: String?
        /// 0 for the report's top unit.
        public let depth: Int
        public var people = 0
        public var requirements = 0
        /// Requirements in each state.
        public var states: [RequirementStatus.State: Int] = [:]

        public init(unitID: String, name: String, parentID: String?, depth: Int) {
            self.unitID = unitID
            self.name = name
            self.parentID = parentID
            self.depth = depth
        }

        public func count(_ state: RequirementStatus.State) -> Int { states[state] ?? 0 }
        /// Met, expiring soon (still met) or exempt.
        public var met: Int { count(.met) + count(.expiringSoon) + count(.exempt) }
        /// The share of requirements met, 0 … 1 (1 when there are none).
        public var shareMet: Double { requirements == 0 ? 1 : Double(met) / Double(requirements) }
    }

    /// Of the people an obligation applies to, how many have met every requirement serving it.
    public struct ObligationCoverage: Sendable, Hashable, Codable {
        public let obligationID: String
        public var people = 0
        public var covered = 0

        public init(obligationID: String, people: Int = 0, covered: Int = 0) {
            self.obligationID = obligationID
            self.people = people
            self.covered = covered
        }

        public var share: Double { people == 0 ? 1 : Double(covered) / Double(people) }
    }

    /// Someone with a requirement overdue, expired or expiring soon, and which.
    public struct Attention: Sendable, Hashable, Codable {
        public let employeeID: String
        public let name: String
        public let unitID: String
        public let statuses: [RequirementStatus]
    }

    public let asOf: CalendarDate
    public let units: [UnitRow]
    public let obligations: [ObligationCoverage]
    public let attention: [Attention]

    public var top: UnitRow? { units.first }

    /// Collects people one at a time, then builds the report.
    public struct Builder: Sendable {
        let asOf: CalendarDate
        private var rows: [String: UnitRow] = [:]
        private var order: [String] = []
        private let ancestry: [String: [String]]
        private var obligations: [String: ObligationCoverage] = [:]
        private var attention: [Attention] = []

        /// - Parameters:
        ///   - units: the units in the report, top first then each unit's children (depth-first).
        public init(units: [OrgUnit], topUnitID: String?, asOf: CalendarDate) {
            self.asOf = asOf
            var parents: [String: String?] = [:]
            for unit in units { parents[unit.id] = unit.parentID }
            var depth: [String: Int] = [:]
            var ancestry: [String: [String]] = [:]
            for unit in units {
                var chain = UnitTree.ancestry(of: unit.id, parents: parents)
                if let topUnitID, let top = chain.firstIndex(of: topUnitID) { chain = Array(chain[...top]) }
                ancestry[unit.id] = chain
                depth[unit.id] = chain.count - 1
            }
            self.ancestry = ancestry
            for unit in units {
                rows[unit.id] = UnitRow(unitID: unit.id, name: unit.name, parentID: unit.parentID, depth: depth[unit.id] ?? 0)
                order.append(unit.id)
            }
        }

        /// Counts a person in their unit and every unit above it (up to the report's top).
        public mutating func add(_ person: Person, statuses: [RequirementStatus]) {
            for unitID in ancestry[person.unitID] ?? [person.unitID] {
                guard var row = rows[unitID] else { continue }
                row.people += 1
                row.requirements += statuses.count
                for status in statuses { row.states[status.state, default: 0] += 1 }
                rows[unitID] = row
            }
            var served: [String: Bool] = [:]
            for status in statuses {
                for obligation in status.requirement.obligationIDs {
                    served[obligation] = (served[obligation] ?? true) && status.isMet
                }
            }
            for (obligation, met) in served {
                obligations[obligation, default: ObligationCoverage(obligationID: obligation)].people += 1
                if met { obligations[obligation]!.covered += 1 }
            }
            let pressing = statuses.filter { [.overdue, .expired, .expiringSoon].contains($0.state) }
            if !pressing.isEmpty {
                attention.append(Attention(employeeID: person.employeeID, name: person.name, unitID: person.unitID, statuses: pressing))
            }
        }

        public func build() -> ComplianceReport {
            ComplianceReport(
                asOf: asOf, units: order.compactMap { rows[$0] },
                obligations: obligations.values.sorted { $0.obligationID < $1.obligationID },
                attention: attention.sorted { ($0.unitID, $0.name, $0.employeeID) < ($1.unitID, $1.name, $1.employeeID) })
        }
    }
}

/// States are keys in a report's JSON (`"overdue": 3`), not Swift's array-of-pairs encoding.
extension RequirementStatus.State: CodingKeyRepresentable {}
