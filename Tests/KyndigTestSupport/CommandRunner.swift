import Foundation

/// Runs the real `kyndig` binary, as a user would, and captures what it prints.
public struct CommandResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

public enum Kyndig {
    /// Runs `kyndig arguments…` with stdin closed (or read from the file `stdin`) and returns exit status and output.
    /// - Parameter executable: another program to run instead (one that runs kyndig, such as runuser).
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil, stdin: String? = nil, executable: URL? = nil
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable ?? TestPaths.kyndigBinary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.currentDirectoryURL = currentDirectory ?? TestPaths.packageRoot
        // Output goes to files, not pipes, so a chatty process can never block on a full pipe.
        let scratch = try TemporaryDirectory("kyndig-run")
        _ = FileManager.default.createFile(atPath: scratch.path("out"), contents: nil)
        _ = FileManager.default.createFile(atPath: scratch.path("err"), contents: nil)
        let out = try FileHandle(forWritingTo: scratch.url.appendingPathComponent("out"))
        let err = try FileHandle(forWritingTo: scratch.url.appendingPathComponent("err"))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = try stdin.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: scratch.url.appendingPathComponent("out"))
        let errData = try Data(contentsOf: scratch.url.appendingPathComponent("err"))
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
