import ELicenseCore
import ELicenseProtocol
import Foundation
import Testing

/// What a running `elicense-front serve` does with connections and requests no SDK would send
/// (issue 8, defects 1, 3, 6, 12): each case is bounded by a socket read timeout.
@Suite struct HTTPBoundaryTests {
    @Test func silentConnectionIsClosedAfterTheIdleTimeout() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.configure("limits: {idle_timeout_seconds: 1}\n")
        let server = try ws.serve()
        defer { server.stop() }
        let silent = try Loopback.Connection(port: ws.port, timeout: 20)
        #expect(silent.receive().closed)
        // A slowloris head that never completes is closed the same way.
        let slow = try Loopback.Connection(port: ws.port, timeout: 20)
        slow.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        #expect(slow.receive().closed)
        #expect(server.isRunning)
    }

    @Test func connectionBeyondTheCapIsRefused() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.configure("limits: {max_connections: 2, idle_timeout_seconds: 120}\n")
        let server = try ws.serve()
        defer { server.stop() }
        // Two connections that are served and kept open. The server may still count a health
        // check's connection for a moment after serve returned, so a refused one is replaced.
        func served() throws -> Loopback.Connection? {
            for _ in 0..<50 {
                let connection = try Loopback.Connection(port: ws.port, timeout: 5)
                connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                if connection.receive(until: #""status":"ok""#).text.contains(#""status":"ok""#) { return connection }
            }
            return nil
        }
        let first = try #require(try served())
        let second = try #require(try served())
        try withExtendedLifetime(second) {
            let third = try Loopback.Connection(port: ws.port, timeout: 5)
            let refused = third.receive()
            #expect(refused.closed)
            #expect(refused.text.isEmpty)
            first.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            #expect(first.receive().text.contains(#""status":"ok""#))
        }
    }

    @Test func unknownAppIsRefusedBeforeItsBodyIsRead() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let server = try ws.serve()
        defer { server.stop() }
        let connection = try Loopback.Connection(port: ws.port, timeout: 10)
        // The headers promise 1 000 000 bytes that never come: the answer must not wait for them.
        connection.send(
            "POST /v1/logins HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\nConnection: close\r\n"
                + "X-Elic-App-Id: app-nobody\r\nX-Elic-Timestamp: \(Int(Date().timeIntervalSince1970))\r\n"
                + "X-Elic-Nonce: 0123456789abcdef0123\r\nX-Elic-Signature: AAAA\r\n\r\n{")
        let answer = connection.receive().text
        #expect(answer.hasPrefix("HTTP/1.1 401"), "\(answer)")
        #expect(answer.contains("app_unknown"))
        #expect(answer.lowercased().contains("x-elic-signature:"))
    }

    @Test func doubleSlashTargetGetsASignedRefusal() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let server = try ws.serve()
        defer { server.stop() }
        for target in ["//v1/whoami", "//v1//whoami/"] {
            let connection = try Loopback.Connection(port: ws.port, timeout: 10)
            connection.send("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let answer = connection.receive().text
            #expect(answer.hasPrefix("HTTP/1.1 401"), "\(target): \(answer)")
            #expect(answer.contains("\"unauthenticated\""))
            #expect(answer.lowercased().contains("x-elic-signature:"))
        }
        let audit = try ws.sqlite("SELECT count(*) FROM audit_log WHERE endpoint LIKE '%whoami%'")
        #expect(audit.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "2", "\(audit)")
        #expect(server.isRunning)
    }

    @Test func headerBeyondTheLimitIsRefusedByTheHTTPLayer() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let server = try ws.serve()
        defer { server.stop() }
        let connection = try Loopback.Connection(port: ws.port, timeout: 10)
        connection.send(
            "GET /v1/whoami HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Elic-Nonce: " + String(repeating: "a", count: 9000)
                + "\r\n\r\n")
        let answer = connection.receive()
        // As docs/protocol.md §1.1 states: 400, unsigned, connection closed, nothing audited.
        #expect(answer.text.hasPrefix("HTTP/1.1 400"), "\(answer.text)")
        #expect(!answer.text.lowercased().contains("x-elic-signature"))
        #expect(answer.closed)
        #expect(server.isRunning)
        #expect(Loopback.get(port: ws.port, path: "/healthz")?.hasPrefix("HTTP/1.1 200") == true)
    }
}
