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

    /// Of the people an obligation applies to, how many have met every requirement serving it,
    /// and whether the obligation binds the organisation on the report's day.
    public struct ObligationCoverage: Sendable, Hashable, Codable {
        public let obligationID: String
        public var people = 0
        public var covered = 0
        /// Where the obligation's dates hold.
        public let jurisdiction: Jurisdiction
        /// The first day it applies (on its earliest route, for duties on high-risk systems).
        public let effectiveFrom: CalendarDate
        /// In force on the report's day in the organisation's jurisdiction (`Obligation.isInForce`).
        public let inForce: Bool

        public init(obligationID: String, people: Int = 0, covered: Int = 0, jurisdiction: Jurisdiction, effectiveFrom: CalendarDate, inForce: Bool) {
            self.obligationID = obligationID
            self.people = people
            self.covered = covered
            self.jurisdiction = jurisdiction
            self.effectiveFrom = effectiveFrom
            self.inForce = inForce
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
    /// Who needs attention, by unit then name: everyone, or the first of them when the report
    /// was built with a limit (a terminal table shows 50; listing 60,000 people costs memory).
    public let attention: [Attention]
    /// How many people need attention in all, listed or not.
    public let attentionCount: Int

    public var top: UnitRow? { units.first }

    /// Collects people one at a time, then builds the report. Counts live in flat arrays indexed
    /// by unit and state: this runs 100,000 times per report.
    public struct Builder: Sendable {
        let asOf: CalendarDate
        private let units: [OrgUnit]
        private let depth: [Int]
        /// For each unit (by its index), the indices of it and the units above it in the report.
        private let ancestry: [String: [Int]]
        private var people: [Int]
        private var requirements: [Int]
        private var counts: [[Int]]
        private var obligationIDs: [String] = []
        private var obligationPeople: [Int] = []
        private var obligationCovered: [Int] = []
        /// Each module's obligations as indices into `obligationIDs`, learnt as modules come.
        private var moduleObligations: [String: [Int]] = [:]
        private var attention: [Attention] = []
        private var attentionCount = 0
        /// The last entry kept when the list was last cut back to its limit.
        private var cutoff: (String, String, String)?
        private let attentionLimit: Int?
        private let law: (obligations: [String: Obligation], jurisdiction: Jurisdiction)
        private var served: [UInt8] = []
        private var touched: [Int] = []
        private static let states = RequirementStatus.State.allCases

        /// The state's position in `states`.
        private static func stateIndex(_ state: RequirementStatus.State) -> Int {
            switch state {
            case .met: 0
            case .expiringSoon: 1
            case .inProgress: 2
            case .notStarted: 3
            case .overdue: 4
            case .expired: 5
            case .exempt: 6
            }
        }

        /// - Parameters:
        ///   - units: the units in the report, top first then each unit's children (depth-first).
        ///   - law: the catalog's obligations and the organisation's jurisdiction, to say which
        ///     obligations are in force on `asOf`.
        ///   - attentionLimit: keep only the first this many people who need attention (nil: all).
        public init(units: [OrgUnit], topUnitID: String?, asOf: CalendarDate, law: (obligations: [Obligation], jurisdiction: Jurisdiction),
                    attentionLimit: Int? = nil) {
            assert(Self.states.indices.allSatisfy { Self.stateIndex(Self.states[$0]) == $0 }, "stateIndex must follow State.allCases")
            self.asOf = asOf
            self.law = (Dictionary(law.obligations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }), law.jurisdiction)
            self.attentionLimit = attentionLimit
            self.units = units
            var parents: [String: String?] = [:]
            for unit in units { parents[unit.id] = unit.parentID }
            let position = Dictionary(units.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            var depth: [Int] = []
            var ancestry: [String: [Int]] = [:]
            for unit in units {
                var chain = UnitTree.ancestry(of: unit.id, parents: parents)
                if let topUnitID, let top = chain.firstIndex(of: topUnitID) { chain = Array(chain[...top]) }
                ancestry[unit.id] = chain.compactMap { position[$0] }
                depth.append(chain.count - 1)
            }
            self.depth = depth
            self.ancestry = ancestry
            people = Array(repeating: 0, count: units.count)
            requirements = Array(repeating: 0, count: units.count)
            counts = Array(repeating: Array(repeating: 0, count: Self.states.count), count: units.count)
        }

        /// Counts a person in their unit and every unit above it (up to the report's top).
        /// This runs once per person of the organisation, so it allocates nothing in the common case.
        /// Statuses are read in place by index: copying one (a requirement, passes, an exemption)
        /// costs a retain and a release per field.
        public mutating func add(_ person: Person, statuses: [RequirementStatus]) {
            let chain = ancestry[person.unitID] ?? []
            for index in chain {
                people[index] += 1
                requirements[index] += statuses.count
            }
            for position in statuses.indices {
                let state = Self.stateIndex(statuses[position].state)
                for index in chain { counts[index][state] += 1 }
            }
            // Per obligation this person is subject to: did they meet every requirement serving it?
            // (`served` holds 0 for "not subject", 1 for "met so far", 2 for "missed"; `touched`
            // lists the obligations to count and reset.)
            for position in statuses.indices {
                let met = statuses[position].isMet
                for obligation in obligationIndices(statuses[position].requirement) {
                    if served[obligation] == 0 { touched.append(obligation) }
                    if served[obligation] != 2 { served[obligation] = met ? 1 : 2 }
                }
            }
            for obligation in touched {
                obligationPeople[obligation] += 1
                if served[obligation] == 1 { obligationCovered[obligation] += 1 }
                served[obligation] = 0
            }
            touched.removeAll(keepingCapacity: true)
            let isPressing: (RequirementStatus.State) -> Bool = { $0 == .overdue || $0 == .expired || $0 == .expiringSoon }
            if statuses.indices.contains(where: { isPressing(statuses[$0].state) }) {
                attentionCount += 1
                // Once the list has been cut back, someone who sorts after its last entry can never
                // make it: they are counted, not listed.
                if let cutoff, !Self.precedes((person.unitID, person.name, person.employeeID), cutoff) { return }
                let pressing = statuses.filter { isPressing($0.state) }
                attention.append(Attention(employeeID: person.employeeID, name: person.name, unitID: person.unitID, statuses: pressing))
                // With a limit, the list is cut back to it now and then: memory stays bounded.
                if let attentionLimit, attention.count >= max(2 * attentionLimit, 1_024) {
                    attention = Array(Self.ordered(attention).prefix(attentionLimit))
                    cutoff = attention.last.map { ($0.unitID, $0.name, $0.employeeID) }
                }
            }
        }

        /// Takes in the people `other` counted (built for the same units, day and limit), so that
        /// parts of an organisation can be counted side by side. The report is the same whatever
        /// the parts and the order the people came in.
        public mutating func merge(_ other: Builder) {
            precondition(other.units.map(\.id) == units.map(\.id) && other.asOf == asOf && other.attentionLimit == attentionLimit,
                         "builders of different reports")
            for index in units.indices {
                people[index] += other.people[index]
                requirements[index] += other.requirements[index]
                for state in counts[index].indices { counts[index][state] += other.counts[index][state] }
            }
            for (position, id) in other.obligationIDs.enumerated() {
                let index = obligationIDs.firstIndex(of: id) ?? {
                    obligationIDs.append(id)
                    served.append(0)
                    obligationPeople.append(0)
                    obligationCovered.append(0)
                    return obligationIDs.count - 1
                }()
                obligationPeople[index] += other.obligationPeople[position]
                obligationCovered[index] += other.obligationCovered[position]
            }
            attentionCount += other.attentionCount
            attention += other.attention
            // The first `limit` of both lists are among the first `limit` of each.
            if let attentionLimit {
                attention = Array(Self.ordered(attention).prefix(attentionLimit))
                cutoff = attention.count == attentionLimit ? attention.last.map { ($0.unitID, $0.name, $0.employeeID) } : nil
            }
        }

        /// The order of the attention list: by unit, then name, then employee id.
        static func precedes(_ a: (String, String, String), _ b: (String, String, String)) -> Bool { a < b }

        static func ordered(_ attention: [Attention]) -> [Attention] {
            attention.sorted { precedes(($0.unitID, $0.name, $0.employeeID), ($1.unitID, $1.name, $1.employeeID)) }
        }

        private mutating func obligationIndices(_ requirement: Requirement) -> [Int] {
            if let known = moduleObligations[requirement.moduleID] { return known }
            let indices = requirement.obligationIDs.map { id -> Int in
                if let index = obligationIDs.firstIndex(of: id) { return index }
                obligationIDs.append(id)
                served.append(0)
                obligationPeople.append(0)
                obligationCovered.append(0)
                return obligationIDs.count - 1
            }
            moduleObligations[requirement.moduleID] = indices
            return indices
        }

        public func build() -> ComplianceReport {
            let rows = units.indices.map { index in
                var row = UnitRow(unitID: units[index].id, name: units[index].name, parentID: units[index].parentID, depth: depth[index])
                row.people = people[index]
                row.requirements = requirements[index]
                for (state, count) in zip(Self.states, counts[index]) where count > 0 { row.states[state] = count }
                return row
            }
            return ComplianceReport(
                asOf: asOf, units: rows,
                // Every id comes from a module of the validated catalog, which names only
                // obligations it has.
                obligations: obligationIDs.indices.compactMap { index -> ObligationCoverage? in
                    guard let obligation = law.obligations[obligationIDs[index]] else { return nil }
                    return ObligationCoverage(
                        obligationID: obligation.id, people: obligationPeople[index], covered: obligationCovered[index],
                        jurisdiction: obligation.jurisdiction, effectiveFrom: obligation.effectiveFrom,
                        inForce: obligation.isInForce(on: asOf, in: law.jurisdiction))
                }.sorted { $0.obligationID < $1.obligationID },
                attention: Array(Self.ordered(attention).prefix(attentionLimit ?? .max)), attentionCount: attentionCount)
        }
    }
}

/// States are keys in a report's JSON (`"overdue": 3`), not Swift's array-of-pairs encoding.
extension RequirementStatus.State: CodingKeyRepresentable {}
