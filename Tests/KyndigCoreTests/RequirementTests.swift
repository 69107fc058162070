import Foundation
import KyndigCore
import KyndigTestSupport
import Testing

struct RequirementTests {
    static let policy = Policy(passMark: 0.8, questionsPerQuiz: 3, validityMonths: 24, graceDays: 30, expiringSoonDays: 60, invalidatePassOn: .major, timeZone: TimeZone(identifier: "Europe/Oslo")!, jurisdiction: .norway)

    static func module(_ id: String, roles: [String], contexts: [String] = []) -> Module {
        Module(id: id, version: ModuleVersion("2.0")!, level: .basic, roleIDs: roles, contextIDs: contexts,
               obligationIDs: ["art-4"], minutes: 5, texts: [.en: ModuleText(
                   moduleID: id, language: .en, title: id, objectives: ["o"], sources: ["s"], introduction: "", sections: [],
                   wordCount: 10, contentHash: "h-\(id)", hashedTexts: .init(module: "", quiz: ""))])
    }

    let catalog = Catalog(
        roles: [
            Role(id: "clinician", name: .init(nb: "K", en: "C"), description: .init(nb: "", en: ""), moduleIDs: ["core", "clinic"]),
            Role(id: "admin-staff", name: .init(nb: "A", en: "A"), description: .init(nb: "", en: ""), moduleIDs: ["core"]),
        ],
        contexts: [SystemContext(id: "high-risk", name: .init(nb: "H", en: "H"), description: .init(nb: "", en: ""), moduleIDs: ["oversight"])],
        obligations: [], policy: policy, glossary: [],
        modules: [
            "core": module("core", roles: ["clinician", "admin-staff"]),
            "clinic": module("clinic", roles: ["clinician"]),
            "oversight": module("oversight", roles: [], contexts: ["high-risk"]),
        ],
        quizzes: [:])

    let triage = AISystem(id: "triage", name: "Triage", vendor: "V", purpose: "P", contextIDs: ["high-risk"], unitIDs: ["clinic-a"], roleIDs: ["clinician"])

    func person(roles: [String], unit: String = "ward-1") -> Person {
        Person(employeeID: "1", name: "N", email: "", username: "n", unitID: unit, roleIDs: roles,
               startDate: CalendarDate(iso: "2026-11-01")!, managerEmployeeID: nil)
    }

    @Test func rolesAndSystemsOfParentUnitsBothRequireModules() {
        let requirements = catalog.requirements(for: person(roles: ["clinician"]), unitAncestry: ["ward-1", "clinic-a", "hospital"], systems: [triage])
        #expect(requirements.map(\.moduleID) == ["core", "clinic", "oversight"])
        #expect(requirements.last?.reasons == [.system(systemID: "triage", contextID: "high-risk")])
    }

    @Test func systemRestrictedToRolesSkipsOthers() {
        let requirements = catalog.requirements(for: person(roles: ["admin-staff"]), unitAncestry: ["ward-1", "clinic-a"], systems: [triage])
        #expect(requirements.map(\.moduleID) == ["core"])
    }

    @Test func aModuleRequiredTwiceIsListedOnceWithBothReasons() {
        let requirements = catalog.requirements(for: person(roles: ["clinician", "admin-staff"]), unitAncestry: ["elsewhere"], systems: [triage])
        #expect(requirements.map(\.moduleID) == ["core", "clinic"])
        #expect(requirements[0].reasons == [.role("clinician"), .role("admin-staff")])
    }
}

/// Obligations carry where and, per high-risk route, from when they bind.
struct ObligationInForceTests {
    static let oversight = Obligation(
        id: "art-26-2", instrument: "AI Act", article: "Art. 26(2)", title: .init(nb: "", en: ""), summary: .init(nb: "", en: ""),
        jurisdiction: .eu, effectiveFrom: Build.date("2027-12-02"),
        appliesFrom: [.annexIII: Build.date("2027-12-02"), .annexI: Build.date("2028-08-02")], supersededBy: nil)

    @Test func aDutyOnHighRiskSystemsStartsOnItsRoutesDay() {
        #expect(Self.oversight.appliesFrom(route: .annexI) == Build.date("2028-08-02"))
        #expect(Self.oversight.appliesFrom(route: .annexIII) == Build.date("2027-12-02"))
        // A system whose route is not known: the earliest day, never a later one on a guess.
        #expect(Self.oversight.appliesFrom(route: nil) == Build.date("2027-12-02"))
        #expect(!Self.oversight.isInForce(on: Build.date("2028-01-15"), in: .eu, route: .annexI))
        #expect(Self.oversight.isInForce(on: Build.date("2028-01-15"), in: .eu, route: .annexIII))
        #expect(Self.oversight.isInForce(on: Build.date("2028-08-02"), in: .eu, route: .annexI))
    }

    @Test func anEUActDoesNotBindANorwegianHospitalUntilNorwegianLawTakesItIn() {
        #expect(!Self.oversight.isInForce(on: Build.date("2030-01-01"), in: .norway, route: .annexI))
        #expect(!Build.artFour.isInForce(on: Build.date("2026-11-30"), in: .norway))
        #expect(Build.artFour.isInForce(on: Build.date("2026-11-30"), in: .eu))
        #expect(!Build.artFour.isInForce(on: Build.date("2025-02-01"), in: .eu))
    }
}

/// The Art. 26(2) check dates each high-risk system's deployer duties by its route.
struct OversightDutyTests {
    static let catalog = Build.catalog(
        modules: [Build.module("oversight", roles: [], contexts: ["high-risk"], obligations: ["art-4", "art-26-2"])],
        obligations: [Build.artFour, ObligationInForceTests.oversight],
        policy: Policy(passMark: 0.6, questionsPerQuiz: 3, validityMonths: 24, graceDays: 30, expiringSoonDays: 60,
                       invalidatePassOn: .major, timeZone: TimeZone(identifier: "Europe/Oslo")!, jurisdiction: .eu))

    static func system(_ route: HighRiskRoute?) -> AISystem {
        AISystem(id: "s", name: "S", vendor: "V", purpose: "P", risk: .high, route: route, contextIDs: ["high-risk"], unitIDs: ["W"], roleIDs: [])
    }

    @Test func aMedicalDeviceSystemsDutiesStartInAugust2028() {
        let device = OversightStatus(system: Self.system(.annexI), catalog: Self.catalog, asOf: Build.date("2028-01-15"), overseers: [])
        #expect(device.dutiesApplyFrom == Build.date("2028-08-02") && !device.dutiesInForce)
        let triage = OversightStatus(system: Self.system(.annexIII), catalog: Self.catalog, asOf: Build.date("2028-01-15"), overseers: [])
        #expect(triage.dutiesApplyFrom == Build.date("2027-12-02") && triage.dutiesInForce)
        let unknown = OversightStatus(system: Self.system(nil), catalog: Self.catalog, asOf: Build.date("2028-01-15"), overseers: [])
        #expect(unknown.route == nil && unknown.dutiesApplyFrom == Build.date("2027-12-02"))
    }

    @Test func aSystemWhoseTrainingServesNoRoutedDutyHasNoDutyDate() {
        let plain = Build.catalog(modules: [Build.module("oversight", roles: [], contexts: ["high-risk"])])
        let status = OversightStatus(system: Self.system(.annexI), catalog: plain, asOf: Build.date("2028-01-15"), overseers: [])
        #expect(status.dutiesApplyFrom == nil && !status.dutiesInForce)
    }
}
