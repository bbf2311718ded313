import ELicenseClient
import ELicenseCore
import ELicenseCrypto
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

    /// The raw HTTP/1.1 text of a signed `POST /v1/logins`, as the SDK would send it.
    private static func signedLogin(_ config: ClientConfig, port: Int) throws -> String {
        let body = Array(#"{"purpose":"排空 drain","qr_format":"none"}"#.utf8)
        let key = try SigningKey(try SM2PrivateKey(pem: config.privateKeyPEM ?? ""))
        let canonical = try CanonicalRequest(
            method: "POST", target: "/v1/logins", timestamp: Int64(Date().timeIntervalSince1970),
            nonce: try SecureRandom.hex(byteCount: 16), appID: config.appID, body: body)
        let headers = try RequestSignature(signing: canonical, with: key).headers
            .map { "\($0.name): \($0.value)\r\n" }.joined()
        return "POST /v1/logins HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.count)\r\n" + headers + "\r\n" + String(decoding: body, as: UTF8.self)
    }

    /// During the drain a kept-alive connection is answered, not dropped: its last answer says
    /// `Connection: close`, and the front exits as soon as the answers are out.
    @Test func keptAliveConnectionsAreAnsweredWithConnectionCloseDuringTheDrain() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.configure("sandbox: {latency_ms: 1500}\n")
        try ws.addUnit(AccessForms.chinese)
        let config = try ws.issuedClientConfig()
        let server = try ws.serve()
        defer { server.stop() }

        // An idle kept-alive connection, and one with a login in flight.
        let idle = try Loopback.Connection(port: ws.port, timeout: 10)
        idle.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let first = idle.receive(until: #""status":"ok""#).text
        #expect(first.hasPrefix("HTTP/1.1 200") && !first.lowercased().contains("connection: close"))
        let busy = try Loopback.Connection(port: ws.port, timeout: 10)
        busy.send(try Self.signedLogin(config, port: ws.port))
        Thread.sleep(forTimeInterval: 0.5)
        let signalled = ContinuousClock.now
        server.signal(SIGTERM)
        Thread.sleep(forTimeInterval: 0.3)

        // A second request on each, sent during the drain.
        busy.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        idle.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let idleAnswer = idle.receive()
        #expect(idleAnswer.closed)
        #expect(idleAnswer.text.hasPrefix("HTTP/1.1 200"), "\(idleAnswer.text)")
        #expect(idleAnswer.text.lowercased().contains("connection: close"))
        let busyAnswer = busy.receive()
        #expect(busyAnswer.closed)
        let answers = busyAnswer.text.components(separatedBy: "HTTP/1.1 ").dropFirst()
        #expect(answers.count == 2, "\(busyAnswer.text)")
        #expect(answers.first?.hasPrefix("201") == true)
        #expect(answers.last?.hasPrefix("200") == true)
        #expect(answers.last?.lowercased().contains("connection: close") == true)

        #expect(server.wait(timeout: .seconds(8)))
        // The login's 1.5 s, well inside the 10 s drain: nothing waits for the drain to run out.
        #expect(ContinuousClock.now - signalled < .seconds(5))
        #expect(server.exitStatus == 0, "\(server.stderr)")
        let log = server.stdout + server.stderr
        #expect(log.contains("shutting down") && log.contains("front system stopped"), "\(log)")
    }

    /// A request that outlasts the drain does not hold the exit: the front stops within the
    /// 10 s drain plus the 2 s it gives cancelled requests.
    @Test func aRequestOutlastingTheDrainDoesNotHoldTheExit() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.configure("sandbox: {latency_ms: 30000}\n")
        try ws.addUnit(AccessForms.chinese)
        let client = try ELicenseClient(config: try ws.issuedClientConfig())
        let server = try ws.serve()
        defer { server.stop() }
        _ = BackgroundCall { try? client.startLogin(LoginRequest(purpose: "超时 outlasts the drain", qrFormat: "none")) }
        Thread.sleep(forTimeInterval: 0.5)
        let signalled = ContinuousClock.now
        server.signal(SIGTERM)
        #expect(server.wait(timeout: .seconds(20)))
        let took = ContinuousClock.now - signalled
        #expect(took >= .seconds(9) && took < .seconds(13), "\(took)")
        #expect((server.stdout + server.stderr).contains("front system stopped"))
    }
}
