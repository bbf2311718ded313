import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import ELicenseStore
import ELicenseUpstream
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import ELicenseFront

/// Concurrency, restarts and the server's own upkeep of the store.
@Suite struct PersistenceTests {
    func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("elicense-front-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func twentyConcurrentPollsOfALoginGetOneAnswerAndSlowDownForTheRest() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let login = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#).decode(
                LoginCreated.self)
            let replies = try await withThrowingTaskGroup(of: Caller.Reply.self) { group in
                for _ in 0..<20 { group.addTask { try await caller.call(http, .get, "/v1/logins/\(login.loginID)") } }
                return try await group.reduce(into: [Caller.Reply]()) { $0.append($1) }
            }
            #expect(replies.filter { $0.status == 200 }.count == 1)
            let slowDowns = replies.filter { $0.status == 429 }
            #expect(slowDowns.count == 19 && slowDowns.allSatisfy { $0.error?.code == "slow_down" })
            // No update was lost: each slow_down lengthened the interval once more.
            #expect(Set(slowDowns.compactMap { $0.error?.retryAfter }) == Set((1...19).map { 2 + 5 * $0 }))
        }
    }

    /// A sandbox front restarted on the same data keeps its provincial state: a pending login is
    /// still pending, a grant handed out before still fetches the license, and a login confirmed
    /// while the front was down is authorized at the next poll.
    @Test func aRestartedSandboxFrontKeepsItsLoginsAndAuthorizations() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/front.sqlite"
        let h = try await FrontHarness(store: try SQLiteStore(path: path))
        let caller = try Caller(try await h.app(), clock: h.clock)
        let sandbox = try #require(h.front.sandbox)
        let (grant, pending, confirmed) = try await Application(router: h.front.router()).test(.router) { http in
            (
                try await caller.grant(http, sandbox: sandbox),
                try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#).decode(
                    LoginCreated.self),
                try await caller.login(http, sandbox: sandbox)
            )
        }
        let restarted = try FrontApplication(
            config: h.front.config, store: try SQLiteStore(path: path), keyring: h.front.keyring,
            sandboxIssuer: try SigningKey(SM2PrivateKey()), clock: h.clock.read)
        try await Application(router: restarted.router()).test(.router) { http in
            let waiting = try await caller.call(http, .get, "/v1/logins/\(pending.loginID)")
            #expect(waiting.status == 200)
            #expect(try waiting.decode(LoginStatus.self).state == .pending)
            #expect(try await caller.call(http, .post, "/v1/license", json: #"{"grant":"\#(grant)"}"#).status == 200)
            let done = try await caller.call(http, .get, "/v1/logins/\(confirmed.loginID)").decode(LoginStatus.self)
            #expect(done.state == .authorized)
            let token = try #require(done.grant?.token)
            #expect(try await caller.call(http, .post, "/v1/license", json: #"{"grant":"\#(token)"}"#).status == 200)
        }
    }

    @Test func checkpointsArePublishedEveryNRecordsOrMMinutesAndVerify() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteStore(path: directory + "/front.sqlite")
        var settings = FrontConfig.StorageSettings()
        settings.auditCheckpointRecords = 3
        settings.auditCheckpointMinutes = 10
        let clock = TestClock()
        let key = try SigningKey(SM2PrivateKey())
        let file = directory + "/" + StoreMaintenance.checkpointFileName
        func maintenance() -> StoreMaintenance {
            StoreMaintenance(
                store: store, settings: settings, signing: key, checkpointFile: file, clock: clock.read,
                logger: Logger(label: "test"))
        }
        func append(_ count: Int) async throws {
            for _ in 0..<count {
                _ = try await store.appendAudit(
                    AuditEvent(
                        time: clock.read(), requestID: "rq", method: "GET",
                        endpoint: "/v1/whoami", outcome: "ok", httpStatus: 200))
            }
        }
        let upkeep = maintenance()
        #expect(try await upkeep.checkpointIfDue() == nil)  // nothing appended yet
        try await append(2)
        #expect(try await upkeep.checkpointIfDue()?.anchor.seq == 2)  // the first one at once
        try await append(2)
        #expect(try await upkeep.checkpointIfDue() == nil)
        try await append(1)
        #expect(try await upkeep.checkpointIfDue()?.anchor.seq == 5)  // 3 records since
        try await append(1)
        clock.advance(600)
        // A restarted server continues from the file's last checkpoint: 10 minutes have passed.
        #expect(try await maintenance().checkpointIfDue()?.anchor.seq == 6)

        let text = try String(contentsOfFile: file, encoding: .utf8)
        let anchors = try AuditCheckpoint.anchors(inFile: text, keys: try TrustedKeys([key.privateKey.publicKey]))
        #expect(anchors.map(\.seq) == [2, 5, 6])
        #expect(try SQLiteStore.verifyAudit(path: directory + "/front.sqlite", anchors: anchors).isIntact)
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func thePurgeRunsAtTheFirstLookAndThenOncePerInterval() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            _ = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#)
        }
        let upkeep = h.front.maintenance(logger: Logger(label: "test"))
        #expect(try await upkeep.purgeIfDue() != nil)
        #expect(try await upkeep.purgeIfDue() == nil)
        h.clock.advance(Int64(h.front.config.storage.purgeIntervalMinutes) * 60 + 86_400 * 8)
        #expect(try await upkeep.purgeIfDue()?.loginSessions == 1)
    }

    @Test func storageSettingsOutOfRangeAreRefusedByName() throws {
        var config = FrontConfig()
        config.storage.auditCheckpointRecords = 0
        #expect { try config.validate() } throws: {
            ($0 as? ELicenseError)?.code == .invalidConfig
                && ($0 as? ELicenseError)?.detail.contains("audit_checkpoint_records") == true
        }
    }
}
