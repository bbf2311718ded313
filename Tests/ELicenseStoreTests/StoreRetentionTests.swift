import ELicenseCore
import Testing

@testable import ELicenseStore

@Suite struct StoreRetentionTests {
    let policy = RetentionPolicy(loginSessionSeconds: 100, grantSeconds: 200, materialDocumentSeconds: 300)

    @Test(arguments: StoreKind.allCases) func purgeDeletesOnlyWhatIsPastItsRetentionAndKeepsExpiredMaterialRecords(
        _ kind: StoreKind
    ) async throws {
        let store = try await kind.storeWithApp()
        // Logins expire at t0 + 300, the grant at t0 + 3600, the material at t0 + 30 days.
        try await store.insertLogin(StoreLoginsTests().pending())
        let grant = try StoreGrantsTests().grant(token: "gt_1")
        try await store.insertGrant(grant)
        let material = try StoreMaterialsTests().material("mt_1", code: "7KQ4-M2P9-XWD3")
        try await store.insertMaterial(material)
        #expect(try await store.nonceAdmitted(appID: "app.a", nonce: "n1", expiresAt: t0.adding(seconds: 600), now: t0))
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

    @Test(arguments: StoreKind.allCases) func sandboxStateIsSealedAndBoundToItsKey(_ kind: StoreKind) async throws {
        let store = try await kind.storeWithApp()
        try await store.saveSandboxState(
            kind: "authorization", key: "d1", value: Array("au_secret".utf8),
            expiresAt: t0.adding(seconds: 60))
        #expect(try await store.sandboxState(kind: "authorization", key: "d1", now: t0) == Array("au_secret".utf8))
        #expect(try await store.sandboxState(kind: "authorization", key: "d1", now: t0.adding(seconds: 60)) == nil)
        let column = try await rawText(store, "SELECT value FROM sandbox_state")
        #expect(column?.hasPrefix("sm4:") == true)
        // A sealed value moved to another row does not open.
        try await rawExecute(store, "INSERT INTO sandbox_state SELECT kind, 'd2', value, expires_at FROM sandbox_state")
        await expectError(.internal) { try await store.sandboxState(kind: "authorization", key: "d2", now: t0) }
    }

    @Test(arguments: StoreKind.allCases) func theProvincialAuthorizationOfAGrantIsSealedAtRest(_ kind: StoreKind)
        async throws
    {
        let store = try await kind.storeWithApp()
        let grant = try StoreGrantsTests().grant(token: "gt_1")
        try await store.insertGrant(grant)
        let column = try await rawText(store, "SELECT upstream_authorization FROM grant_record")
        #expect(column?.hasPrefix("sm4:") == true && column?.contains("upstream-auth-1") == false)
        #expect(try await store.grant(tokenSM3: grant.tokenSM3)?.upstreamAuthorization == "upstream-auth-1")
    }
}
