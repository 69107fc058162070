import Foundation
import KyndigCore

/// The roster and the AI-system register of a synthetic hospital, from a seeded generator.
struct SyntheticOrganisation {
    let roster: RosterSnapshot
    let systems: [AISystem]
    /// Each unit followed by its ancestors.
    let ancestry: [String: [String]]

    static let clinicNames = [
        "Medisinsk klinikk", "Kirurgisk klinikk", "Klinikk for psykisk helse og rus", "Barne- og ungdomsklinikken", "Kvinneklinikken",
        "Klinikk for bildediagnostikk og laboratoriemedisin", "Hjerte-, lunge- og karklinikken", "Nevroklinikken", "Kreftklinikken",
        "Akuttklinikken", "Ortopedisk klinikk", "Klinikk for hode og hals", "Rehabiliteringsklinikken", "Prehospital klinikk",
    ]
    static let sectionNames = ["Seksjon for utredning", "Seksjon for behandling", "Poliklinikk", "Sengepost", "Dagbehandling", "Intensiv og overvåkning"]
    static let firstNames = [
        "Kari", "Ola", "Ingrid", "Lars", "Sofie", "Anders", "Nora", "Magnus", "Emma", "Henrik", "Ida", "Jonas", "Sara", "Erik", "Marte",
        "Øyvind", "Åse", "Bjørn", "Sigrid", "Håkon", "Tuva", "Aksel", "Live", "Sander", "Amina", "Mohammed", "Fatima", "Ali", "Linh", "Piotr",
    ]
    static let lastNames = [
        "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Berg", "Haugen",
        "Hagen", "Eriksen", "Bakken", "Solberg", "Dahl", "Lie", "Strand", "Ødegård", "Sæther", "Aas", "Moen", "Nguyen", "Ahmed", "Nowak",
    ]
    /// High-risk systems a clinic section might run: name, purpose, route. Most are medical
    /// device software (Art. 6(1), Annex I); emergency triage is an Annex III use (point 5(d)).
    static let highRiskSystems: [(String, String, HighRiskRoute)] = [
        ("Bildetriage", "Flags scans with suspected urgent findings so they are read first. CE-marked medical device software.", .annexI),
        ("Forverringsvarsel", "Scores vital signs and lab results and warns of patient deterioration.", .annexI),
        ("Digital patologi", "Marks suspicious regions on scanned slides for the pathologist to review.", .annexI),
        ("EKG-tolkning", "Suggests an ECG interpretation for the physician to confirm.", .annexI),
        ("Dosestøtte", "Proposes medication doses from patient data for the prescriber to check.", .annexI),
        ("Akuttriage", "Suggests the triage priority of patients arriving at the emergency department.", .annexIII),
    ]

    static func make(people count: Int, catalog: Catalog, firstDay: CalendarDate, using random: inout SeededRandom) -> SyntheticOrganisation {
        var units = [OrgUnit(id: "H", name: "Nordfjell universitetssykehus", parentID: nil)]
        var wards: [String] = []
        var sectionsByClinic: [String: [String]] = [:]
        var ancestry: [String: [String]] = ["H": ["H"]]
        let clinics = min(max(count / 2_500, 2), 60)
        for c in 1...clinics {
            let clinic = String(format: "K%02d", c)
            let base = clinicNames[(c - 1) % clinicNames.count]
            units.append(OrgUnit(id: clinic, name: c > clinicNames.count ? "\(base) \(((c - 1) / clinicNames.count) + 1)" : base, parentID: "H"))
            ancestry[clinic] = [clinic, "H"]
            for s in 1...Int.random(in: 3...6, using: &random) {
                let section = "\(clinic)-S\(s)"
                units.append(OrgUnit(id: section, name: sectionNames[(s - 1) % sectionNames.count], parentID: clinic))
                ancestry[section] = [section, clinic, "H"]
                sectionsByClinic[clinic, default: []].append(section)
                for w in 1...Int.random(in: 2...5, using: &random) {
                    let ward = "\(section)-P\(w)"
                    units.append(OrgUnit(id: ward, name: "Post \(c).\(s).\(w)", parentID: section))
                    ancestry[ward] = [ward, section, clinic, "H"]
                    wards.append(ward)
                }
            }
        }
        let earliestStart = CalendarDate(year: 1985, month: 1, day: 1)!.dayNumber
        let lastStart = firstDay.adding(days: SyntheticHospital.historyDays - 14).dayNumber
        var people: [Person] = []
        people.reserveCapacity(count)
        for n in 1...max(count, 1) {
            let first = firstNames.randomElement(using: &random)!, last = lastNames.randomElement(using: &random)!
            let roll = Int.random(in: 0..<100, using: &random)
            let roles: [String] = switch roll {
            case 0..<62: ["clinician"]
            case 62..<67: ["clinician", "leader"]
            case 67..<69: ["leader"]
            case 69..<87: ["admin-staff"]
            case 87..<97: ["technologist"]
            default: ["lawyer"]
            }
            // Most have worked here for years; about one in ten started during the history.
            let start = Int.random(in: 0..<10, using: &random) == 0
                ? Int.random(in: firstDay.dayNumber...lastStart, using: &random)
                : Int.random(in: earliestStart..<firstDay.dayNumber, using: &random)
            let login = "\(ascii(first)).\(ascii(last)).\(n)"
            people.append(Person(
                employeeID: String(format: "S%06d", n), name: "\(first) \(last)", email: "\(login)@nordfjell.example", username: login,
                unitID: wards.randomElement(using: &random)!, roleIDs: roles.filter { catalog.role($0) != nil },
                startDate: CalendarDate(dayNumber: start), managerEmployeeID: nil))
        }
        return SyntheticOrganisation(
            roster: RosterSnapshot(units: units, people: people),
            systems: systems(clinics: clinics, sectionsByClinic: sectionsByClinic, people: people, catalog: catalog, using: &random),
            ancestry: ancestry)
    }

