import ELicenseCore
import ELicenseProtocol
import GRDB

/// Enterprise grants, found by the SM3 of their token; the provincial authorization is sealed
/// (``StoreKey``), since the front must present it again for license data.
extension SQLiteStore {
    public func insertGrant(_ grant: GrantRecord) async throws(ELicenseError) {
        let columns = try GrantColumns(grant, key: key)
        try await write("inserting a grant of app '\(grant.appID)'") { db in
            try db.execute(
                sql: """
                    INSERT INTO grant_record (token_sm3, app_id, uscc, purpose, scope_json, issued_at, expires_at,
                                              subject_json, upstream_authorization, revoked_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    grant.tokenSM3, grant.appID, grant.uscc.value, grant.purpose, columns.scope,
                    grant.issuedAt.secondsSince1970, grant.expiresAt.secondsSince1970, columns.subject,
                    columns.authorization, grant.revokedAt?.secondsSince1970,
                ])
        }
    }

    public func grant(tokenSM3: String) async throws(ELicenseError) -> GrantRecord? {
        try await read("reading a grant") { [key] db in
            try Row.fetchOne(db, sql: "SELECT * FROM grant_record WHERE token_sm3 = ?", arguments: [tokenSM3]).map {
                row in
                try Self.grant(from: row, key: key)
            }
        }
    }

    private static func grant(from row: Row, key: StoreKey) throws -> GrantRecord {
        let digest: String = try row.decode(forColumn: "token_sm3")
        let authorization = try key.openText(
            try row.decode(forColumn: "upstream_authorization"),
            context: Sealed.grantAuthorization(digest))
        return GrantRecord(
            tokenSM3: digest, appID: try row.decode(forColumn: "app_id"),
            uscc: try row.uscc("uscc"), purpose: try row.decode(forColumn: "purpose"),
            scope: try row.json([Scope].self, "scope_json"), issuedAt: try row.timestamp("issued_at"),
            expiresAt: try row.timestamp("expires_at"), subject: try row.json(Subject.self, "subject_json"),
            upstreamAuthorization: authorization, revokedAt: try row.optionalTimestamp("revoked_at"))
    }
}
