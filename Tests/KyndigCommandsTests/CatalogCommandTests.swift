import Foundation
import KyndigTestSupport
import Testing

struct CatalogCommandTests {
    @Test func checkExitsZeroOnAGoodCatalogAndOneWithEveryProblemListed() throws {
        let good = try Kyndig.run(["catalog", "check", TestPaths.fixture("good-catalog").path])
        #expect(good.status == 0)
        #expect(good.stdout.hasPrefix("Catalog OK: 2 modules, 4 module texts, 16 questions"))
        let broken = try Kyndig.run(["catalog", "check", TestPaths.fixture("broken-catalog").path])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("curricula/basics/nb.md:4:10: version '1' is not MAJOR.MINOR."))
        #expect(broken.stderr.hasSuffix("19 problems found.\n"))
    }

    @Test func checkPrintsProblemsAsJSON() throws {
        let result = try Kyndig.run(["catalog", "check", "--json", TestPaths.fixture("broken-catalog").path])
        struct Problem: Decodable { let file: String; let line: Int; let column: Int?; let message: String }
        let problems = try JSONDecoder().decode([Problem].self, from: Data(result.stdout.utf8))
        #expect(result.status == 1)
        #expect(problems.count == 19)
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
}
