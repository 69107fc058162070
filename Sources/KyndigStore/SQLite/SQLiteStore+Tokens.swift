import Foundation
import GRDB
import KyndigCore

extension SQLiteStore: TokenStore {
    public func createToken(_ token: TokenRecord, change: Change) async throws {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO api_token (id, name, scope, secret_hash, created_at, created_by, expires_on, revoked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
                """, arguments: [token.id, token.name, token.scope.description, token.secretHash, Timestamp.string(token.createdAt),
                                 token.createdBy, token.expiresOn?.description])
            var details = ["name": token.name, "scope": token.scope.description]
            if let expiresOn = token.expiresOn { details["expires_on"] = expiresOn.description }
            try Self.appendAudit(db, .tokenCreate, subject: token.id, details: details, change: change)
        }
    }

    public func token(id: String) async throws -> TokenRecord? {
        try lookup { db in
            // Every API request runs this: the statement is prepared once per connection.
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM api_token WHERE id = ?"), arguments: [id]).map(Self.token)
        }
    }

    public func tokens() async throws -> [TokenRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_token ORDER BY created_at, id").map(Self.token)
        }
    }

    public func revokeToken(id: String, change: Change) async throws -> TokenRevocation {
        try await write { db in
            guard let token = try Row.fetchOne(db, sql: "SELECT * FROM api_token WHERE id = ?", arguments: [id]).map(Self.token) else {
                return .notFound
            }
            guard token.revokedAt == nil else { return .alreadyRevoked }
            try db.execute(sql: "UPDATE api_token SET revoked_at = ? WHERE id = ?", arguments: [Timestamp.string(change.at), id])
            try Self.appendAudit(db, .tokenRevoke, subject: id, details: ["name": token.name, "scope": token.scope.description], change: change)
            return .revoked
        }
    }

    static func token(_ row: Row) throws -> TokenRecord {
        let reader = RowReader(row, table: "api_token", keyColumn: "id")
        return TokenRecord(
            id: try reader.text("id"), name: try reader.text("name"),
            scope: try reader.parsed("scope") { try? TokenScope(parsing: $0) },
            secretHash: try reader.text("secret_hash"), createdAt: try reader.instant("created_at"),
            createdBy: try reader.text("created_by"), expiresOn: try reader.optionalParsed("expires_on") { CalendarDate(iso: $0) },
            revokedAt: try reader.optionalParsed("revoked_at", Timestamp.date))
    }
}
