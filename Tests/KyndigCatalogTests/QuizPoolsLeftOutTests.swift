import Foundation
import KyndigCatalog
import KyndigCore
import KyndigTestSupport
import Testing

/// A command that draws no quiz (a report, an export, an import) loads the catalog without
/// parsing the quiz pools: the same modules and the same content hashes (the quiz files still
/// count in them), no pools, and a broken pool does not stop it; the full load still refuses it.
struct QuizPoolsLeftOutTests {
    @Test func theSameModulesAndHashesWithoutPools() throws {
        let root = TestPaths.fixture("good-catalog")
        let full = try CatalogLoader.load(root: root)
        let lean = try CatalogLoader.load(root: root, quizPools: false)
        #expect(lean.modules == full.modules)
        #expect(lean.roles.map(\.id) == full.roles.map(\.id) && lean.policy == full.policy)
        #expect(!full.quizzes.isEmpty && lean.quizzes.isEmpty)
    }

    @Test func aBrokenPoolStopsOnlyTheFullLoad() throws {
        let directory = try TemporaryDirectory()
        let root = try directory.copyFixture("good-catalog")
        let pool = root.appendingPathComponent("quizzes/basics.en.yaml")
        let text = try String(contentsOf: pool, encoding: .utf8)
        try text.replacingOccurrences(of: "section: what-ai-is", with: "section: [unclosed").write(to: pool, atomically: true, encoding: .utf8)
        #expect(throws: Problems.self) { try CatalogLoader.load(root: root) }
        let lean = try CatalogLoader.load(root: root, quizPools: false)
        // The changed pool is still part of the module's content hash.
        let original = try CatalogLoader.load(root: TestPaths.fixture("good-catalog"), quizPools: false)
        #expect(lean.modules["basics"]?.texts[.en]?.contentHash != original.modules["basics"]?.texts[.en]?.contentHash)
        #expect(lean.modules["basics"]?.texts[.nb]?.contentHash == original.modules["basics"]?.texts[.nb]?.contentHash)
    }
}
