import ELicenseCore
import Testing

@testable import ELicenseStore

@Suite struct StoreRegistryTests {
    @Test(arguments: StoreKind.allCases) func unitsRoundTripInCreationOrder(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let second = try unit("u2", n: 2, at: t0.adding(seconds: 10))
        var first = try unit("u1", n: 1)
        first.nature = .publicInstitution
        try await store.insertUnit(second)
        try await store.insertUnit(first)
        #expect(try await store.unit(id: "u1") == first)
        #expect(try await store.unit(id: "nope") == nil)
        #expect(try await store.units() == [first, second])
    }

    @Test(arguments: StoreKind.allCases) func duplicateUnitIDOrUSCCIsRefusedByName(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        try await store.insertUnit(unit("u1", n: 1))
        await expectError(.invalidArgument, containing: "'u1'") { try await store.insertUnit(unit("u1", n: 2)) }
        let sameCode = try unit("u2", n: 1)
        await expectError(.invalidArgument, containing: sameCode.uscc.value) { try await store.insertUnit(sameCode) }
        #expect(try await store.units().count == 1)
    }

    @Test(arguments: StoreKind.allCases) func disablingRecordsTheFirstTimeAndEnablingClearsIt(_ kind: StoreKind)
        async throws
    {
        let store = try await kind.storeWithApp()
        #expect(try await store.setUnitEnabled(id: "u1", enabled: false, at: t0.adding(seconds: 5)))
        #expect(try await store.setUnitEnabled(id: "u1", enabled: false, at: t0.adding(seconds: 9)))
        let disabled = try #require(try await store.unit(id: "u1"))
        #expect(!disabled.enabled)
        #expect(disabled.disabledAt == t0.adding(seconds: 5))
        #expect(try await store.setUnitEnabled(id: "u1", enabled: true, at: t0.adding(seconds: 20)))
        let enabled = try #require(try await store.unit(id: "u1"))
        #expect(enabled.enabled && enabled.disabledAt == nil)
        #expect(try await !store.setUnitEnabled(id: "nope", enabled: false, at: t0))

        #expect(try await store.setAppEnabled(id: "app.a", enabled: false, at: t0.adding(seconds: 7)))
        let app = try #require(try await store.app(id: "app.a"))
        #expect(!app.enabled && app.disabledAt == t0.adding(seconds: 7))
        #expect(try await !store.setAppEnabled(id: "nope", enabled: true, at: t0))
    }

    @Test(arguments: StoreKind.allCases) func appsRoundTripPerUnit(_ kind: StoreKind) async throws {
        let store = try await kind.storeWithApp()
        try await store.insertUnit(unit("u2", n: 2))
        var other = app("app.b", unitID: "u2")
        other.allowedAddresses = []
        other.profile = .production
        try await store.insertApp(other, key: key("k1", appID: "app.b"))
        let later = app("app.c", unitID: "u1", at: t0.adding(seconds: 1))
        try await store.insertApp(later, key: key("k1", appID: "app.c"))
        #expect(try await store.app(id: "app.b") == other)
        #expect(try await store.apps(unitID: "u1") == [app("app.a", unitID: "u1"), later])
        #expect(try await store.apps(unitID: "u2") == [other])
        #expect(try await store.apps(unitID: "nope") == [])
        #expect(try await store.app(id: "nope") == nil)
    }

    @Test(arguments: StoreKind.allCases) func appNeedsAnExistingUnitAFreshIDAndItsOwnKey(_ kind: StoreKind) async throws
    {
        let store = try await kind.storeWithApp()
        await expectError(.invalidArgument, containing: "unknown unit 'u9'") {
            try await store.insertApp(app("app.x", unitID: "u9"), key: key("k1", appID: "app.x"))
        }
        await expectError(.invalidArgument, containing: "'app.a' already exists") {
            try await store.insertApp(app("app.a", unitID: "u1"), key: key("k2", appID: "app.a"))
        }
        await expectError(.invalidArgument, containing: "belongs to app 'app.a'") {
            try await store.insertApp(app("app.y", unitID: "u1"), key: key("k1", appID: "app.a"))
        }
        #expect(try await store.app(id: "app.x") == nil)
        #expect(try await store.app(id: "app.y") == nil)
    }

    @Test(arguments: StoreKind.allCases) func thirdActiveKeyIsRefusedUntilOneIsRetired(_ kind: StoreKind) async throws {
        let store = try await kind.storeWithApp()
        try await store.addKey(key("k2", appID: "app.a", at: t0.adding(seconds: 1)))
        await expectError(.invalidArgument, containing: "2 active keys") {
            try await store.addKey(key("k3", appID: "app.a", at: t0.adding(seconds: 2)))
        }
        await expectError(.invalidArgument, containing: "already has a key 'k2'") {
            try await store.addKey(key("k2", appID: "app.a"))
        }
        await expectError(.invalidArgument, containing: "unknown app") {
            try await store.addKey(key("k1", appID: "app.z"))
        }

        #expect(try await store.retireKey(appID: "app.a", keyID: "k1", at: t0.adding(seconds: 3)))
        #expect(try await store.retireKey(appID: "app.a", keyID: "k1", at: t0.adding(seconds: 4)))
        #expect(try await !store.retireKey(appID: "app.a", keyID: "k9", at: t0))
        try await store.addKey(key("k3", appID: "app.a", at: t0.adding(seconds: 5)))
        let keys = try #require(try await store.authentication(appID: "app.a")).activeKeys
        #expect(keys.map(\.keyID) == ["k2", "k3"])
    }

    @Test(arguments: StoreKind.allCases) func authenticationReadsAppUnitAndOnlyActiveKeys(_ kind: StoreKind)
        async throws
    {
        let store = try await kind.storeWithApp()
        try await store.addKey(key("k2", appID: "app.a", at: t0.adding(seconds: 1)))
        #expect(try await store.retireKey(appID: "app.a", keyID: "k1", at: t0.adding(seconds: 2)))
        _ = try await store.setUnitEnabled(id: "u1", enabled: false, at: t0.adding(seconds: 3))
        let auth = try #require(try await store.authentication(appID: "app.a"))
        #expect(auth.app == app("app.a", unitID: "u1"))
        #expect(auth.unit.id == "u1" && !auth.unit.enabled)
        #expect(auth.activeKeys == [key("k2", appID: "app.a", at: t0.adding(seconds: 1))])
        #expect(try await store.authentication(appID: "app.unknown") == nil)
    }
}
