import ELicenseCore
import ELicenseCrypto
import Testing

@testable import ELicenseStore

@Suite struct StoreGrantsTests {
    func grant(token: String) throws -> GrantRecord {
        GrantRecord(
            tokenSM3: try SM3.hex(Array(token.utf8)), appID: "app.a", uscc: try uscc(90), purpose: "企业开办",
            scope: [.identity, .license, .material], issuedAt: t0, expiresAt: t0.adding(seconds: 3600),
            subject: try subject(), upstreamAuthorization: "upstream-auth-1")
    }

    @Test(arguments: StoreKind.allCases) func grantIsFoundByTheSM3OfItsToken(_ kind: StoreKind) async throws {
        let store = try await kind.storeWithApp()
        let record = try grant(token: "gt_secret_token")
        try await store.insertGrant(record)
        #expect(try await store.grant(tokenSM3: SM3.hex(Array("gt_secret_token".utf8))) == record)
        #expect(try await store.grant(tokenSM3: SM3.hex(Array("gt_other".utf8))) == nil)
        #expect(try await store.grant(tokenSM3: "gt_secret_token") == nil)
    }

    @Test(arguments: StoreKind.allCases) func somethingOtherThanADigestIsRefused(_ kind: StoreKind) async throws {
        let store = try await kind.storeWithApp()
        var record = try grant(token: "gt_secret_token")
        record.tokenSM3 = "gt_secret_token"
        await expectError(.invalidArgument, containing: "hex") { try await store.insertGrant(record) }
        record.tokenSM3 = try SM3.hex(Array("x".utf8)).uppercased()
        await expectError(.invalidArgument, containing: "hex") { try await store.insertGrant(record) }
    }

    @Test(arguments: StoreKind.allCases) func revokedGrantKeepsItsRevocationTime(_ kind: StoreKind) async throws {
        let store = try await kind.storeWithApp()
        var record = try grant(token: "gt_revoked")
        record.revokedAt = t0.adding(seconds: 60)
        try await store.insertGrant(record)
        #expect(try await store.grant(tokenSM3: record.tokenSM3)?.revokedAt == t0.adding(seconds: 60))
    }
}
