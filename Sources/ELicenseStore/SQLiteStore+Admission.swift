import ELicenseCore
import GRDB

/// Replay protection and the rate budget: the admission of a signed call.
extension SQLiteStore {
    public func admitCall(
        appID: String, nonce: String, nonceExpiresAt: Timestamp, perMinute: Int,
        now: Timestamp
    ) async throws(ELicenseError) -> CallAdmission {
        let purge = noncePurge.isDue(now)
        return try await write("admitting a call of app '\(appID)'", synced: false) { db in
            if purge {
                _ = try Self.purgeNonces(db, now: now)
            }
            // One statement decides: a new nonce is inserted; a seen one is taken over only once
            // it has expired (it may not have been purged yet); otherwise nothing changes.
            try db.cachedStatement(
                sql: """
                    INSERT INTO nonce (app_id, nonce, expires_at) VALUES (?1, ?2, ?3)
                    ON CONFLICT (app_id, nonce) DO UPDATE SET expires_at = excluded.expires_at
                    WHERE nonce.expires_at <= ?4
                    """
            ).execute(arguments: [appID, nonce, nonceExpiresAt.secondsSince1970, now.secondsSince1970])
            guard db.changesCount > 0 else { return .nonceReplayed }
            // One statement: refill since the last call (never backwards, whatever the callers'
            // clocks say), then take a token only when there is one; a refusal changes nothing.
            try db.cachedStatement(
                sql: """
                    INSERT INTO rate_bucket (app_id, tokens, updated_at) VALUES (?1, ?2 - 1, ?3)
                    ON CONFLICT (app_id) DO UPDATE
                    SET tokens = min(?2, tokens + max(0, ?3 - updated_at) * ?2 / 60.0) - 1,
                        updated_at = max(updated_at, ?3)
                    WHERE min(?2, tokens + max(0, ?3 - updated_at) * ?2 / 60.0) >= 1
                    """
            ).execute(arguments: [appID, StoreRules.rateCapacity(perMinute), now.secondsSince1970])
            return db.changesCount > 0 ? .admitted : .rateLimited
        }
    }

    /// Forgets nonces whose replay window has passed; the count removed.
    static func purgeNonces(_ db: Database, now: Timestamp) throws -> Int {
        try db.execute(sql: "DELETE FROM nonce WHERE expires_at <= ?", arguments: [now.secondsSince1970])
        return db.changesCount
    }
}
