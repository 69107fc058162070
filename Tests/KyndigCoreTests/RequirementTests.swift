import Foundation
import KyndigCore
import Testing

struct RequirementTests {
    static let policy = Policy(passMark: 0.8, questionsPerQuiz: 3, validityMonths: 24, graceDays: 30, expiringSoonDays: 60, invalidatePassOn: .major, timeZone: TimeZone(identifier: "Europe/Oslo")!)

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
