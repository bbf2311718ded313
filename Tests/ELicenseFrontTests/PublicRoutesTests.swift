import ELicenseCore
import Foundation
import HummingbirdTesting
import Testing

@testable import ELicenseFront

@Suite struct PublicRoutesTests {
    @Test func healthAnswersWithoutAuthentication() async throws {
        let h = try await FrontHarness()
        try await h.run { http async throws in
            let response = try await http.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
        }
    }

    @Test func metricsCountRequestsAndAreServedToLoopbackOnly() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run(.live) { http async throws in
            _ = try await caller.call(http, .get, "/v1/whoami")
            _ = try await caller.call(http, .get, "/v1/whoami", timestamp: 0)
            let metrics = String(buffer: try await http.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"elicense_requests_total{endpoint="/v1/whoami",outcome="ok"} 1"#))
            #expect(metrics.contains(#"outcome="timestamp_skew"} 1"#))
            #expect(metrics.contains("elicense_request_duration_seconds_bucket"))
        }
        // The router test framework has no peer address: not loopback, so refused.
        try await h.run { http async throws in
            #expect(try await http.execute(uri: "/metrics", method: .get).status == .forbidden)
        }
    }

    @Test func verifyPageEscapesWhatItShows() async throws {
        let h = try await FrontHarness()
        try await h.run { http async throws in
            let page = String(buffer: try await http.execute(uri: "/verify?code=%3Cscript%3E", method: .get).body)
            #expect(page.contains("未找到 Unknown"))
            #expect(!page.contains("<script>"))
            #expect(page.contains("&lt;script&gt;"))
        }
    }
}
