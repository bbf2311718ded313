import ELicenseClient
import ELicenseProtocol
import Foundation
import Testing

/// SIGTERM (a deployment, a `systemctl stop`) must not cut off a department's call.
@Suite struct GracefulShutdownTests {
    @Test func sigtermLetsTheInFlightLoginFinishThenExitsZero() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.configure("sandbox: {latency_ms: 1500}\n")
        try ws.addUnit(AccessForms.chinese)
        let client = try ELicenseClient(config: try ws.issuedClientConfig())
        let server = try ws.serve()
        defer { server.stop() }

        let purpose = "优雅停机 graceful shutdown"
        let started = ContinuousClock.now
        let login = BackgroundCall { try client.startLogin(LoginRequest(purpose: purpose, qrFormat: "none")) }
        // Long enough for the request to reach the front, which then waits 1.5 s on the sandbox.
        Thread.sleep(forTimeInterval: 0.5)
        let signalled = ContinuousClock.now
        server.signal(SIGTERM)

        let (created, finishedAt) = try login.wait(timeout: .seconds(15))
        #expect(finishedAt > signalled, "the login was still in flight when SIGTERM arrived")
        #expect(finishedAt - started >= .milliseconds(1500), "the front waited for the upstream, not cut it short")
        #expect(created.loginID.hasPrefix("lg_"))
        #expect(!created.qrContent.isEmpty)
        #expect(server.wait(timeout: .seconds(5)), "the server exits once the login is answered")
        #expect(server.exitStatus == 0, "\(server.stderr)")

        let verified = try ws.front(["audit", "verify"])
        #expect(verified.status == 0, "\(verified)")
        #expect(verified.stdout.contains("audit log intact: 1 条记录 records"))
        let recorded = try ws.sqlite(
            "SELECT method, endpoint, http_status, outcome FROM audit_log WHERE purpose = '\(purpose)'")
        #expect(recorded.stdout == "POST|/v1/logins|201|ok\n", "\(recorded)")
        #expect(
            try ws.sqlite("SELECT purpose FROM login_session WHERE id = '\(created.loginID)'").stdout == purpose + "\n")
    }
}
