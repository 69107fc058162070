import Foundation
import KyndigTestSupport
import Testing

/// The demo's HTML report opened by a real browser: headless Chromium parses the page and dumps
/// the document it built, so a broken tag or an unclosed element shows up here, not in a
/// manager's inbox. `make test` installs Chromium.
struct ChromiumReportTests {
    let shipped = ["--catalog", TestPaths.packageRoot.path]
    let now = Build.instant("2026-11-30T09:00:00Z")

    @Test func chromiumParsesTheDemoReportWithItsTableAndThreeCharts() async throws {
        let chromium = try #require(["/usr/bin/chromium", "/usr/local/bin/chromium"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                    "Chromium is missing: install the Debian package chromium (make test-deps does).")
        let directory = try TemporaryDirectory()
        let db = directory.path("demo.sqlite"), page = directory.path("report.html")
        #expect(await InProcess.run(["demo", "--db", db, "--no-tutor"] + shipped, now: now).status == 0)
        let result = await InProcess.run(["report", "--format", "html", "--lang", "en", "--output", page, "--db", db] + shipped, now: now)
        #expect(result.status == 0, "\(result.stderr)")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(directory.path("profile"))",
                             "--dump-dom", URL(fileURLWithPath: page).absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let dom = String(decoding: data, as: UTF8.self)

        // The browser's own serialisation: every element it built, closed where it closed it.
        #expect(dom.contains("<html lang=\"en\">"))
        #expect(dom.contains("<table id=\"units\">") && dom.contains("<table id=\"obligations\">") && dom.contains("<table id=\"attention\">"))
        #expect(dom.components(separatedBy: "<svg ").count - 1 == 3)
        #expect(dom.components(separatedBy: "<tr data-unit=").count - 1 == 13)  // the demo hospital's units
        #expect(dom.contains("<td class=\"num people\">52</td>"))  // the demo roster, at the top
        #expect(dom.contains("</footer>") && dom.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</html>"))
        #expect(!dom.contains("<script"))
    }
}
