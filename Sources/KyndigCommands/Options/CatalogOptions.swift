import ArgumentParser
import Foundation
import KyndigCatalog
import Logging
import KyndigCore

/// Where the course content is: `--catalog`, else `KYNDIG_CATALOG`, else the current directory
/// or the nearest directory above the executable that holds `curricula/`.
struct CatalogOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Directory holding curricula/ and quizzes/.", valueName: "dir"))
    var catalog: String?

    func root() throws -> URL {
        try CatalogLocation.resolve(explicit: catalog, environment: ProcessInfo.processInfo.environment)
    }

    /// Loads the validated catalog; prints every problem and fails when there are any.
    func load() throws -> Catalog {
        let root = try root()
        do {
            Log.logger.debug("catalog: \(root.path)")
            return try Log.timed("loading the catalog") { try CatalogLoader.load(root: root) }
        } catch let problems as Problems {
            Console.error(ErrorWording.describe(problems, nothingWritten: "the catalog cannot be used.", fix: "Fix the course files and try again."))
            throw ExitCode.failure
        }
    }
}

enum CatalogLocation {
    static func resolve(explicit: String?, environment: [String: String]) throws -> URL {
        if let path = explicit ?? environment["KYNDIG_CATALOG"] {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        let fileManager = FileManager.default
        let cwd = URL(fileURLWithPath: fileManager.currentDirectoryPath, isDirectory: true)
        var candidates = [cwd]
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "", isDirectory: false)
            .resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            candidates.append(directory)
            directory.deleteLastPathComponent()
        }
        if let found = candidates.first(where: { fileManager.fileExists(atPath: $0.appendingPathComponent("curricula").path) }) {
            return found
        }
        throw CommandFailure("Cannot find the course content (a directory with curricula/). Pass --catalog DIR or set KYNDIG_CATALOG.")
    }
}

/// `--lang nb|en` on the command line.
extension Language: ExpressibleByArgument {}
