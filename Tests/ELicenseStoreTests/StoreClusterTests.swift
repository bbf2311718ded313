import ELicenseCore
import Testing

@testable import ELicenseStore

/// The methods a cluster of instances relies on, on both stores.
@Suite struct StoreClusterTests {
    @Test(arguments: StoreKind.allCases) func rateBudgetIsABurstRefilledPerMinute(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        for _ in 0..<3 { #expect(try await store.rateAdmitted(appID: "app.a", perMinute: 3, now: t0)) }
        #expect(try await !store.rateAdmitted(appID: "app.a", perMinute: 3, now: t0))
        // Another app has its own budget.
        #expect(try await store.rateAdmitted(appID: "app.b", perMinute: 3, now: t0))
        // 3 per minute: one token back every 20 s, never more than the burst.
        #expect(try await !store.rateAdmitted(appID: "app.a", perMinute: 3, now: t0.adding(seconds: 19)))
        #expect(try await store.rateAdmitted(appID: "app.a", perMinute: 3, now: t0.adding(seconds: 20)))
        #expect(try await !store.rateAdmitted(appID: "app.a", perMinute: 3, now: t0.adding(seconds: 20)))
        for _ in 0..<3 {
            #expect(try await store.rateAdmitted(appID: "app.a", perMinute: 3, now: t0.adding(seconds: 3600)))
        }
        #expect(try await !store.rateAdmitted(appID: "app.a", perMinute: 3, now: t0.adding(seconds: 3600)))
        // A clock behind the last call (another instance's) refills nothing and takes nothing away.
        #expect(try await !store.rateAdmitted(appID: "app.a", perMinute: 3, now: t0))
        // A limit below 1 counts as 1.
        #expect(try await store.rateAdmitted(appID: "app.c", perMinute: 0, now: t0))
        #expect(try await !store.rateAdmitted(appID: "app.c", perMinute: 0, now: t0))
    }

    @Test(arguments: StoreKind.allCases) func concurrentCallsSpendTheBudgetExactlyOnce(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let granted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<40 { group.addTask { try await store.rateAdmitted(appID: "app.a", perMinute: 25, now: t0) } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(granted == 25)
    }

    @Test(arguments: StoreKind.allCases) func firstKeySetIsClaimedAndAnotherIsReportedUntilReplaced(_ kind: StoreKind)
        async throws
    {
        let store = try await kind.makeStore()
        #expect(try await store.claimFrontKeys(fingerprint: "aaaa") == nil)
        #expect(try await store.claimFrontKeys(fingerprint: "aaaa") == nil)
        #expect(try await store.claimFrontKeys(fingerprint: "bbbb") == "aaaa")
        try await store.replaceFrontKeys(fingerprint: "bbbb")
        #expect(try await store.claimFrontKeys(fingerprint: "bbbb") == nil)
        #expect(try await store.claimFrontKeys(fingerprint: "aaaa") == "bbbb")
    }

    @Test(arguments: StoreKind.allCases) func pingAnswers(_ kind: StoreKind) async throws {
        try await kind.makeStore().ping()
    }
}
