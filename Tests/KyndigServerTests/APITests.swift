import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KyndigCore
import KyndigReports
import KyndigServer
import KyndigServices
import KyndigStore
import KyndigTestSupport
import NIOCore
import Testing
import Yams

struct OpenAPISpecTests {
    /// `GET /api/v1/modules/{id}` for every route and every operation of the spec: the two sets are equal.
    @Test func everyRouteIsInTheSpecAndEverySpecPathIsRouted() async throws {
        let fixture = try await ServerFixture.make()
        let router = KyndigServer.buildRouter(fixture.environment)
        let routed = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
        let spec = try #require(try Yams.load(yaml: fixture.environment.openAPISpec) as? [String: Any])
        #expect(spec["openapi"] as? String == "3.1.0")
        let servers = try #require(spec["servers"] as? [[String: Any]])
        let base = try #require(servers.first?["url"] as? String)
        let paths = try #require(spec["paths"] as? [String: [String: Any]])
        let specified = Set(paths.flatMap { path, operations in
            operations.keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }.map { "\($0.uppercased()) \(base)\(path)" }
        })
        #expect(routed.subtracting(specified).isEmpty, "routed but not in the spec")
        #expect(specified.subtracting(routed).isEmpty, "in the spec but not routed")
        #expect(routed.count == 23)
    }

    @Test func theSpecIsServedAsItIs() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/openapi.yaml", method: .get) { response in
                #expect(response.text == fixture.environment.openAPISpec)
                #expect(response.headers[.contentType] == "application/yaml; charset=utf-8")
            }
        }
    }
}

