import Foundation

/// Compares output with a recorded snapshot in `Tests/Snapshots/NAME`. A missing snapshot, or
/// any run with `KYNDIG_RECORD_SNAPSHOTS=1`, records the output instead and fails, so that a
/// snapshot only ever changes on purpose and is reviewed in the diff.
public enum Snapshot {
    public static let directory = TestPaths.packageRoot.appendingPathComponent("Tests/Snapshots")

    /// - Returns: nil when `actual` matches, else what differs (for `#expect(... == nil)`).
    public static func check(_ actual: String, named name: String) -> String? {
        let file = directory.appendingPathComponent(name)
        let recording = ProcessInfo.processInfo.environment["KYNDIG_RECORD_SNAPSHOTS"] == "1"
        guard !recording, let expected = try? String(contentsOf: file, encoding: .utf8) else {
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: file)
            return "recorded snapshot \(name); check it in and run again"
        }
        guard expected != actual else { return nil }
        let want = expected.components(separatedBy: "\n"), got = actual.components(separatedBy: "\n")
        let line = zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(want.count, got.count)
        return """
            snapshot \(name) differs at line \(line + 1):
              expected: \(line < want.count ? want[line] : "<end>")
              actual:   \(line < got.count ? got[line] : "<end>")
            Re-record on purpose with KYNDIG_RECORD_SNAPSHOTS=1.
            """
    }
}
