import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import Foundation
import GRDB
import Testing

@testable import ELicenseStore

@Suite struct SQLiteStoreRetentionTests {
    let policy = RetentionPolicy(loginSessionSeconds: 100, grantSeconds: 200, materialDocumentSeconds: 300)

    @Test func purgeDeletesOnlyWhatIsPastItsRetentionAndKeepsExpiredMaterialRecords() async throws {
        let store = try await storeWithApp()
        // Logins expire at t0 + 300, the grant at t0 + 3600, the material at t0 + 30 days.
        try await store.insertLogin(SQLiteStoreLoginsTests().pending())
        let grant = try SQLiteStoreGrantsTests().grant(token: "gt_1")
        try await store.insertGrant(grant)
        let material = try SQLiteStoreMaterialsTests().material("mt_1", code: "7KQ4-M2P9-XWD3")
        try await store.insertMaterial(material)
        #expect(try await store.useNonce(appID: "app.a", nonce: "n1", expiresAt: t0.adding(seconds: 600), now: t0))
        try await store.saveSandboxState(kind: "ticket", key: "tk_1", value: [1], expiresAt: t0.adding(seconds: 600))

        #expect(try await store.purge(policy, now: t0.adding(seconds: 399)).total == 0)
        #expect(try await store.purge(policy, now: t0.adding(seconds: 400)).loginSessions == 1)
        #expect(try await store.login(id: "lg_1") == nil)
        let later = try await store.purge(policy, now: t0.adding(seconds: 3800))
        #expect(later.grants == 1 && later.nonces == 1 && later.sandboxEntries == 1 && later.materialDocuments == 0)
        #expect(try await store.grant(tokenSM3: grant.tokenSM3) == nil)
        #expect(try await store.sandboxState(kind: "ticket", key: "tk_1", now: t0) == nil)

        let expired = t0.adding(seconds: 86_400 * 30 + 300)
        #expect(try await store.purge(policy, now: expired).materialDocuments == 2)
        let kept = try #require(try await store.material(id: "mt_1"))
        #expect(kept.record == material.record && kept.documents.isEmpty)
    }

    @Test func sandboxStateIsSealedAndBoundToItsKey() async throws {
        let store = try await storeWithApp()
        try await store.saveSandboxState(
            kind: "authorization", key: "d1", value: Array("au_secret".utf8),
            expiresAt: t0.adding(seconds: 60))
        #expect(try await store.sandboxState(kind: "authorization", key: "d1", now: t0) == Array("au_secret".utf8))
        #expect(try await store.sandboxState(kind: "authorization", key: "d1", now: t0.adding(seconds: 60)) == nil)
        let column = try await store.database.read { try String.fetchOne($0, sql: "SELECT value FROM sandbox_state") }
        #expect(column?.hasPrefix("sm4:") == true)
        // A sealed value moved to another row does not open.
        try await store.database.write { db in
            try db.execute(sql: "INSERT INTO sandbox_state SELECT kind, 'd2', value, expires_at FROM sandbox_state")
        }
        await expectError(.internal) { try await store.sandboxState(kind: "authorization", key: "d2", now: t0) }
    }

    @Test func theProvincialAuthorizationOfAGrantIsSealedAtRest() async throws {
        let store = try await storeWithApp()
        let grant = try SQLiteStoreGrantsTests().grant(token: "gt_1")
        try await store.insertGrant(grant)
        let column = try await store.database.read {
            try String.fetchOne($0, sql: "SELECT upstream_authorization FROM grant_record")
        }
        #expect(column?.hasPrefix("sm4:") == true && column?.contains("upstream-auth-1") == false)
        #expect(try await store.grant(tokenSM3: grant.tokenSM3)?.upstreamAuthorization == "upstream-auth-1")
    }

    /// A store written by the previous release (clear grant tokens and authorizations) keeps
    /// working after the migration, which rewrites them sealed.
    @Test func migrationSealsTheClearSecretsOfAnOlderStore() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("front.sqlite")
        let grant = try SQLiteStoreGrantsTests().grant(token: "gt_1")
        let material = try SQLiteStoreMaterialsTests().material("mt_1", code: "7KQ4-M2P9-XWD3")
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