struct APITests {
    func post(_ client: some TestClientProtocol, _ uri: String, token: String?, json: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: ServerFixture.headers(token: token, contentType: "application/json"),
                                 body: ByteBuffer(string: json))
    }

    @Test func aLearnerTakesAQuizThroughTheAPIAndTheStatusShowsThePass() async throws {
        let fixture = try await ServerFixture.make()
        let kari = fixture.tokens["learner:E1"]
        try await fixture.application().test(.router) { client in
            // Given a started quiz
            let start = try await post(client, "/api/v1/me/attempts", token: kari, json: #"{"module_id": "basics", "lang": "en"}"#)
            #expect(start.status == .created)
            let state = try start.json()
            let attempt = try #require(state["attempt"] as? [String: Any])
            let id = try #require(attempt["id"] as? String)
            let questions = try #require(state["questions"] as? [[String: Any]])
            // A second start resumes it.
            #expect(try await post(client, "/api/v1/me/attempts", token: kari, json: #"{"module_id": "basics"}"#).status == .ok)
            // Another learner cannot answer it: to them it does not exist.
            let intruder = try await post(client, "/api/v1/me/attempts/\(id)/answers", token: fixture.tokens["learner:E2"], json: #"{"position": 0, "chosen": [0]}"#)
            #expect(intruder.status == .notFound)
            // When every question is answered right ("right" is option 0 before shuffling)
            for (position, question) in questions.enumerated() {
                let options = try #require(question["options"] as? [String])
                let right = try #require(options.firstIndex(of: "right"))
                let answer = try await post(client, "/api/v1/me/attempts/\(id)/answers", token: kari, json: #"{"position": \#(position), "chosen": [\#(right)]}"#)
                #expect(answer.status == .ok)
                #expect(try answer.json()["correct"] as? Bool == true)
            }
            let bad = try await post(client, "/api/v1/me/attempts/\(id)/answers", token: kari, json: #"{"position": 99, "chosen": [0]}"#)
            #expect(bad.status == .unprocessableContent)
            let finish = try await post(client, "/api/v1/me/attempts/\(id)/finish", token: kari, json: "")
            #expect(finish.status == .ok)
            // Then the status, the same document as `kyndig status --json`, shows the pass.
            try await client.execute(uri: "/api/v1/me/status", method: .get, headers: ServerFixture.headers(token: kari)) { response in
                #expect(response.status == .ok)
                let kari = try #require(try await fixture.store.person(employeeID: "E1"))
                let person = try await LocalLearnerService(person: kari, catalog: fixture.catalog, store: fixture.store,
                                                           clock: .fixed(ServerFixture.now)).overview()
                #expect(response.text == String(decoding: try DocumentedJSON.encoder(pretty: true).encode(person), as: UTF8.self))
                #expect(response.text.contains(#""state" : "met""#))
                #expect(response.text.contains(#""employee_id" : "E1""#) && !response.text.contains(#""employee_id" : "E2""#))
            }
            // Finishing twice returns the same outcome; answering a closed attempt is a conflict.
            #expect(try await post(client, "/api/v1/me/attempts/\(id)/finish", token: kari, json: "").status == .ok)
            #expect(try await post(client, "/api/v1/me/attempts/\(id)/answers", token: kari, json: #"{"position": 0, "chosen": [0]}"#).status == .conflict)
        }
    }

    @Test(arguments: [
        (#"{"module_id": 5}"#, HTTPResponse.Status.unprocessableContent), (#"{"lang": "en"}"#, .unprocessableContent),
        ("not json", .badRequest), (#"{"module_id": "basics", "lang": "de"}"#, .badRequest),
        (#"{"module_id": "nope"}"#, .notFound), (String(repeating: "x", count: 70_000), .contentTooLarge),
    ])
    func badBodiesAre4xxWithWordsNever5xx(_ body: String, _ status: HTTPResponse.Status) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await post(client, "/api/v1/me/attempts", token: fixture.tokens["learner:E1"], json: body)
            #expect(response.status == status, "\(response.text)")
            #expect(response.headers[.contentType] == "application/problem+json")
            let detail = try #require(try response.json()["detail"] as? String)
            #expect(!detail.isEmpty && detail.hasSuffix("."))
        }
    }

    @Test func badQueryParametersAre400() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            for uri in ["/api/v1/units/C/report?format=pdf", "/api/v1/units/C/report?as_of=yesterday", "/api/v1/units/C/report?format=json&excel=true",
                        "/api/v1/exports/people.csv?since=-1", "/api/v1/exports/people.csv?since=99999", "/api/v1/exports/requirements.csv?since=3",
                        "/api/v1/exports/people.csv?excel=maybe", "/api/v1/modules/basics?lang=sv"] {
                try await client.execute(uri: uri, method: .get, headers: ServerFixture.headers(token: fixture.tokens["admin"])) { response in
                    #expect(response.status == .badRequest, "\(uri): \(response.text)")
                }
            }
        }
    }

    @Test func exportsStreamCSVWithTheNextCursor() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let cursor = try await client.execute(uri: "/api/v1/exports/people.csv", method: .get, headers: ServerFixture.headers(token: fixture.tokens["hr"])) { response in
                #expect(response.status == .ok)
                let lines = response.text.split(separator: "\r\n")
                #expect(lines.first == "employee_id,name,email,username,unit_id,role_ids,manager_employee_id,start_date,active")
                #expect(lines.count == 4)
                return try #require(response.headers[.init("Kyndig-Next-Cursor")!])
            }
            // Nothing changed since: only the header row.
            try await client.execute(uri: "/api/v1/exports/people.csv?since=\(cursor)&excel=true", method: .get, headers: ServerFixture.headers(token: fixture.tokens["hr"])) { response in
                #expect(response.text == "\u{FEFF}employee_id;name;email;username;unit_id;role_ids;manager_employee_id;start_date;active\r\n")
            }
            try await client.execute(uri: "/api/v1/exports/requirements.csv?unit=X&as_of=2026-03-01", method: .get, headers: ServerFixture.headers(token: fixture.tokens["hr"])) { response in
                let rows = response.text.split(separator: "\r\n").dropFirst()
                #expect(!rows.isEmpty && rows.allSatisfy { $0.hasPrefix("2026-03-01,E2,X,") })
            }
        }
    }

    @Test func aRosterWithBadRowsIs422WithEveryProblemAndChangesNothing() async throws {
        let fixture = try await ServerFixture.make()
        let roster = """
            employee_id,name,email,username,unit_id,unit_name,parent_unit_id,roles,start_date,manager_employee_id
            E9,Ny Person,e9@example.org,ny,W,Ward,C,nurse,2026-02-01,
            E10,Annen Person,not-an-address,annen,W,Ward,C,clinician,2026-02-01,

            """
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/roster", method: .post, headers: ServerFixture.headers(token: fixture.tokens["hr"], contentType: "text/csv"),
                                     body: ByteBuffer(string: roster)) { response in
                #expect(response.status == .unprocessableContent)
                let errors = try #require(try response.json()["errors"] as? [[String: Any]])
                #expect(errors.map { $0["line"] as? Int } == [2, 3])
                #expect(errors.first?["file"] as? String == "roster.csv" && errors.first?["field"] as? String == "roles")
            }
        }
        #expect(try await fixture.store.person(employeeID: "E9") == nil)
    }

    @Test func aRosterImportThroughTheAPIIsAuditedUnderTheToken() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/roster", method: .post, headers: ServerFixture.headers(token: fixture.tokens["hr"], contentType: "text/csv"),
                                     body: ByteBuffer(string: AuthorisationMatrixTests.roster)) { response in
                let summary = try response.json()
                #expect(response.status == .ok)
                #expect(summary["people_added"] as? Int == 1)
            }
        }
        #expect(try await fixture.store.person(employeeID: "E9")?.unitID == "W")
        let hrID = try #require(TokenCredential(text: fixture.tokens["hr"]!)).id
        #expect(try await fixture.store.auditEntries(limit: 1).first?.actor == "token:\(hrID)")
    }

    @Test func theReportJSONIsTheDocumentOfKyndigReport() async throws {
        let fixture = try await ServerFixture.make()
        let expected = try await ComplianceReporting(store: fixture.store).report(unitID: "C", catalog: fixture.catalog, asOf: Build.today)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/units/C/report?as_of=2026-03-01", method: .get, headers: ServerFixture.headers(token: fixture.tokens["manager:C"])) { response in
                let document = String(decoding: try DocumentedJSON.encoder(pretty: true).encode(expected), as: UTF8.self)
                #expect(response.text == document)
                #expect(response.text.contains(#""unit_id" : "W""#) && !response.text.contains(#""unit_id" : "X""#))
            }
        }
    }

    @Test func metricsCountRequestsByRouteTemplate() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/modules/basics", method: .get, headers: ServerFixture.headers(token: fixture.tokens["admin"]))
            try await client.execute(uri: "/api/v1/metrics", method: .get) { response in
                #expect(response.text.contains(#"kyndig_http_requests_total{method="GET",route="/api/v1/modules/{id}",status="200"} 1"#))
                #expect(response.text.contains("kyndig_http_request_duration_seconds_bucket"))
            }
            // Counted again on the same counter, and a new status on a counter of its own.
            try await client.execute(uri: "/api/v1/modules/basics", method: .get, headers: ServerFixture.headers(token: fixture.tokens["admin"]))
            try await client.execute(uri: "/api/v1/modules/nowhere", method: .get, headers: ServerFixture.headers(token: fixture.tokens["admin"]))
            try await client.execute(uri: "/api/v1/metrics", method: .get) { response in
                #expect(response.text.contains(#"kyndig_http_requests_total{method="GET",route="/api/v1/modules/{id}",status="200"} 2"#))
                #expect(response.text.contains(#"kyndig_http_requests_total{method="GET",route="/api/v1/modules/{id}",status="404"} 1"#))
                #expect(response.text.contains(#"kyndig_http_request_duration_seconds_count{method="GET",route="/api/v1/modules/{id}"} 3"#))
            }
        }
    }

    /// One test on a real socket: loopback, a free port, the same routes.
    @Test func aLiveServerOnLoopbackAnswers() async throws {
        let fixture = try await ServerFixture.make()
        let app = Application(router: KyndigServer.buildRouter(fixture.environment), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            #expect(client.port != nil)
            try await client.execute(uri: "/api/v1/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#""status" : "ok""#))
            }
            try await client.execute(uri: "/api/v1/me/status", method: .get, headers: ServerFixture.headers(token: fixture.tokens["learner:E2"])) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#""employee_id" : "E2""#))
            }
        }
    }
}

