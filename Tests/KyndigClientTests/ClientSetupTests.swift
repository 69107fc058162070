import Foundation
@testable import KyndigClient
import KyndigServices
import KyndigStore
import KyndigTestSupport
import Testing

/// Where the remote tutor's server and token come from, and the token file's permissions.
struct ClientSetupTests {
    @Test func theServerComesFromTheFlagThenTheEnvironment() throws {
        #expect(try ClientSetup.server(flag: nil, environment: [:]) == nil)
        #expect(try ClientSetup.server(flag: nil, environment: ["KYNDIG_SERVER": "http://a:8080"])?.absoluteString == "http://a:8080")
        #expect(try ClientSetup.server(flag: "https://b", environment: ["KYNDIG_SERVER": "http://a:8080"])?.absoluteString == "https://b")
        // The API's own path may be given too.
        #expect(try ClientSetup.server(flag: "http://c:9000/api/v1/", environment: [:])?.absoluteString == "http://c:9000")
        // kyndig serve --socket PATH
        for text in ["unix:/run/kyndig.sock", "unix:///run/kyndig.sock"] {
            let url = try #require(try ClientSetup.server(flag: text, environment: [:]))
            #expect(url.scheme == "unix" && url.path == "/run/kyndig.sock" && url.absoluteString == "unix:/run/kyndig.sock")
        }
    }

