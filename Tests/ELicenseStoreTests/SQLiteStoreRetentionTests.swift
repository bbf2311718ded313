import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import Foundation
import GRDB
import Testing

@testable import ELicenseStore

@Suite struct SQLiteStoreRetentionTests {
    /// A store written by the previous release (clear grant tokens and authorizations) keeps
    /// working after the migration, which rewrites them sealed.
    @Test func migrationSealsTheClearSecretsOfAnOlderStore() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("front.sqlite")
        let grant = try StoreGrantsTests().grant(token: "gt_1")
        let material = try StoreMaterialsTests().material("mt_1", code: "7KQ4-M2P9-XWD3")
        do {
            let old = try DatabaseQueue(path: path)
            try SQLiteMigrations.migrator(key: try StoreKey.random()).migrate(old, upTo: "v1")
            let clearGrant = String(
                decoding: try WireJSON.encode(
                    Grant(
                        token: "gr_clear", appID: "app.a", uscc: try uscc(90), purpose: "企业开办", scope: [.identity],
                        issuedAt: t0, expiresAt: t0.adding(seconds: 60))), as: UTF8.self)
            try await old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO access_unit VALUES ('u1', 'n', 'government', '\(try uscc(1).value)', 'a', 'c', 'p', 'ph', 'e', 1, 0, NULL);
                        INSERT INTO app_system VALUES ('app.a', 'u1', 'n', 'e', 'd', '[]', 'sandbox', 1, 600, 0, NULL);
                        """)
                try db.execute(
                    sql: """
                        INSERT INTO login_session (id, app_id, purpose, scope_json, qr_token, state, created_at, expires_at,
                                                   poll_interval, grant_json)
                        VALUES ('lg_1', 'app.a', '企业开办', '["identity"]', 'qr', 'authorized', 0, 300, 2, ?)
                        """, arguments: [clearGrant])
                try db.execute(
                    sql: """
                        INSERT INTO grant_record VALUES (?, 'app.a', ?, '企业开办', '["identity"]', ?, ?, ?, 'upstream-auth-1', NULL)
                        """,
                    arguments: [
                        grant.tokenSM3, grant.uscc.value, t0.secondsSince1970,
                        t0.adding(seconds: 3600).secondsSince1970,
                        String(decoding: try WireJSON.encode(grant.subject), as: UTF8.self),
                    ])
                try db.execute(
                    sql: "INSERT INTO material (id, code, app_id, record_json) VALUES ('mt_1', 'C', 'app.a', ?)",
                    arguments: [String(decoding: try WireJSON.encode(material.record), as: UTF8.self)])
            }
        }
        let store = try SQLiteStore(path: path)
        #expect(try await store.login(id: "lg_1")?.grant?.token == "gr_clear")
        #expect(try await store.grant(tokenSM3: grant.tokenSM3)?.upstreamAuthorization == "upstream-auth-1")
        let columns = try await store.database.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT grant_json FROM login_session UNION ALL SELECT upstream_authorization FROM grant_record")
        }
        #expect(columns.count == 2 && columns.allSatisfy { $0.hasPrefix("sm4:") })
        #expect(
            try await store.database.read { try Int64.fetchOne($0, sql: "SELECT expires_at FROM material") }
                == material.record.expiresAt.secondsSince1970)
        // Without its key file the sealed secrets do not open: a copy of the database is not enough.
        try FileManager.default.removeItem(atPath: directory.file("keys/store.key"))
        await expectError(.internal) { try await SQLiteStore(path: path).login(id: "lg_1") }
    }

    @Test func theDatabaseAndItsKeyAreReadableByTheOwnerOnly() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("front.sqlite")
        let store = try SQLiteStore(path: path)
        _ = try await store.appendAudit(event(1))
        for file in [path, path + "-wal", path + "-shm", directory.file("keys/store.key")] {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
    }
}