struct ServerConfigurationTests {
    @Test func flagsThenEnvironmentThenDefaults() throws {
        #expect(try ServerConfiguration.resolve(host: nil, port: nil, environment: [:]) == ServerConfiguration(host: "127.0.0.1", port: 8080))
        let environment = ["KYNDIG_HOST": "0.0.0.0", "KYNDIG_PORT": "9000"]
        #expect(try ServerConfiguration.resolve(host: nil, port: nil, environment: environment) == ServerConfiguration(host: "0.0.0.0", port: 9000))
        #expect(try ServerConfiguration.resolve(host: "::1", port: 7000, environment: environment) == ServerConfiguration(host: "::1", port: 7000))
        #expect(throws: ConfigurationProblem.badPort("eighty", source: "KYNDIG_PORT")) {
            try ServerConfiguration.resolve(host: nil, port: nil, environment: ["KYNDIG_PORT": "eighty"])
        }
    }
}

struct MethodTests {
    @Test(arguments: [("TRACE", "/api/v1/healthz", "GET"), ("DELETE", "/api/v1/modules/basics", "GET"),
                      ("GET", "/api/v1/me/attempts/abc/answers", "POST"), ("PUT", "/api/v1/dashboard/sign-in", "GET, POST")])
    func aKnownPathAskedWithAnotherMethodIs405WithAllow(method: String, uri: String, allowed: String) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: uri, method: HTTPRequest.Method(method)!) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == allowed)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            #expect(try await client.execute(uri: "/api/v1/no-such-thing", method: .get).status == .notFound)
        }
    }
}

struct SharedFactsTests {
    /// The register is shared between learners' requests, and a register imported through the
    /// server shows in the very next status.
    @Test func aRegisterImportedThroughTheServerShowsInTheNextStatus() async throws {
        let fixture = try await ServerFixture.make()
        let kari = fixture.tokens["learner:E1"]
        try await fixture.application().test(.router) { client in
            func statusText() async throws -> String {
                let response = try await client.execute(uri: "/api/v1/me/status", method: .get, headers: ServerFixture.headers(token: kari))
                return response.text
            }
            let before = try await statusText()
            #expect(!before.contains("triage"))
            let imported = try await client.execute(uri: "/api/v1/systems", method: .post,
                                                    headers: ServerFixture.headers(token: fixture.tokens["admin"], contentType: "application/yaml"),
                                                    body: ByteBuffer(string: AuthorisationMatrixTests.register))
            #expect(imported.status == .ok)
            #expect(try await statusText().contains("triage"))
        }
    }
}
