import Foundation
import KyndigTestSupport
import Testing

/// `kyndig attest`: an attested measure shows as evidence in the person's status, only where the
/// register allows it, and every refusal says what is wrong and records nothing.
struct AttestCommandTests {
    let now = Build.instant("2026-11-30T10:00:00Z")

    @Test func anAttestedSignOffMeetsTheOversightRequirementTheRegisterAllows() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("demo.sqlite")
        let shipped = ["--catalog", TestPaths.packageRoot.path]
        #expect(await InProcess.run(["demo", "--db", db, "--no-tutor"] + shipped, now: now).status == 0)
        // E1005 oversees the sepsis tool, whose register entry accepts a hands-on sign-off.
        let recorded = await InProcess.run(["attest", "E1005", "system-hands-on-sign-off", "--by", "E1003", "--on", "2026-11-20", "--db", db] + shipped, now: now)
        #expect(recorded.status == 0 && recorded.stdout == "E1005 took part in system-hands-on-sign-off on 2026-11-20, attested by E1003.\n")
        let status = await InProcess.run(["status", "--user", "E1005", "--json", "--db", db] + shipped, now: now)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let statuses = try #require(object["statuses"] as? [[String: Any]])
        let oversight = try #require(statuses.first { ($0["requirement"] as? [String: Any])?["module_id"] as? String == "human-oversight-high-risk" })
        #expect(oversight["state"] as? String == "met" && oversight["expires_on"] as? String == "2028-11-20")
        #expect((oversight["attestation"] as? [String: Any])?["attested_by"] as? String == "E1003")
        // The same sign-off is no evidence for a module it does not stand in for.
        let basics = try #require(statuses.first { ($0["requirement"] as? [String: Any])?["module_id"] as? String == "ai-basics" })
        #expect(basics["attestation"] == nil)

        let refusals: [([String], String)] = [
            (["E1005", "system-hands-on-sign-off", "--by", "E1005", "--on", "2026-11-20"], "E1005 cannot attest their own measure."),
            (["E1005", "sign-off", "--by", "E1003", "--on", "2026-11-20"], "No measure 'sign-off'. Use one of: system-hands-on-sign-off, clinical-ai-workshop."),
            (["E1005", "system-hands-on-sign-off", "--by", "E1003", "--on", "2026-12-01"], "--on 2026-12-01 is in the future."),
            (["E9999", "system-hands-on-sign-off", "--by", "E1003", "--on", "2026-11-20"], "No person 'E9999' in the roster."),
            (["E1005", "system-hands-on-sign-off", "--by", "E1003", "--on", "20.11.2026"], "--on '20.11.2026' is not a date."),
        ]
        for (arguments, message) in refusals {
            let refused = await InProcess.run(["attest"] + arguments + ["--db", db] + shipped, now: now)
            #expect(refused.status != 0 && refused.stderr.contains(message), "\(refused.stderr)")
        }
        let audit = try Kyndig.run(["verify", "--db", db])
        #expect(audit.status == 0)
    }
}
