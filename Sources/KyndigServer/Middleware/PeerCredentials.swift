import Foundation
import HTTPTypes
import KyndigCore
import KyndigServices
import KyndigStore
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// On a Unix socket (`kyndig serve --socket PATH`) the kernel says which OS user is at the other
/// end (SO_PEERCRED), and that user cannot pretend to be another. A request there without a token
/// acts as the learner whose roster username is that OS user's name, so learners on a shared host
/// need no token; a request with a token is judged by its token, as on TCP.
enum PeerCredentials {
    /// The OS user at the other end of `channel`, when it is a Unix socket.
    static func user(of channel: any Channel) async throws -> (uid: uid_t, name: String?)? {
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        let credentials: Credentials = try await provider.unsafeGetSocketOption(
            level: .socket, name: NIOBSDSocket.Option(rawValue: SO_PEERCRED)).get()
        return (credentials.uid, username(of: credentials.uid))
    }

    /// Linux's `struct ucred` (pid, uid, gid: three 32-bit fields), which Glibc's module does not
    /// import without _GNU_SOURCE.
    struct Credentials {
        var pid: Int32 = 0
        var uid: uid_t = 0
        var gid: gid_t = 0
    }

    static func username(of uid: uid_t) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else { return nil }
        return String(cString: name)
    }

    /// A learner's access for the OS user at the other end of `channel`, as a token record that
    /// exists only for this request (id `os-uid-N`; nothing is stored).
    /// - Throws: 401 when the OS user has no active person with that username in the roster.
    static func learnerAccess(on channel: any Channel, people: any PeopleStore, now: Date) async throws -> TokenRecord {
        guard let user = try await user(of: channel) else { throw APITokens.Refusal.missing }
        guard let name = user.name, let person = try await people.person(username: name) else {
            throw APIProblem(
                .unauthorized, type: "unknown-os-user", title: "Not signed in",
                detail: "OS user \(user.name.map { "'\(PlainText.escaped($0))'" } ?? "with uid \(user.uid)") is not the username of anyone active in the roster, so this socket cannot tell who you are. Ask HR to record your username in the roster, or send a token (Authorization: Bearer …).")
        }
        return TokenRecord(
            id: "os-uid-\(user.uid)", name: "OS user \(name)", scope: .learner(employeeID: person.employeeID), secretHash: "",
            createdAt: now, createdBy: "SO_PEERCRED", expiresOn: nil)
    }
}
