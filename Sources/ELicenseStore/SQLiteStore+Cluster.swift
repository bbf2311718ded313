import ELicenseCore
import GRDB

/// The front's key set and the readiness check. One SQLite file serves one instance, but the
/// semantics are those of a shared store (see ``FrontStore``).
extension SQLiteStore {
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