    @Test func onASocketNoTokenIsNeededUnlessOneIsGiven() throws {
        let socket = try #require(try ClientSetup.server(flag: "unix:/run/kyndig.sock", environment: [:]))
        #expect(try ClientSetup.token(for: socket, file: nil, environment: ["HOME": "/nonexistent"]) == nil)
        #expect(try ClientSetup.token(for: socket, file: nil, environment: ["KYNDIG_TOKEN": "kyndig_a_b"]) == "kyndig_a_b")
        let tcp = try #require(try ClientSetup.server(flag: "http://127.0.0.1:8080", environment: [:]))
        #expect(throws: ClientSetupProblem.noToken(path: "/nonexistent/.config/kyndig/token", explicit: false)) {
            try ClientSetup.token(for: tcp, file: nil, environment: ["HOME": "/nonexistent"])
        }
    }

    static let badServers: [(String?, [String: String], ClientSetupProblem)] = [
        ("127.0.0.1:8080", [:], .badServer("127.0.0.1:8080", source: "--server")),
        (nil, ["KYNDIG_SERVER": "ftp://files"], .badServer("ftp://files", source: "KYNDIG_SERVER")),
        ("http://", [:], .badServer("http://", source: "--server")),
    ]

    @Test(arguments: badServers)
    func anAddressThatIsNotHTTPIsRefused(_ flag: String?, _ environment: [String: String], _ problem: ClientSetupProblem) {
        #expect(throws: problem) { try ClientSetup.server(flag: flag, environment: environment) }
    }

    @Test func aBadAddressSaysHowToWriteOne() {
        #expect(ClientSetupProblem.badServer("ftp://files", source: "KYNDIG_SERVER").description ==
            "KYNDIG_SERVER 'ftp://files' is not the address of a Kyndig server. Give it as http://HOST:PORT or https://HOST, e.g. http://127.0.0.1:8080, or as unix:PATH for kyndig serve --socket PATH.")
    }

    @Test func theTokenComesFromTheFileFlagThenTheEnvironmentThenTheDefaultFile() throws {
        let home = try TemporaryDirectory("kyndig-token")
        let environment = ["HOME": home.url.path, "XDG_CONFIG_HOME": ""]
        let defaultFile = try home.write(".config/kyndig/token", "kyndig_default_secret\n")
        chmod(defaultFile, 0o600)
        let explicit = try home.write("mine", "  kyndig_explicit_secret \n")
        chmod(explicit, 0o400)
        #expect(try ClientSetup.token(file: nil, environment: environment) == "kyndig_default_secret")
        #expect(try ClientSetup.token(file: nil, environment: environment.merging(["KYNDIG_TOKEN": "kyndig_env_secret"]) { $1 }) == "kyndig_env_secret")
        #expect(try ClientSetup.token(file: explicit, environment: ["KYNDIG_TOKEN": "kyndig_env_secret"]) == "kyndig_explicit_secret")
        #expect(ClientSetup.defaultTokenFile(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/kyndig/token")
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660])
    func aTokenFileOthersCanReadIsRefusedWithTheFix(mode: Int) throws {
        let home = try TemporaryDirectory("kyndig-token")
        let file = try home.write("token", "kyndig_abc_def\n")
        chmod(file, mode_t(mode))
        #expect(throws: ClientSetupProblem.openToOthers(path: file, mode: String(mode, radix: 8))) {
            try ClientSetup.token(file: file, environment: [:])
        }
        #expect(ClientSetupProblem.openToOthers(path: file, mode: "644").description ==
            "Token file \(file) can be read by others (mode 644), so anyone on this machine could act as you. Make it readable only by you: chmod 600 \(file) (and ask for a new token if someone may have read it).")
    }

    @Test func aMissingOrEmptyTokenFileSaysWhatToDo() throws {
        let home = try TemporaryDirectory("kyndig-token")
        let environment = ["HOME": home.url.path]
        let path = home.path(".config/kyndig/token")
        #expect(throws: ClientSetupProblem.noToken(path: path, explicit: false)) { try ClientSetup.token(file: nil, environment: environment) }
        #expect(ClientSetupProblem.noToken(path: path, explicit: false).description ==
            "No token to sign in to the Kyndig server: KYNDIG_TOKEN is not set and \(path) does not exist. Save the token your administrator made for you (kyndig token create --scope learner:EMPLOYEE_ID) in \(path), then make it private: chmod 600 \(path)")
        let empty = try home.write("empty", "\n")
        chmod(empty, 0o600)
        #expect(throws: ClientSetupProblem.emptyOrGarbled(path: empty)) { try ClientSetup.token(file: empty, environment: environment) }
    }

    /// The documented JSON's snake_case keys back to the Swift names they came from.
    @Test(arguments: [
        ("employee_id", "employeeID"), ("role_ids", "roleIDs"), ("sections_to_reread", "sectionsToReread"), ("id", "id"),
        ("open_attempt_module_ids", "openAttemptModuleIDs"), ("_0", "_0"), ("title", "title"), ("x_a_p_i", "xAPI"),
    ])
    func snakeCaseKeysReadBackAsTheirSwiftNames(_ snake: String, _ camel: String) {
        #expect(CamelCaseKey(snake: snake).stringValue == camel)
    }
}

/// Which problem documents the tutor acts on, and which it only shows.
struct ProblemTranslationTests {
    static let server = URL(string: "http://kyndig.example:8080")!

    @Test func busyIsRetriedAndAClosedAttemptShowsItsResult() {
        #expect(RemoteLearnerService.translated(.init(status: 503, kind: "busy", detail: "d"), attemptID: nil, server: Self.server) as? StoreError
            == .busy(path: "http://kyndig.example:8080"))
        #expect(RemoteLearnerService.translated(.init(status: 409, kind: "attempt-closed", detail: "d"), attemptID: "A1", server: Self.server) as? QuizProblem
            == .attemptClosed("A1"))
    }

    @Test(arguments: [(404, "unknown-attempt", false), (409, "module-changed", false), (401, "unauthenticated", false),
                      (403, "inactive-learner", false), (500, "internal", true), (429, "too-many", true), (503, "no-search-index", true)])
    func everyOtherProblemIsShownInItsOwnWords(status: Int, kind: String, transient: Bool) {
        let detail = "What happened, and what to do."
        #expect(RemoteLearnerService.translated(.init(status: status, kind: kind, detail: detail), attemptID: "A1", server: Self.server)
            as? LearnerServiceFailure == LearnerServiceFailure(detail, transient: transient))
    }
}
