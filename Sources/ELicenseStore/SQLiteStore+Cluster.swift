import ELicenseCore
import GRDB

/// The shared rate budget, the front's key set and the readiness check. One SQLite file serves
/// one instance, but the semantics are those of a shared store (see ``FrontStore``).
extension SQLiteStore {
    public func takeRateToken(appID: String, perMinute: Int, now: Timestamp) async throws(ELicenseError) -> Bool {
        try await write("taking a call from the rate budget of app '\(appID)'") { db in
            // One statement: refill since the last call (never backwards, whatever the callers'
            // clocks say), then take a token only when there is one; a refusal changes nothing.
            try db.execute(
                sql: """
                    INSERT INTO rate_bucket (app_id, tokens, updated_at) VALUES (?1, ?2 - 1, ?3)
                    ON CONFLICT (app_id) DO UPDATE
                    SET tokens = min(?2, tokens + max(0, ?3 - updated_at) * ?2 / 60.0) - 1,
                        updated_at = max(updated_at, ?3)
                    WHERE min(?2, tokens + max(0, ?3 - updated_at) * ?2 / 60.0) >= 1
                    """, arguments: [appID, StoreRules.rateCapacity(perMinute), now.secondsSince1970])
            return db.changesCount > 0
        }
    }

    public func claimFrontKeys(fingerprint: String) async throws(ELicenseError) -> String? {
        try await write("recording the front's key set") { db in
            try db.execute(
                sql: "INSERT INTO front_keys (id, fingerprint) VALUES (1, ?) ON CONFLICT (id) DO NOTHING",
                arguments: [fingerprint])
            let stored = try String.fetchOne(db, sql: "SELECT fingerprint FROM front_keys WHERE id = 1")
            return stored == fingerprint ? nil : stored
        }
    }

    public func replaceFrontKeys(fingerprint: String) async throws(ELicenseError) {
        try await write("recording the front's new key set") { db in
            try db.execute(
                sql: """
                    INSERT INTO front_keys (id, fingerprint) VALUES (1, ?)
                    ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint
                    """, arguments: [fingerprint])
        }
    }

    public func ping() async throws(ELicenseError) {
        _ = try await read("checking the store") { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}
