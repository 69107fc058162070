import Foundation

/// Paths of the repository, the fixtures and the built binary, found from this file's location.
public enum TestPaths {
    /// The package root (the directory holding Package.swift).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func fixture(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests/Fixtures/\(name)")
    }

    /// The `kyndig` executable of the current build (`swift build --build-tests` builds it).
    public static var kyndigBinary: URL {
        let candidates = [".build/debug/kyndig", ".build/release/kyndig"].map { packageRoot.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }
}

/// A directory under the system temporary directory, removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL

    public init(_ label: String = "kyndig-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Copies a fixture directory into this directory, so a test can change it freely.
    public func copyFixture(_ name: String) throws -> URL {
        let destination = url.appendingPathComponent(name)
        try FileManager.default.copyItem(at: TestPaths.fixture(name), to: destination)
        return destination
    }

    /// Writes `text` to `name` and returns the path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }
}
