import ELicenseCore
import ELicenseProtocol
import Testing
@testable import ELicenseStore

@Suite struct SQLiteStoreLoginsTests {
    func pending(_ id: String = "lg_1", qrToken: String = "qr_abc") -> LoginRecord {
        LoginRecord(id: id, appID: "app.a", purpose: "企业开办", scope: [.identity, .license], qrToken: qrToken,
                    state: .pending, createdAt: t0, expiresAt: t0.adding(seconds: 300), interval: 5)
    }

    func authorized(_ login: LoginRecord) throws -> LoginRecord {
        var login = login
        login.state = .authorized
        login.upstreamTicket = "ticket-77"
        login.lastPolledAt = t0.adding(seconds: 15)
        login.subject = try subject()
        login.grant = Grant(token: "gt_secret", appID: "app.a", uscc: try uscc(90), purpose: login.purpose,
                            scope: login.scope, issuedAt: t0.adding(seconds: 14), expiresAt: t0.adding(seconds: 3600))
        return login
    }

    @Test func loginIsFoundByIDAndByQRToken() async throws {
        let store = try await storeWithApp()
        let login = pending()
        try await store.insertLogin(login)
        #expect(try await store.login(id: "lg_1") == login)
        #expect(try await store.login(qrToken: "qr_abc") == login)
        #expect(try await store.login(id: "lg_2") == nil)
        #expect(try await store.login(qrToken: "qr_zzz") == nil)
    }

    @Test func updateReplacesTheSessionWithSubjectAndGrant() async throws {
        let store = try await storeWithApp()
        try await store.insertLogin(pending())
        let done = try authorized(pending())
        try await store.updateLogin(done)
        #expect(try await store.login(id: "lg_1") == done)
        await expectError(.loginNotFound, containing: "lg_9") { try await store.updateLogin(pending("lg_9")) }
    }

    @Test func conditionalUpdateDoesNotOverwriteAConcurrentStateChange() async throws {
        let store = try await storeWithApp()
        try await store.insertLogin(pending())
        let done = try authorized(pending())
        #expect(try await store.updateLogin(done, expecting: .pending))
        // A poll that read the session while it was pending must not undo the authorization.
        var stalePoll = pending()
        stalePoll.lastPolledAt = t0.adding(seconds: 16)
        #expect(try await !store.updateLogin(stalePoll, expecting: .pending))
        #expect(try await store.login(id: "lg_1") == done)
        await expectError(.loginNotFound) { try await store.updateLogin(pending("lg_9"), expecting: .pending) }
    }

    @Test func duplicateQRTokenOrUnknownAppIsRefused() async throws {
        let store = try await storeWithApp()
        try await store.insertLogin(pending())
        await expectError(.invalidArgument, containing: "qr_token") { try await store.insertLogin(pending("lg_2")) }
        var stranger = pending("lg_3", qrToken: "qr_other")
        stranger.appID = "app.unknown"
        await expectError(.invalidArgument, containing: "FOREIGN KEY") { try await store.insertLogin(stranger) }
    }
}
