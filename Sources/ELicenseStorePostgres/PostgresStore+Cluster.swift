import ELicenseCore
import ELicenseStore
import PostgresNIO

/// Retention, the sandbox's sealed state, the cluster's key set, readiness.
extension PostgresStore {
    public func purge(_ policy: RetentionPolicy, now: Timestamp) async throws(ELicenseError) -> PurgeReport {
        let seconds = now.secondsSince1970
        let (sessions, grants, documents) = policy.cutoffs(now: now)
        return try await transaction("purging expired rows") { connection in
            var report = PurgeReport()
            report.loginSessions = try await connection.rows(
                "DELETE FROM login_session WHERE expires_at <= \(sessions) RETURNING 1"
            ).count
            report.grants = try await connection.rows(
                "DELETE FROM grant_record WHERE expires_at <= \(grants) RETURNING 1"
            ).count
            report.nonces = try await connection.rows("DELETE FROM nonce WHERE expires_at <= \(seconds) RETURNING 1")
                .count
            report.materialDocuments = try await connection.rows(
                """
                DELETE FROM material_document WHERE material_id IN (SELECT id FROM material WHERE expires_at <= \(documents))
                RETURNING 1
                """
            ).count
            report.sandboxEntries = try await connection.rows(
                "DELETE FROM sandbox_state WHERE expires_at <= \(seconds) RETURNING 1"
            ).count
            return report
        }
    }

    public func saveSandboxState(
        kind: String, key name: String, value: [UInt8],
        expiresAt: Timestamp
    ) async throws(ELicenseError) {
        let sealed = try key.seal(value, context: Sealed.sandbox(kind, name))
        _ = try await rows(
            "saving sandbox \(kind)",
            """
            INSERT INTO sandbox_state (kind, key, value, expires_at) VALUES (\(kind), \(name), \(sealed),
                                                                               \(expiresAt.secondsSince1970))
            ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
            """)
    }

    public func sandboxState(kind: String, key name: String, now: Timestamp) async throws(ELicenseError) -> [UInt8]? {
        let action = "reading sandbox \(kind)"
        let sealed = try await decode(
            action,
            rows(
                action,
                """
                SELECT value FROM sandbox_state
                WHERE kind = \(kind) AND key = \(name) AND expires_at > \(now.secondsSince1970)
                """)
        ) { row throws in try row.value(String.self, "value") }.first
        return try sealed.map { sealed throws(ELicenseError) in
            try key.open(sealed, context: Sealed.sandbox(kind, name))
        }
    }

    public func claimFrontKeys(fingerprint: String) async throws(ELicenseError) -> String? {
        // The first instance's insert wins; the others wait for it and then read what it recorded
        // (the SELECT, a statement of its own, sees the committed row).
        let stored = try await transaction("recording the front's key set") { connection in
            try await connection.query(
                "INSERT INTO front_keys (id, fingerprint) VALUES (1, \(fingerprint)) ON CONFLICT (id) DO NOTHING",
                logger: Self.logger)
            return try await connection.rows("SELECT fingerprint FROM front_keys WHERE id = 1").first.map { row in
                try row.value(String.self, "fingerprint")
            }
        }
        return stored == fingerprint ? nil : stored
    }

    public func replaceFrontKeys(fingerprint: String) async throws(ELicenseError) {
        _ = try await rows(
            "recording the front's new key set",
            """
            INSERT INTO front_keys (id, fingerprint) VALUES (1, \(fingerprint))
            ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint
            """)
    }

    public func ping() async throws(ELicenseError) {
        _ = try await rows("checking the store", "SELECT 1")
    }
}
