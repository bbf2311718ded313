import ELicenseCore
import ELicenseProtocol
import Testing

@testable import ELicenseStore

@Suite struct StoreLoginsTests {
    func pending(_ id: String = "lg_1", qrToken: String = "qr_abc") -> LoginRecord {
        LoginRecord(
            id: id, appID: "app.a", purpose: "企业开办", scope: [.identity, .license], qrToken: qrToken,
            state: .pending, createdAt: t0, expiresAt: t0.adding(seconds: 300), interval: 5)
    }

    func authorized(_ login: LoginRecord) throws -> LoginRecord {
        var login = login
        login.state = .authorized
        login.upstreamTicket = "ticket-77"
        login.lastPolledAt = t0.adding(seconds: 15)
        login.subject = try subject()
        login.grant = Grant(
            token: "gt_secret", appID: "app.a", uscc: try uscc(90), purpose: login.purpose,
            scope: login.scope, issuedAt: t0.adding(seconds: 14), expiresAt: t0.adding(seconds: 3600))
        return login
    }

    @Test(arguments: StoreKind.allCases) func loginIsFoundByIDAndByQRToken(_ kind: StoreKind) async throws {
        let store = try await kind.storeWithApp()
        let login = pending()
        try await store.insertLogin(login)
        #expect(try await store.login(id: "lg_1") == login)
        #expect(try await store.login(qrToken: "qr_abc") == login)
        #expect(try await store.login(id: "lg_2") == nil)
        #expect(try await store.login(qrToken: "qr_zzz") == nil)
    }

    @Test(arguments: StoreKind.allCases) func updateReplacesTheSessionWithSubjectAndGrantButNotThePollFields(
        _ kind: StoreKind
    ) async throws {
        let store = try await kind.storeWithApp()
        try await store.insertLogin(pending())
        let done = try authorized(pending())
        #expect(try await store.updateLogin(done, expecting: .pending))
        var expected = done
        expected.lastPolledAt = nil
        #expect(try await store.login(id: "lg_1") == expected)
        await expectError(.loginNotFound, containing: "lg_9") {
            try await store.updateLogin(pending("lg_9"), expecting: .pending)
        }
    }

    @Test(arguments: StoreKind.allCases) func conditionalUpdateDoesNotOverwriteAConcurrentStateChange(_ kind: StoreKind)
        async throws
    {
        let store = try await kind.storeWithApp()
        try await store.insertLogin(pending())
        let done = try authorized(pending())
        #expect(try await store.updateLogin(done, expecting: .pending))
        // A poll that read the session while it was pending must not undo the authorization.
        #expect(try await !store.updateLogin(pending(), expecting: .pending))
        #expect(try await store.login(id: "lg_1")?.state == .authorized)
        await expectError(.loginNotFound) { try await store.updateLogin(pending("lg_9"), expecting: .pending) }
    }

    @Test(arguments: StoreKind.allCases) func pollsAreMeasuredAgainstEachOtherAndOnlyTooSoonOnesSlowDown(
        _ kind: StoreKind
    ) async throws {
        let store = try await kind.storeWithApp()
        try await store.insertLogin(pending())
        let first = try #require(try await store.recordPoll(loginID: "lg_1", at: t0, slowDownSeconds: 5))
        #expect(!first.tooSoon && first.login.lastPolledAt == t0 && first.login.interval == 5)
        let early = try #require(
            try await store.recordPoll(loginID: "lg_1", at: t0.adding(seconds: 4), slowDownSeconds: 5))
        #expect(early.tooSoon && early.login.interval == 10)
        let again = try #require(
            try await store.recordPoll(loginID: "lg_1", at: t0.adding(seconds: 4), slowDownSeconds: 5))
        #expect(again.tooSoon && again.login.interval == 15)
        let patient = try #require(
            try await store.recordPoll(loginID: "lg_1", at: t0.adding(seconds: 19), slowDownSeconds: 5))
        #expect(!patient.tooSoon && patient.login.interval == 15)
        #expect(try await store.recordPoll(loginID: "lg_9", at: t0, slowDownSeconds: 5) == nil)
    }

    @Test(arguments: StoreKind.allCases) func concurrentPollsOfOneLoginAdmitExactlyOne(_ kind: StoreKind) async throws {
        let store = try await kind.storeWithApp()
        try await store.insertLogin(pending())
        let polls = try await withThrowingTaskGroup(of: LoginPoll?.self) { group in
            for _ in 0..<20 {
                group.addTask { try await store.recordPoll(loginID: "lg_1", at: t0, slowDownSeconds: 5) }
            }
            return try await group.reduce(into: [LoginPoll]()) { if let poll = $1 { $0.append(poll) } }
        }
        #expect(polls.filter { !$0.tooSoon }.count == 1)
        // Every slow_down saw the one before it: 19 distinct, growing intervals.
        #expect(Set(polls.filter(\.tooSoon).map(\.login.interval)) == Set((1...19).map { 5 + 5 * $0 }))
        #expect(try await store.login(id: "lg_1")?.interval == 100)
    }

    @Test(arguments: StoreKind.allCases) func theGrantOfASessionIsSealedAtRest(_ kind: StoreKind) async throws {
        let store = try await kind.storeWithApp()
        try await store.insertLogin(pending())
        #expect(try await store.updateLogin(try authorized(pending()), expecting: .pending))
        let column = try await rawText(store, "SELECT grant_json FROM login_session WHERE id = 'lg_1'")
        #expect(column?.hasPrefix("sm4:") == true)
        #expect(column?.contains("gt_secret") == false)
        #expect(try await store.login(id: "lg_1")?.grant?.token == "gt_secret")
    }

    @Test(arguments: StoreKind.allCases) func duplicateQRTokenOrUnknownAppIsRefused(_ kind: StoreKind) async throws {
        let store = try await kind.storeWithApp()
        try await store.insertLogin(pending())
        await expectError(.invalidArgument, containing: "qr_token") { try await store.insertLogin(pending("lg_2")) }
        var stranger = pending("lg_3", qrToken: "qr_other")
        stranger.appID = "app.unknown"
        await expectError(.invalidArgument, containing: "FOREIGN KEY") { try await store.insertLogin(stranger) }
    }
}
