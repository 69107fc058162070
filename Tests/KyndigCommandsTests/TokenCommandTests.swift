import Foundation
import KyndigTestSupport
import Testing

/// `kyndig token create|list|revoke`: the token is printed once, never listed, and every change audited.
struct TokenCommandTests {
    let catalog = ["--catalog", TestPaths.fixture("good-catalog").path]
    let now = Build.instant("2026-11-30T09:00:00Z")

    @Test func aTokenIsShownOnceListedWithoutItsSecretAndRevoked() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        #expect(await InProcess.run(["roster", "import", TestPaths.fixture("roster/good.csv").path, "--db", db] + catalog, now: now).status == 0)
        let created = await InProcess.run(["token", "create", "--scope", "hr", "--name", "HR nightly", "--expires", "2027-01-31", "--db", db] + catalog, now: now)
        #expect(created.status == 0, "\(created.stderr)")
        let token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("kyndig_") && token.count == 84)
        let id = String(token.dropFirst(7).prefix(12))
        #expect(created.stderr.contains("Token \(id) (hr, works until the day before 2027-01-31) created. It is shown only now"))
        let list = await InProcess.run(["token", "list", "--json", "--db", db], now: now)
        #expect(list.status == 0)
        #expect(list.stdout.contains(#""id" : "\#(id)""#) && list.stdout.contains(#""name" : "HR nightly""#))
        #expect(!list.stdout.contains(String(token.suffix(64))) && !list.stdout.contains("hash"))
        #expect(await InProcess.run(["token", "revoke", id, "--db", db] + catalog, now: now).stdout == "Token \(id) revoked.\n")
        #expect(await InProcess.run(["token", "revoke", token, "--db", db] + catalog, now: now).stdout.contains("already revoked"))
        let verify = await InProcess.run(["verify", "--json", "--db", db], now: now)
        #expect(verify.status == 0)
    }

    @Test(arguments: [
        (["--scope", "manager:NOPE"], "No active unit 'NOPE'."),
        (["--scope", "learner:E404"], "No employee 'E404' in the roster."),
        (["--scope", "boss"], "--scope: scope 'boss' is not one of admin, hr, manager:UNIT_ID, learner:EMPLOYEE_ID."),
        (["--scope", "hr", "--expires", "2026-11-30"], "--expires 2026-11-30 is not after today (2026-11-30)"),
    ])
    func aScopeThatNamesNothingIsAClearError(_ arguments: [String], _ message: String) async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        #expect(await InProcess.run(["roster", "import", TestPaths.fixture("roster/good.csv").path, "--db", db] + catalog, now: now).status == 0)
        let result = await InProcess.run(["token", "create"] + arguments + ["--db", db] + catalog, now: now)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