    /// A generative office assistant for everyone, speech-to-note in some clinics, and a
    /// high-risk system in most clinics, overseen by two clinicians of its section (or, now
    /// and then, by nobody yet, which `kyndig systems oversight` flags).
    static func systems(clinics: Int, sectionsByClinic: [String: [String]], people: [Person], catalog: Catalog,
                        using random: inout SeededRandom) -> [AISystem] {
        let contexts = Set(catalog.contexts.map(\.id))
        let generative = contexts.contains("generative-assistant") ? ["generative-assistant"] : []
        let highRisk = contexts.contains("high-risk") ? ["high-risk"] : []
        var clinicians: [String: [String]] = [:]
        for person in people where person.roleIDs.contains("clinician") {
            let section = person.unitID.split(separator: "-").prefix(2).joined(separator: "-")
            clinicians[section, default: []].append(person.employeeID)
        }
        var systems = [AISystem(id: "office-assistant", name: "Kontorassistent", vendor: "Skybris AS",
                                purpose: "A general-purpose AI assistant for drafting and summarising text.", risk: .gpai,
                                contextIDs: generative, unitIDs: ["H"], roleIDs: [])]
        var speechUnits: [String] = []
        for c in 1...clinics {
            let clinic = String(format: "K%02d", c)
            if Int.random(in: 0..<3, using: &random) == 0 { speechUnits.append(clinic) }
            guard Int.random(in: 0..<5, using: &random) > 0, let section = sectionsByClinic[clinic]?.randomElement(using: &random) else { continue }
            let (name, purpose, route) = highRiskSystems.randomElement(using: &random)!
            let candidates = clinicians[section] ?? []
            let overseers = Int.random(in: 0..<10, using: &random) == 0 ? [] : Array(candidates.shuffled(using: &random).prefix(2))
            systems.append(AISystem(id: "\(clinic.lowercased())-\(ascii(name))", name: "\(name) (\(clinic))", vendor: "Fjordlys Medical AS",
                                    purpose: purpose, risk: .high, route: route, contextIDs: highRisk, unitIDs: [section], roleIDs: ["clinician"],
                                    overseerIDs: overseers.sorted()))
        }
        if !speechUnits.isEmpty {
            systems.append(AISystem(id: "speech-documentation", name: "Tale-til-journal", vendor: "Skrivehjelp AS",
                                    purpose: "Drafts a clinical note from the consultation for the clinician to check and sign.", risk: .limited,
                                    contextIDs: generative, unitIDs: speechUnits, roleIDs: ["clinician"]))
        }
        return systems
    }

    /// `Ødegård` → `odegard`: ASCII for logins and ids.
    static func ascii(_ text: String) -> String {
        let folded = text.lowercased().replacingOccurrences(of: "ø", with: "o").replacingOccurrences(of: "æ", with: "ae")
            .applyingTransform(.stripDiacritics, reverse: false) ?? text
        return String(folded.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0 == "-") }.map(Character.init))
    }
}
