import ELicenseCore
import GRDB

/// The purge of rows past their retention (``RetentionPolicy``), and the sandbox provincial
/// system's sealed state.
extension SQLiteStore {
    public func purge(_ policy: RetentionPolicy, now: Timestamp) async throws(ELicenseError) -> PurgeReport {
        let seconds = now.secondsSince1970
        let (sessions, grants, documents) = policy.cutoffs(now: now)
        return try await write("purging expired rows") { db in
            var report = PurgeReport()
            try db.execute(sql: "DELETE FROM login_session WHERE expires_at <= ?", arguments: [sessions])
            report.loginSessions = db.changesCount
            try db.execute(sql: "DELETE FROM grant_record WHERE expires_at <= ?", arguments: [grants])
            report.grants = db.changesCount
            report.nonces = try Self.purgeNonces(db, now: now)
            try db.execute(
                sql: """
                    DELETE FROM material_document WHERE material_id IN (SELECT id FROM material WHERE expires_at <= ?)
                    """, arguments: [documents])
            report.materialDocuments = db.changesCount
            try db.execute(sql: "DELETE FROM sandbox_state WHERE expires_at <= ?", arguments: [seconds])
            report.sandboxEntries = db.changesCount
            return report
        }
    }

    public func saveSandboxState(
        kind: String, key name: String, value: [UInt8],
        expiresAt: Timestamp
    ) async throws(ELicenseError) {
        let sealed = try key.seal(value, context: Sealed.sandbox(kind, name))
        try await write("saving sandbox \(kind)") { db in
            try db.execute(
                sql: """
                    INSERT INTO sandbox_state (kind, key, value, expires_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
                    """, arguments: [kind, name, sealed, expiresAt.secondsSince1970])
        }
    }

    public func sandboxState(kind: String, key name: String, now: Timestamp) async throws(ELicenseError) -> [UInt8]? {
        let sealed = try await read("reading sandbox \(kind)") { db in
            try String.fetchOne(
                db, sql: "SELECT value FROM sandbox_state WHERE kind = ? AND key = ? AND expires_at > ?",
                arguments: [kind, name, now.secondsSince1970])
        }
        return try sealed.map { sealed throws(ELicenseError) in
            try key.open(sealed, context: Sealed.sandbox(kind, name))
        }
    }
}
