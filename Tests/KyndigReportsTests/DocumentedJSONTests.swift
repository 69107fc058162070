import Testing
@testable import KyndigReports

struct DocumentedJSONTests {
    @Test(arguments: [
        ("employeeID", "employee_id"), ("roleIDs", "role_ids"), ("dryRun", "dry_run"), ("asOf", "as_of"), ("status", "status"),
        ("requestID", "request_id"), ("IDs", "ids"), ("ID", "id"), ("IDID", "id_id"), ("IID", "i_id"), ("IDD", "id_d"),
        ("URLPath", "u_r_l_path"), ("contentHash", "content_hash"), ("sectionsToReread", "sections_to_reread"),
    ])
    func keysAreSnakeCased(camel: String, snake: String) {
        #expect(SnakeCaseKey(camel).stringValue == snake)
        #expect(SnakeCaseKey.slowSnakeCased(camel) == snake, "the fast path and the general one agree")
    }

    @Test func nonASCIIKeysTakeTheGeneralPath() {
        #expect(SnakeCaseKey("blåBær").stringValue == "blå_bær")
    }
}
