import ELicenseCore
import Testing

@testable import ELicenseStore

@Suite struct StoreAdmissionTests {
    @Test(arguments: StoreKind.allCases) func freshThenReplayedThenReusableAfterExpiry(_ kind: StoreKind) async throws {
        let store = try await kind.storeWithApp()
        let nonce = "a1b2c3d4e5f60718293a4b5c"
        let expiry = t0.adding(seconds: 600)
        #expect(try await store.nonceAdmitted(appID: "app.a", nonce: nonce, expiresAt: expiry, now: t0))
        #expect(
            try await !store.nonceAdmitted(appID: "app.a", nonce: nonce, expiresAt: expiry, now: t0.adding(seconds: 1)))
        #expect(
            try await !store.nonceAdmitted(
                appID: "app.a", nonce: nonce, expiresAt: expiry, now: t0.adding(seconds: 599)))
        // Another app's nonce space is its own.
        #expect(
            try await store.nonceAdmitted(appID: "app.b", nonce: nonce, expiresAt: expiry, now: t0.adding(seconds: 2)))
        // Expired (even if not purged yet): accepted again, and remembered anew.
        #expect(
            try await store.nonceAdmitted(
                appID: "app.a", nonce: nonce, expiresAt: expiry.adding(seconds: 600), now: expiry))
        #expect(
            try await !store.nonceAdmitted(
                appID: "app.a", nonce: nonce, expiresAt: expiry.adding(seconds: 600),
                now: expiry.adding(seconds: 1)))
    }

    @Test(arguments: StoreKind.allCases) func expiredNoncesArePurgedAtMostOncePerInterval(_ kind: StoreKind)
        async throws
    {
        let store = try await kind.makeStore()
        func count() async throws -> String? { try await rawText(store, "SELECT CAST(count(*) AS TEXT) FROM nonce") }
        // The first call purges and schedules the next purge a minute later (by the callers' clock).
        for n in 0..<50 {
            #expect(
                try await store.nonceAdmitted(
                    appID: "app.a", nonce: "nonce-\(n)-0123456789", expiresAt: t0.adding(seconds: 10),
                    now: t0))
        }
        #expect(try await count() == "50")
        // 30 s later: all 50 have expired, but no purge is due yet.
        #expect(
            try await store.nonceAdmitted(
                appID: "app.a", nonce: "later-0123456789ab", expiresAt: t0.adding(seconds: 300),
                now: t0.adding(seconds: 30)))
        #expect(try await count() == "51")
        // Past the interval: the expired ones go, the live one stays.
        #expect(
            try await store.nonceAdmitted(
                appID: "app.a", nonce: "last-0123456789abcd", expiresAt: t0.adding(seconds: 300),
                now: t0.adding(seconds: StoreRules.noncePurgeInterval)))
        #expect(try await count() == "2")
    }

    @Test(arguments: StoreKind.allCases) func aReplayTakesNoCallAndARefusedCallKeepsItsNonceUsed(_ kind: StoreKind)
        async throws
    {
        let store = try await kind.storeWithApp()
        let expiry = t0.adding(seconds: 600)
        func admit(_ nonce: String) async throws -> CallAdmission {
            try await store.admitCall(appID: "app.a", nonce: nonce, nonceExpiresAt: expiry, perMinute: 2, now: t0)
        }
        #expect(try await admit("nonce-1-0123456789ab") == .admitted)
        // A replay is refused before the budget: the bucket still holds its second call.
        #expect(try await admit("nonce-1-0123456789ab") == .nonceReplayed)
        #expect(try await admit("nonce-2-0123456789ab") == .admitted)
        #expect(try await admit("nonce-3-0123456789ab") == .rateLimited)
        // The refused call's nonce was used: sent again, it is a replay, not a second chance.
        #expect(try await admit("nonce-3-0123456789ab") == .nonceReplayed)
    }
}
