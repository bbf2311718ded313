import ELicenseCore
import GRDB

/// Replay protection: each (app, nonce) is accepted once until it expires.
extension SQLiteStore {
    public func useNonce(
        appID: String, nonce: String, expiresAt: Timestamp,
        now: Timestamp
    ) async throws(ELicenseError) -> Bool {
        let purge = noncePurge.isDue(now)
        return try await write("checking a nonce of app '\(appID)'") { db in
            if purge {
                _ = try Self.purgeNonces(db, now: now)
            }
            // One statement decides: a new nonce is inserted; a seen one is taken over only once
            // it has expired (it may not have been purged yet); otherwise nothing changes.
            try db.execute(
                sql: """
                    INSERT INTO nonce (app_id, nonce, expires_at) VALUES (?1, ?2, ?3)
                    ON CONFLICT (app_id, nonce) DO UPDATE SET expires_at = excluded.expires_at
                    WHERE nonce.expires_at <= ?4
                    """, arguments: [appID, nonce, expiresAt.secondsSince1970, now.secondsSince1970])
            return db.changesCount > 0
        }
    }

    /// Forgets nonces whose replay window has passed; the count removed.
    static func purgeNonces(_ db: Database, now: Timestamp) throws -> Int {
        try db.execute(sql: "DELETE FROM nonce WHERE expires_at <= ?", arguments: [now.secondsSince1970])
        return db.changesCount
    }
}
