import ELicenseCore
import Foundation
import GRDB
import Testing

@testable import ELicenseStore

@Suite struct SQLiteStoreTests {
    @Test func fileStoreCreatesItsDirectoryAndKeepsEverythingAcrossReopening() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("var/lib/elicense/front.sqlite")
        let first: AuditRecord
        do {
            let store = try SQLiteStore(path: path)
            try await store.insertUnit(unit("u1"))
            try await store.insertApp(app("app.a", unitID: "u1"), key: key("k1", appID: "app.a"))
            first = try await store.appendAudit(event(1))
            _ = try await store.appendAudit(event(2))
        }
        #expect(FileManager.default.fileExists(atPath: path))

        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.unit(id: "u1") == unit("u1"))
        #expect(try await reopened.authentication(appID: "app.a")?.activeKeys.map(\.keyID) == ["k1"])
        #expect(try await reopened.auditRecords(after: 0, limit: 1) == [first])
        // The chain continues where it stopped.
        #expect(try await reopened.appendAudit(event(3)).seq == 3)
        let result = try await reopened.verifyAudit()
        #expect(result.isIntact && result.count == 3)
    }

    @Test func fileStoreUsesWALSyncsEveryCommitButAnAdmissionAndHasMigratedOnce() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("front.sqlite")
        _ = try SQLiteStore(path: path)
        let store = try SQLiteStore(path: path)
        // 2 = FULL, 1 = NORMAL, on the connection that writes: each write sets its own, so an
        // unsynced admission never leaves the next commit unsynced.
        func synchronous(synced: Bool) async throws -> Int? {
            try await store.write("reading", synced: synced) { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        }
        #expect(try await synchronous(synced: true) == 2)
        #expect(try await synchronous(synced: false) == 1)
        #expect(try await synchronous(synced: true) == 2)
        let database = try DatabaseQueue(path: path)
        try await database.read { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                    == ["v1", "v2-sealed-secrets-retention-sandbox", "v3-rate-buckets-front-keys"])
            // Each lookup of the store searches an index instead of scanning its table.
            let lookups = [
                "SELECT * FROM login_session WHERE qr_token = 'q'",
                "SELECT * FROM material WHERE code = 'c'",
                "SELECT * FROM nonce WHERE app_id = 'a' AND nonce = 'n'",
                "DELETE FROM nonce WHERE expires_at <= 0",
                "SELECT * FROM app_system WHERE unit_id = 'u' ORDER BY created_at",
                "SELECT * FROM app_key WHERE app_id = 'a' AND retired_at IS NULL",
                "SELECT * FROM material_document WHERE material_id = 'm'",
                "SELECT * FROM grant_record WHERE token_sm3 = 't'",
                "DELETE FROM login_session WHERE expires_at <= 0",
                "DELETE FROM grant_record WHERE expires_at <= 0",
                "SELECT id FROM material WHERE expires_at <= 0",
                "DELETE FROM sandbox_state WHERE expires_at <= 0",
                "SELECT value FROM sandbox_state WHERE kind = 'k' AND key = 'k' AND expires_at > 0",
            ]
            for sql in lookups {
                let plan = try String.fetchAll(
                    db, sql: "EXPLAIN QUERY PLAN \(sql)", adapter: SuffixRowAdapter(fromIndex: 3))
                #expect(plan.allSatisfy { $0.hasPrefix("SEARCH") }, "\(sql): \(plan)")
            }
        }
    }

    @Test func migrateTellsFromWhichMigrationToWhich() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("front.sqlite")
        let current = "v3-rate-buckets-front-keys"
        #expect(try SQLiteStore.migrate(path: path) == SchemaMigration(from: nil, to: current))
        #expect(try SQLiteStore.migrate(path: path) == SchemaMigration(from: current, to: current))
        let older = directory.file("older.sqlite")
        try SQLiteMigrations.migrator(key: try StoreKey.random()).migrate(try DatabaseQueue(path: older), upTo: "v1")
        #expect(try SQLiteStore.migrate(path: older) == SchemaMigration(from: "v1", to: current))
    }

    @Test func storeMigratedByANewerBuildIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("front.sqlite")
        _ = try SQLiteStore(path: path)
        try Attacker(path: path).execute("INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        #expect { try SQLiteStore(path: path) } throws: { ($0 as? ELicenseError)?.code == .invalidConfig }
    }

    @Test func unopenablePathIsAnIOError() throws {
        let directory = try TemporaryDirectory()
        // A directory where the database file should be.
        #expect { try SQLiteStore(path: directory.path) } throws: { ($0 as? ELicenseError)?.code == .ioError }
    }
}
