import Foundation
import KyndigCore
import Testing

struct TokenScopeTests {
    @Test(arguments: [
        ("admin", TokenScope.admin), ("hr", .hr), (" hr ", .hr), ("manager:MED-AKU", .manager(unitID: "MED-AKU")),
        ("learner:E1004", .learner(employeeID: "E1004")), ("manager:Akuttmottak-Ø", .manager(unitID: "Akuttmottak-Ø")),
    ])
    func scopesParseAndPrintBack(_ text: String, _ scope: TokenScope) throws {
        #expect(try TokenScope(parsing: text) == scope)
        #expect(try TokenScope(parsing: scope.description) == scope)
    }

    @Test(arguments: [
        ("root", "scope 'root' is not one of admin, hr, manager:UNIT_ID, learner:EMPLOYEE_ID"),
        ("Admin", "scope 'Admin' is not one of admin, hr, manager:UNIT_ID, learner:EMPLOYEE_ID"),
        ("boss:MED", "scope 'boss:MED' is not one of admin, hr, manager:UNIT_ID, learner:EMPLOYEE_ID"),
        ("manager:", "scope 'manager:' names no unit; write manager:UNIT_ID"),
        ("learner:", "scope 'learner:' names no employee; write learner:EMPLOYEE_ID"),
        ("learner:E 1", "scope 'learner:E 1': an id has no spaces or control characters; copy it from the roster"),
    ])
    func badScopesAreWordedWithTheFix(_ text: String, _ message: String) {
        #expect(throws: (any Error).self) { try TokenScope(parsing: text) }
        do {
            _ = try TokenScope(parsing: text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func aManagerReadsTheUnitAndBelowNeverASibling() {
        // Ancestry of W (under C, under H): a manager of C reads W; a manager of X does not.
        let ward = Access.Action.readUnitReport(ancestry: ["W", "C", "H"])
        #expect(Access.denial(of: ward, to: .manager(unitID: "C")) == nil)
        #expect(Access.denial(of: ward, to: .manager(unitID: "W")) == nil)
        #expect(Access.denial(of: ward, to: .manager(unitID: "X")) == .outsideUnit(managed: "X"))
        #expect(Access.denial(of: .readUnitReport(ancestry: ["C", "H"]), to: .manager(unitID: "W")) == .outsideUnit(managed: "W"))
        #expect(Access.denial(of: ward, to: .admin) == nil)
        #expect(Access.denial(of: ward, to: .hr) == .wrongKind(needed: ["manager", "admin"]))
        #expect(Access.denial(of: ward, to: .learner(employeeID: "E1")) != nil)
    }

    @Test func onlyALearnerHasASelfAndOnlyAnAdminReplacesTheRegister() {
        #expect(Access.denial(of: .actAsLearner, to: .learner(employeeID: "E1")) == nil)
        #expect(Access.denial(of: .actAsLearner, to: .admin) != nil)
        #expect(Access.denial(of: .importSystems, to: .hr) != nil)
        #expect(Access.denial(of: .importSystems, to: .admin) == nil)
        #expect(Access.denial(of: .export, to: .hr) == nil)
        #expect(Access.denial(of: .importRoster, to: .manager(unitID: "C")) != nil)
    }

    @Test func credentialsParseHashAndCompare() {
        var generator = SystemRandomNumberGenerator()
        let credential = TokenCredential.random(using: &generator)
        #expect(TokenCredential(text: credential.text) == credential)
        #expect(credential.matches(storedHash: credential.secretHash))
        #expect(!credential.matches(storedHash: TokenCredential.hash("other")))
        #expect(TokenCredential(text: "kyndig_short_abc") == nil)
        #expect(TokenCredential(text: "Bearer xyz") == nil)
        #expect(TokenCredential(text: credential.text.uppercased()) == nil)
        // Pinned: the stored form is plain SHA-256 of the secret, hex.
        #expect(TokenCredential.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
