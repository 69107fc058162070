public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the remote tutor finds its server and its token: flags first, then the environment
/// (`KYNDIG_SERVER`, `KYNDIG_TOKEN`), then the defaults.
public enum ClientSetup {
    /// The server's address from `--server`, else `KYNDIG_SERVER`; nil when neither is set (the
    /// tutor then opens the local database).
    /// - Throws: `ClientSetupProblem.badServer` for anything but an http(s) address with a host.
    public static func server(flag: String?, environment: [String: String]) throws(ClientSetupProblem) -> URL? {
        let given: (text: String, source: String)
        if let flag, !flag.isEmpty {
            given = (flag, "--server")
        } else if let value = environment["KYNDIG_SERVER"], !value.isEmpty {
            given = (value, "KYNDIG_SERVER")
        } else {
            return nil
        }
        let (text, source) = given
        // `kyndig serve --socket PATH`: unix:PATH (unix:///run/kyndig.sock, or a relative path).
        if text.hasPrefix("unix:") {
            var path = String(text.dropFirst("unix:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw .badServer(text, source: source) }
            var components = URLComponents()
            components.scheme = "unix"
            components.path = URL(fileURLWithPath: path).standardizedFileURL.path
            guard let url = components.url else { throw .badServer(text, source: source) }
            return url
        }
        guard var components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = components.host, !host.isEmpty, components.query == nil
        else { throw .badServer(text, source: source) }
        // The API lives under /api/v1; accept the address with or without it.
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix("/api/v1") { path.removeLast("/api/v1".count) }
        components.path = path
        guard let url = components.url else { throw .badServer(text, source: source) }
        return url
    }

    /// `$XDG_CONFIG_HOME/kyndig/token`, else `~/.config/kyndig/token`.
    public static func defaultTokenFile(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/kyndig/token" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/kyndig/token"
    }

    /// The token for `server`: on a Unix socket only one given (`--token-file`, `KYNDIG_TOKEN`),
    /// else none, since the server knows the OS user; over TCP as `token(file:environment:)` says.
    public static func token(for server: URL, file: String?, environment: [String: String]) throws(ClientSetupProblem) -> String? {
        if server.scheme == "unix", file == nil, (environment["KYNDIG_TOKEN"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return nil
        }
        return try token(file: file, environment: environment)
    }

    /// The learner's token: from `--token-file PATH` when given, else `KYNDIG_TOKEN`, else the
    /// default token file. A token file must be readable by its owner only: a token anyone on the
    /// machine can read lets them act as that learner.
    public static func token(file: String?, environment: [String: String]) throws(ClientSetupProblem) -> String {
        if file == nil, let token = environment["KYNDIG_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
            return token
        }
        let path = file ?? defaultTokenFile(environment: environment)
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw .noToken(path: path, explicit: file != nil) }
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard info.st_mode & 0o170_000 == 0o100_000 else { throw .unreadable(path: path, reason: "not a regular file") }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else { throw .openToOthers(path: path, mode: String(mode, radix: 8)) }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: "\(error.localizedDescription)")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, !token.contains(where: \.isWhitespace) else { throw .emptyOrGarbled(path: path) }
        return token
    }
}

/// Why the remote tutor cannot start, with what to do.
public enum ClientSetupProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case badServer(String, source: String)
    /// `explicit`: the path came from --token-file (else it is the default).
    case noToken(path: String, explicit: Bool)
    case openToOthers(path: String, mode: String)
    case unreadable(path: String, reason: String)
    case emptyOrGarbled(path: String)

    public var description: String {
        switch self {
        case let .badServer(text, source):
            "\(source) '\(text)' is not the address of a Kyndig server. Give it as http://HOST:PORT or https://HOST, e.g. http://127.0.0.1:8080, or as unix:PATH for kyndig serve --socket PATH."
        case let .noToken(path, explicit):
            (explicit ? "Token file \(path) does not exist. " : "No token to sign in to the Kyndig server: KYNDIG_TOKEN is not set and \(path) does not exist. ")
                + "Save the token your administrator made for you (kyndig token create --scope learner:EMPLOYEE_ID) in \(path), then make it private: chmod 600 \(path)"
        case let .openToOthers(path, mode):
            "Token file \(path) can be read by others (mode \(mode)), so anyone on this machine could act as you. Make it readable only by you: chmod 600 \(path) (and ask for a new token if someone may have read it)."
        case let .unreadable(path, reason):
            "Cannot read token file \(path): \(reason). Check the path given to --token-file, and that the file is yours: chmod 600 \(path)"
        case let .emptyOrGarbled(path):
            "Token file \(path) holds no token (or more than one word). Put in it only the token kyndig token create printed (kyndig_…)."
        }
    }
}
