import Foundation
import KyndigTestSupport
import Testing

struct CatalogCommandTests {
    @Test func checkExitsZeroOnAGoodCatalogAndOneWithEveryProblemListed() throws {
        let good = try Kyndig.run(["catalog", "check", TestPaths.fixture("good-catalog").path])
        #expect(good.status == 0)
        #expect(good.stdout == "Catalog OK: \(Self.path("good-catalog")): 2 modules, 4 module texts, 16 questions, 3 roles, 2 obligations.\n")
        let broken = try Kyndig.run(["catalog", "check", TestPaths.fixture("broken-catalog").path])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("curricula/basics/nb.md:4:10: version '1' is not MAJOR.MINOR."))
        #expect(broken.stderr.hasSuffix("18 problems found.\n"))
    }

    /// A fixture's absolute path as the commands print it.
    static func path(_ fixture: String) -> String { TestPaths.fixture(fixture).standardizedFileURL.path }

    /// Without `--catalog`, the course around the working directory is checked, not the one
    /// shipped beside the binary, and the command says which directory it checked.
    @Test func checkInsideACourseChecksThatCourseAndNamesIt() throws {
        let noEnvironment = ["KYNDIG_CATALOG": ""]
        let inCurricula = TestPaths.fixture("broken-catalog/curricula")
        let broken = try Kyndig.run(["catalog", "check"], environment: noEnvironment, currentDirectory: inCurricula)
        #expect(broken.status == 1)
        #expect(broken.stderr.hasSuffix("\nChecked \(Self.path("broken-catalog")): 18 problems found.\n"))
        let inModule = TestPaths.fixture("good-catalog/curricula/basics")
        let good = try Kyndig.run(["catalog", "check"], environment: noEnvironment, currentDirectory: inModule)
        #expect(good.stdout.hasPrefix("Catalog OK: \(Self.path("good-catalog")): 2 modules"))
    }

    /// Every command that takes `--catalog` finds the catalog the same way.
    @Test func commandsWithoutCatalogOptionUseTheCourseAroundTheWorkingDirectory() throws {
        let result = try Kyndig.run(
            ["catalog", "list", "--json"], environment: ["KYNDIG_CATALOG": ""],
            currentDirectory: TestPaths.fixture("good-catalog/curricula/oversight"))
        struct Row: Decodable { let id: String }
        #expect(try JSONDecoder().decode([Row].self, from: Data(result.stdout.utf8)).map(\.id) == ["basics", "oversight"])
    }

    @Test func checkTakesCatalogAsOptionToo() async throws {
        let result = await InProcess.run(["catalog", "check", "--catalog", TestPaths.fixture("good-catalog").path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Catalog OK: \(Self.path("good-catalog")): 2 modules"))
        let same = await InProcess.run(["catalog", "check", TestPaths.fixture("good-catalog").path, "--catalog", TestPaths.fixture("good-catalog").path + "/"])
        #expect(same.status == 0)
    }

    @Test func checkRefusesTwoDifferentDirectories() async throws {
        let result = await InProcess.run(["catalog", "check", "a", "--catalog", "b"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: Two catalog directories given: 'a' and --catalog 'b'. Give one of them.\n"))
    }

    /// A wrong directory is told with the way the command at hand names it.
    @Test(arguments: [
        (["catalog", "check", "/nonexistent"], "with kyndig catalog check DIR."),
        (["catalog", "check", "--catalog", "/nonexistent"], "with --catalog DIR."),
        (["catalog", "list", "--catalog", "/nonexistent"], "with --catalog DIR."),
        (["sync", "--db", "/nonexistent/k.sqlite", "--catalog", "/nonexistent"], "with --catalog DIR."),
    ])
    func missingDirectoryNamesTheOptionTheCommandTakes(_ arguments: [String], _ fix: String) async {
        let result = await InProcess.run(arguments)
        #expect(result.status == 1)
        #expect(result.stderr == "Error: Catalog directory '/nonexistent' does not exist. Name the directory that holds curricula/ and quizzes/ \(fix)\n")
    }

    @Test func directoryWithoutCurriculaIsNotACourse() throws {
        let result = try Kyndig.run(["catalog", "list"], environment: ["KYNDIG_CATALOG": TestPaths.fixture("roster").path])
        #expect(result.status == 1)
        #expect(result.stderr == "Error: KYNDIG_CATALOG: '\(Self.path("roster"))' has no curricula/ directory, so it is not a course. Set KYNDIG_CATALOG to the directory that holds curricula/ and quizzes/, or name it with --catalog DIR.\n")
    }

    @Test func checkPrintsProblemsAsJSON() throws {
        let result = try Kyndig.run(["catalog", "check", "--json", TestPaths.fixture("broken-catalog").path])
        struct Problem: Decodable { let file: String; let line: Int; let column: Int?; let message: String }
        let problems = try JSONDecoder().decode([Problem].self, from: Data(result.stdout.utf8))
        #expect(result.status == 1)
        #expect(problems.count == 18)
        #expect(problems.contains { $0.file == "curricula/roles.yaml" && $0.line == 6 && $0.column == 23 })
    }

    @Test func listShowsWordAndQuestionCountsAsJSON() throws {
        let result = try Kyndig.run(["catalog", "list", "--json", "--catalog", TestPaths.fixture("good-catalog").path])
        struct Row: Decodable { let id: String; let words: [String: Int]; let questions: [String: Int]; let version: String }
        let rows = try JSONDecoder().decode([Row].self, from: Data(result.stdout.utf8))
        #expect(rows.map(\.id) == ["basics", "oversight"])
        #expect(rows[0].words == ["nb": 59, "en": 64])
        #expect(rows[1].questions == ["nb": 4, "en": 4])
        #expect(rows[1].version == "2.1")
    }

    @Test func syncTwiceChangesNothingTheSecondTime() throws {
        let directory = try TemporaryDirectory()
        let args = ["sync", "--db", directory.path("k.sqlite"), "--catalog", TestPaths.fixture("good-catalog").path]
        let first = try Kyndig.run(args)
        #expect(first.stdout.contains("4 module versions added."))
        let second = try Kyndig.run(args)
        #expect(second.stdout == "Catalog already in sync: no changes (2 modules).\n")
    }

    @Test func theShippedCatalogIsValid() throws {
        let result = try Kyndig.run(["catalog", "check"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// `catalog lint` prints the cue figures per language and fails, naming the cue, when the
    /// good fixture (every true-false statement true) is measured.
    @Test func lintPrintsTheCueFiguresAndFailsOnAGiveaway() async throws {
        let fixture = await InProcess.run(["catalog", "lint", "--catalog", TestPaths.fixture("good-catalog").path])
        #expect(fixture.status == 1)
        #expect(fixture.stdout.hasPrefix("""
                                          nb            en            all
        true-false answered true          2/2 100 %     2/2 100 %     4/4 100 %
        right option the longest          0/4 0 %       0/4 0 %       0/8 0 %
        right option copied (10+ words)   0             0             0
        absolute words in true-false      0             0             0

        """))
        #expect(fixture.stderr == "4 of 4 true-false statements are true (100 %); keep it within 40 %–60 %.\n")
        let json = await InProcess.run(["catalog", "lint", "--json", "--catalog", TestPaths.fixture("good-catalog").path])
        struct Output: Decodable {
            struct Figures: Decodable { let true_answers: Int; let true_share: Double }
            let total: Figures
            let problems: [String]
        }
        let output = try JSONDecoder().decode(Output.self, from: Data(json.stdout.utf8))
        #expect(output.total.true_answers == 4 && output.total.true_share == 1 && output.problems.count == 1)
    }

    /// The shipped course passes the lint.
    @Test func theShippedQuizzesPassTheLint() throws {
        let result = try Kyndig.run(["catalog", "lint"])
        #expect(result.stderr.isEmpty)
        #expect(result.status == 0)
        #expect(result.stdout.contains("true-false answered true"))
    }
}
