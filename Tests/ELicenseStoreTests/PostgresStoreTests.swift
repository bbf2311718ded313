import ELicenseCore
import ELicenseProtocol
import ELicenseTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import ELicenseStore
@testable import ELicenseStorePostgres

/// Two `PostgresStore` objects on one database play two front instances: what one does, the
/// other sees and respects.
@Suite struct PostgresStoreTests {
    /// Two instances on one fresh, migrated schema, with the same store key.
    func twoInstances() async throws -> (PostgresStore, PostgresStore, PostgresStoreConfiguration, StoreKey) {
        let configuration = try await TestPostgres.freshSchema()
        let storeKey = try StoreKey.random()
        _ = try await PostgresStore.migrate(configuration, key: storeKey)
        let first = try await PostgresStore.open(configuration, key: storeKey)
        let second = try await PostgresStore.open(configuration, key: storeKey)
        try await first.insertUnit(unit("u1"))
        try await first.insertApp(app("app.a", unitID: "u1"), key: key("k1", appID: "app.a"))
        return (first, second, configuration, storeKey)
    }

    @Test func aNonceUsedOnOneInstanceIsRefusedOnTheOther() async throws {
        let (first, second, _, _) = try await twoInstances()
        let expiry = t0.adding(seconds: 600)
        #expect(try await first.nonceAdmitted(appID: "app.a", nonce: "n-0123456789abcdef", expiresAt: expiry, now: t0))
        #expect(
            try await !second.nonceAdmitted(appID: "app.a", nonce: "n-0123456789abcdef", expiresAt: expiry, now: t0))
        // Sent to both at once: exactly one instance accepts.
        let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for n in 0..<20 {
                let store = n.isMultiple(of: 2) ? first : second
                group.addTask {
                    try await store.nonceAdmitted(
                        appID: "app.a", nonce: "race-0123456789ab", expiresAt: expiry, now: t0)
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(accepted == 1)
    }

    @Test func concurrentPollsAndConfirmationsOnTwoInstancesHaveOneWinner() async throws {
        let (first, second, _, _) = try await twoInstances()
        let login = StoreLoginsTests().pending()
        try await first.insertLogin(login)
        let polls = try await withThrowingTaskGroup(of: LoginPoll?.self) { group in
            for n in 0..<20 {
                let store = n.isMultiple(of: 2) ? first : second
                group.addTask { try await store.recordPoll(loginID: "lg_1", at: t0, slowDownSeconds: 5) }
            }
            return try await group.reduce(into: [LoginPoll]()) { if let poll = $1 { $0.append(poll) } }
        }
        #expect(polls.filter { !$0.tooSoon }.count == 1)
        #expect(Set(polls.filter(\.tooSoon).map(\.login.interval)) == Set((1...19).map { 5 + 5 * $0 }))

        let done = try StoreLoginsTests().authorized(login)
        var denied = login
        denied.state = .denied
        let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
            for n in 0..<10 {
                let store = n.isMultiple(of: 2) ? first : second
                let update = n.isMultiple(of: 2) ? done : denied
                group.addTask { try await store.updateLogin(update, expecting: .pending) }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(winners == 1)
        let final = try #require(try await second.login(id: "lg_1"))
        #expect(final.state == .authorized || final.state == .denied)
        #expect(try await first.login(id: "lg_1") == final)
    }

    @Test func appendsFromTwoInstancesFormOneVerifyingChain() async throws {
        let (first, second, _, _) = try await twoInstances()
        let seqs = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for task in 0..<8 {
                let store = task.isMultiple(of: 2) ? first : second
                group.addTask {
                    var seqs: [Int64] = []
                    for n in 0..<25 { seqs.append(try await store.appendAudit(event(task * 1000 + n)).seq) }
                    return seqs
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(seqs.sorted() == Array(1...200))
        for store in [first, second] {
            let result = try await store.verifyAudit()
            #expect(result.isIntact && result.count == 200)
        }
        #expect(try await first.auditHead() == second.auditHead())
    }

    @Test func theRateBudgetIsTheClusters() async throws {
        let (first, second, _, _) = try await twoInstances()
        var granted = 0
        for n in 0..<20 {
            let store = n.isMultiple(of: 2) ? first : second
            if try await store.rateAdmitted(appID: "app.a", perMinute: 10, now: t0) { granted += 1 }
        }
        #expect(granted == 10)
    }

    @Test func registryGrantsMaterialsAndSandboxStateAreShared() async throws {
        let (first, second, _, _) = try await twoInstances()
        #expect(try await second.authentication(appID: "app.a")?.activeKeys.map(\.keyID) == ["k1"])
        let grant = try StoreGrantsTests().grant(token: "gt_1")
        try await first.insertGrant(grant)
        #expect(try await second.grant(tokenSM3: grant.tokenSM3) == grant)
        let material = try StoreMaterialsTests().material("mt_1", code: "7KQ4-M2P9-XWD3")
        try await second.insertMaterial(material)
        #expect(try await first.material(code: "7KQ4-M2P9-XWD3") == material)
        try await first.saveSandboxState(
            kind: "ticket", key: "t1", value: [1, 2, 3], expiresAt: t0.adding(seconds: 60))
        #expect(try await second.sandboxState(kind: "ticket", key: "t1", now: t0) == [1, 2, 3])
        // A third active key is refused even when two instances add keys at once.
        let added = try await withThrowingTaskGroup(of: Bool.self) { group in
            for n in 2...5 {
                let store = n.isMultiple(of: 2) ? first : second
                group.addTask {
                    do {
                        try await store.addKey(key("k\(n)", appID: "app.a", at: t0.adding(seconds: Int64(n))))
                        return true
                    } catch let error as ELicenseError where error.code == .invalidArgument {
                        return false
                    }
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(added == 1)
    }

    @Test func anInstanceWithOtherFrontKeysLearnsTheClaimedOnes() async throws {
        let (first, second, _, _) = try await twoInstances()
        #expect(try await first.claimFrontKeys(fingerprint: "keys-of-the-cluster") == nil)
        #expect(try await second.claimFrontKeys(fingerprint: "other-keys") == "keys-of-the-cluster")
        #expect(try await second.claimFrontKeys(fingerprint: "keys-of-the-cluster") == nil)
    }

    @Test func openingRefusesASchemaOfAnotherVersionAndNeverMigrates() async throws {
        let configuration = try await TestPostgres.freshSchema()
        let key = try StoreKey.random()
        await expectError(.invalidConfig, containing: "run elicense-front db migrate") {
            try await PostgresStore.open(configuration, key: key)
        }
        // Opening created nothing: the schema is still empty.
        let migration = try await PostgresStore.migrate(configuration, key: key)
        #expect(migration == SchemaMigration(from: nil, to: PostgresMigrations.current))
        #expect(
            try await PostgresStore.migrate(configuration, key: key)
                == SchemaMigration(
                    from: PostgresMigrations.current, to: PostgresMigrations.current))
        _ = try await PostgresStore.open(configuration, key: key)

        let store = try await PostgresStore.open(configuration, key: key)
        try await rawExecute(store, "INSERT INTO schema_migrations (identifier) VALUES ('v99-from-the-future')")
        await expectError(.invalidConfig, containing: "newer elicense-front") {
            try await PostgresStore.open(configuration, key: key)
        }
        await expectError(.invalidConfig, containing: "newer elicense-front") {
            try await PostgresStore.migrate(configuration, key: key)
        }
    }

    @Test func anotherStoreKeyIsRefused() async throws {
        let (_, _, configuration, _) = try await twoInstances()
        await expectError(.invalidConfig, containing: "keys/store.key") {
            try await PostgresStore.open(configuration, key: try StoreKey.random())
        }
    }

    @Test func anUnreachableServerIsUnavailableWithoutThePassword() async throws {
        // A port nothing listens on: bind one and close it.
        let configuration = PostgresStoreConfiguration(
            url: "postgres://elicense@127.0.0.1:1/elicense", password: "s3cret-password")
        do throws(ELicenseError) {
            _ = try await PostgresStore.open(configuration, key: try StoreKey.random())
            Issue.record("opened a store on port 1")
        } catch {
            #expect(error.code == .unavailable, "\(error)")
            #expect(error.detail.contains("elicense@127.0.0.1:1/elicense"), "\(error)")
            #expect(!error.detail.contains("s3cret"), "\(error)")
        }
        let server = try PostgresServer.shared.get()
        var wrong = PostgresStoreConfiguration(url: server.url, password: "wrong-password")
        wrong.schema = "public"
        do throws(ELicenseError) {
            _ = try await PostgresStore.open(wrong, key: try StoreKey.random())
            Issue.record("opened a store with a wrong password")
        } catch {
            #expect(error.code == .unavailable, "\(error)")
            #expect(!error.detail.contains("wrong-password"), "\(error)")
        }
    }

    @Test func urlsAreCheckedAndNeverCarryAPassword() async throws {
        func endpoint(_ url: String) throws(ELicenseError) -> PostgresStoreConfiguration.Endpoint {
            try PostgresStoreConfiguration(url: url).endpoint()
        }
        #expect(
            try endpoint("postgres://front@db.example:6432/elicense")
                == .init(address: .tcp(host: "db.example", port: 6432), user: "front", database: "elicense"))
        #expect(
            try endpoint("postgresql://front@[::1]/elicense")
                == .init(address: .tcp(host: "::1", port: 5432), user: "front", database: "elicense"))
        #expect(
            try endpoint("postgres://front@/elicense?host=/run/postgresql")
                == .init(
                    address: .socket(path: "/run/postgresql/.s.PGSQL.5432"), user: "front", database: "elicense"))
        for bad in [
            "postgres://front:secret@db/elicense", "mysql://front@db/elicense", "postgres://db/elicense",
            "postgres://front@db/", "postgres://front@db/elicense?sslmode=disable", "postgres://front@db:0/x",
        ] {
            #expect(throws: ELicenseError.self, "\(bad)") { try endpoint(bad) }
        }
        await expectError(.invalidConfig, containing: "password_file") {
            try endpoint("postgres://front:secret@db/elicense")
        }
        let local = try endpoint("postgres://front@127.0.0.1/elicense")
        #expect(PostgresStoreConfiguration(url: "").tlsMode(local) == .disable)
        let remote = try endpoint("postgres://front@db.example/elicense")
        #expect(PostgresStoreConfiguration(url: "").tlsMode(remote) == .verifyFull)
        #expect(PostgresStoreConfiguration(url: "", tls: .require).tlsMode(remote) == .require)
    }
}
