import ArgumentParser
import Foundation
import KyndigCatalog
import Logging
import KyndigCore

/// Where the course content is: `--catalog`, else `KYNDIG_CATALOG`, else the current directory or
/// its nearest ancestor holding `curricula/`, else the nearest directory above the executable
/// holding `curricula/` (see `CatalogLocation`).
struct CatalogOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Directory holding curricula/ and quizzes/.", valueName: "dir"))
    var catalog: String?

    func root() throws -> URL {
        try CatalogLocation.resolve(explicit: catalog, environment: ProcessInfo.processInfo.environment)
    }

    /// Loads the validated catalog; prints every problem and fails when there are any.
    /// - Parameter quizPools: false for a command that never draws a quiz (see `CatalogLoader.load`).
    func load(quizPools: Bool = true) throws -> Catalog {
        let root = try root()
        do {
            Log.logger.debug("catalog: \(root.path)")
            return try Log.timed("loading the catalog") { try CatalogLoader.load(root: root, quizPools: quizPools) }
        } catch let problems as Problems {
            Console.error(ErrorWording.describe(problems, nothingWritten: "the catalog cannot be used.", fix: "Fix the course files in \(root.path) and try again."))
            throw ExitCode.failure
        }
    }
}

/// Finds the catalog directory, in this order:
/// 1. the directory named on the command line (`--catalog DIR`, or `catalog check DIR`);
/// 2. `KYNDIG_CATALOG`;
/// 3. the current directory or its nearest ancestor holding `curricula/`, so that a command run
///    anywhere inside a course (even in `curricula/` itself) works on that course;
/// 4. the nearest directory above the executable holding `curricula/`: the course shipped with
///    the binary, for people who run it from elsewhere.
/// Empty values count as unset, as for `--db` and `KYNDIG_DB`.
enum CatalogLocation {
    /// - Parameters:
    ///   - explicit: the directory named on the command line, if any.
    ///   - given: how that command names it (`--catalog DIR`, or `kyndig catalog check DIR`), so
    ///     that a wrong path comes with the fix that command takes.
    /// - Throws: `CommandFailure` when a named directory has no `curricula/`, or none is found.
    static func resolve(
        explicit: String?, given: String = "--catalog DIR", environment: [String: String],
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true),
        executable: URL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "")
    ) throws -> URL {
        if let path = explicit, !path.isEmpty {
            let root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
            if let problem = problem(with: root) {
                throw CommandFailure("\(problem) Name the directory that holds curricula/ and quizzes/ with \(given).")
            }
            return root
        }
        if let path = environment["KYNDIG_CATALOG"], !path.isEmpty {
            let root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
            if let problem = problem(with: root) {
                throw CommandFailure("KYNDIG_CATALOG: \(problem) Set KYNDIG_CATALOG to the directory that holds curricula/ and quizzes/, or name it with --catalog DIR.")
            }
            return root
        }
        // The working directory first: a course being edited beats the course shipped with the binary.
        if let found = nearest(from: currentDirectory) ?? nearest(from: executable.resolvingSymlinksInPath().deletingLastPathComponent()) {
            return found
        }
        throw CommandFailure("Cannot find the course content (a directory with curricula/) in or above '\(currentDirectory.path)'. Run Kyndig inside the course, pass --catalog DIR or set KYNDIG_CATALOG.")
    }

    /// `start` or its nearest ancestor that holds a `curricula/` directory.
    static func nearest(from start: URL) -> URL? {
        var directory = start.standardizedFileURL
        while true {
            if holdsCurricula(directory) { return directory }
            let parent = directory.deletingLastPathComponent().standardizedFileURL
            if parent.path == directory.path || directory.path == "/" { return nil }
            directory = parent
        }
    }

    /// Why `root` cannot be a catalog directory, or nil when it holds `curricula/`.
    static func problem(with root: URL) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "Catalog directory '\(root.path)' does not exist."
        }
        return holdsCurricula(root) ? nil : "'\(root.path)' has no curricula/ directory, so it is not a course."
    }

    static func holdsCurricula(_ directory: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory.appendingPathComponent("curricula").path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
}

/// `--lang nb|en` on the command line.
extension Language: ExpressibleByArgument {}
