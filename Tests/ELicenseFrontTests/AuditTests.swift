import ELicenseCore
import ELicenseProtocol
import ELicenseSandbox
import ELicenseStore
import ELicenseUpstream
import Foundation
import HummingbirdTesting
import Testing
@testable import ELicenseFront

@Suite struct AuditTests {
    @Test func everyCallAcceptedOrRejectedIsAudited() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            _ = try await caller.call(http, .get, "/v1/whoami")
            _ = try await caller.call(http, .get, "/v1/whoami", timestamp: 1)
            let token = try await caller.grant(http, sandbox: try #require(h.front.sandbox))
            _ = try await caller.call(http, .post, "/v1/license", json: #"{"grant":"\#(token)"}"#)
        }
        let records = try await h.front.store.auditRecords(after: 0, limit: 100)
        #expect(records.map(\.event.outcome) == ["ok", "timestamp_skew", "ok", "ok", "ok"])
        // A rejected call is recorded under the app id it claimed, without a unit.
        #expect(records.allSatisfy { $0.event.appID == caller.client.appID })
        #expect(records[1].event.unitID == nil && records[0].event.unitID == h.unit.id)
        let license = try #require(records.last?.event)
        #expect(license.endpoint == "/v1/license")
        #expect(license.subjectUSCC == SandboxDataset.demoActive.value)
        #expect(license.purpose == "企业开办")
        #expect(license.requestID.hasPrefix("rq_"))
        let verification = try await h.front.store.verifyAudit()
        #expect(verification.isIntact)
        #expect(verification.count == 5)
    }

    @Test func frontRefusesToServeWhenTheAuditLogFails() async throws {
        let failing = try FailingAuditStore(SQLiteStore.inMemory())
        let h = try await FrontHarness(store: failing)
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            failing.fail(true)
            let refused = try await caller.call(http, .get, "/v1/whoami")
            #expect(refused.status == 503)
            #expect(refused.error?.code == "audit_unavailable")
            #expect(!String(decoding: refused.body, as: UTF8.self).contains(caller.client.appID))
            failing.fail(false)
            #expect(try await caller.call(http, .get, "/v1/whoami").status == 200)
        }
    }
}
