import Foundation
import KyndigCatalog
import KyndigCore
import KyndigTestSupport
import Testing

/// A copy of the good fixture with something broken on purpose, and the problems expected.
struct Breakage: Sendable, CustomTestStringConvertible {
    enum Edit: Sendable {
        /// Replaces every occurrence of a text in a file.
        case replace(String, String, with: String)
        case delete(String)
        /// Writes a copy of a file under another name, with one text replaced.
        case copy(String, to: String, replacing: String, with: String)
    }

    let name: String
    let edits: [Edit]
    let expected: [String]
    var testDescription: String { name }

    /// Copies good-catalog, applies the edits and checks the copy.
    func check() throws -> (Catalog?, [Problem]) {
        let directory = try TemporaryDirectory()
        let root = try directory.copyFixture("good-catalog")
        for edit in edits {
            switch edit {
            case let .replace(file, old, new):
                let url = root.appendingPathComponent(file)
                let text = try String(contentsOf: url, encoding: .utf8)
                try #require(text.contains(old), "\(file) does not contain '\(old)'")
                try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
            case let .delete(file):
                try FileManager.default.removeItem(at: root.appendingPathComponent(file))
            case let .copy(file, to, old, new):
                let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
                try text.replacingOccurrences(of: old, with: new).write(to: root.appendingPathComponent(to), atomically: true, encoding: .utf8)
            }
        }
        return CatalogLoader.check(root: root)
    }
}
