import Foundation
import KyndigCatalog
import KyndigCore
import KyndigTestSupport
import Testing

/// An editor's re-save (CRLF on Windows, CR on old Macs, a BOM) changes nothing a learner or an
/// auditor can see: every course file loads exactly as its LF twin.
struct LineEndingTests {
    enum Saving: String, CaseIterable, CustomTestStringConvertible {
        case crlf, cr, bomAndCRLF
        var testDescription: String { rawValue }

        func apply(_ text: String) -> String {
            switch self {
            case .crlf: text.replacingOccurrences(of: "\n", with: "\r\n")
            case .cr: text.replacingOccurrences(of: "\n", with: "\r")
            case .bomAndCRLF: "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")
            }
        }
    }

    /// Copies the catalog at `source` (curricula/ and quizzes/) with every file re-saved.
    static func resaved(_ source: URL, as saving: Saving, into directory: TemporaryDirectory) throws -> URL {
        let root = directory.url.appendingPathComponent("resaved")
        let files = FileManager.default.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in files {
            let relative = String(url.standardizedFileURL.path.dropFirst(source.standardizedFileURL.path.count + 1))
            guard relative.hasPrefix("curricula/") || relative.hasPrefix("quizzes/"),
                  try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            try directory.write("resaved/\(relative)", saving.apply(try String(contentsOf: url, encoding: .utf8)))
        }
        return root
    }

    /// The shipped course, so that every construct it uses (block scalars, lists, nested headings)
    /// is covered: the same modules (texts, sections, lines, hashes), pools and curricula.
    @Test(arguments: Saving.allCases)
    func resavedCourseLoadsAsItsLFTwin(_ saving: Saving) throws {
        let directory = try TemporaryDirectory()
        let twin = try CatalogLoader.load(root: TestPaths.packageRoot)
        let resaved = try CatalogLoader.load(root: try Self.resaved(TestPaths.packageRoot, as: saving, into: directory))
        #expect(resaved.modules == twin.modules)
        #expect(resaved.quizzes == twin.quizzes)
        #expect(resaved.roles == twin.roles)
        #expect(resaved.contexts == twin.contexts)
        #expect(resaved.obligations == twin.obligations)
        #expect(resaved.glossary == twin.glossary)
        #expect(resaved.policy == twin.policy)
        // Spelled out, since a stray "\r" is what a learner would see in the tutor.
        let texts = resaved.modules.values.flatMap(\.texts.values)
        #expect(!texts.isEmpty)
        #expect(texts.allSatisfy { !($0.introduction + $0.title + $0.sections.map(\.markdown).joined()).contains("\r") })
    }

    /// Problems keep their line and column when the file is re-saved.
    @Test(arguments: Saving.allCases)
    func resavedBrokenCatalogReportsTheSameProblems(_ saving: Saving) throws {
        let directory = try TemporaryDirectory()
        let (_, twin) = CatalogLoader.check(root: TestPaths.fixture("broken-catalog"))
        let (_, resaved) = CatalogLoader.check(root: try Self.resaved(TestPaths.fixture("broken-catalog"), as: saving, into: directory))
        #expect(resaved.map(\.description) == twin.map(\.description))
    }
}
