import ELicenseClient
import ELicenseCore
import ELicenseTestSupport
import Testing

/// HTTPS as deployed: the front's own certificate, the department pinning it as its CA.
@Suite struct TLSTests {
    @Test func clientTrustsTheFrontOnlyThroughItsCABundle() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let certificate = ws.root + "/front.crt", key = ws.root + "/front.key"
        let generated = try ChildProcess.run(
            "openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate,
            ])
        try #require(generated.status == 0, "\(generated)")
        try ws.configure("tls: {certificate_file: \(certificate), private_key_file: \(key)}\n")
        try ws.addUnit(AccessForms.chinese)
        var config = try ws.issuedClientConfig()
        #expect(config.frontURL == "https://127.0.0.1:\(ws.port)")

        let server = try ws.serve { ws in
            // /healthz over TLS, verified against the same certificate.
            let answer = try? ChildProcess.run(
                "openssl",
                [
                    "s_client", "-connect", "127.0.0.1:\(ws.port)", "-CAfile", certificate,
                    "-verify_return_error", "-quiet",
                ],
                stdin: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                timeout: .seconds(10))
            return answer?.stdout.contains(#""status":"ok""#) == true
        }
        defer { server.stop() }

        let untrusting = #expect(throws: ELicenseError.self) { try ELicenseClient(config: config).whoami() }
        #expect(untrusting?.code == .tls, "\(String(describing: untrusting))")

        config.caBundle = certificate
        let me = try ELicenseClient(config: config).whoami()
        #expect(me.appID == config.appID)
        #expect(server.isRunning)
    }

    @Test func plainHTTPOnAllInterfacesIsRefused() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let result = try ws.front(["serve", "--host", "0.0.0.0", "--port", String(ws.port)])
        #expect(result.status != 0)
        #expect(result.output.contains("HTTPS"), "\(result)")
        #expect(result.output.contains("allow_plain_http"))
    }

    /// An RSA certificate, so that static-RSA suites could be offered at all.
    private static func rsaCertificate(_ ws: Workspace) throws -> (certificate: String, key: String) {
        let certificate = ws.root + "/front-rsa.crt", key = ws.root + "/front-rsa.key"
        let generated = try ChildProcess.run(
            "openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate,
            ])
        try #require(generated.status == 0, "\(generated)")
        return (certificate, key)
    }

    /// Whether `openssl s_client` with `options` completes a handshake with the front.
    private static func handshakes(_ ws: Workspace, _ options: [String]) throws -> Bool {
        try ChildProcess.run(
            "openssl", ["s_client", "-connect", "127.0.0.1:\(ws.port)", "-brief"] + options,
            stdin: "", timeout: .seconds(20)
        ).status == 0
    }

    @Test func onlyTLS12OrLaterWithECDHEAndAEADSuitesIsNegotiated() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let (certificate, key) = try Self.rsaCertificate(ws)
        try ws.configure("tls: {certificate_file: \(certificate), private_key_file: \(key)}\n")
        let server = try ws.serve { ws in (try? Self.handshakes(ws, [])) == true }
        defer { server.stop() }
        // The client is told to allow the old protocol, so a refusal is the front's.
        #expect(try !Self.handshakes(ws, ["-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"]))
        #expect(try !Self.handshakes(ws, ["-tls1", "-cipher", "DEFAULT@SECLEVEL=0"]))
        #expect(try !Self.handshakes(ws, ["-tls1_2", "-cipher", "AES128-SHA"]))
        #expect(try !Self.handshakes(ws, ["-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA"]))
        #expect(try Self.handshakes(ws, ["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"]))
        #expect(try Self.handshakes(ws, ["-tls1_3"]))
        #expect(server.isRunning)
    }

    @Test func tlsHandshakeThatNeverStartsIsClosed() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let (certificate, key) = try Self.rsaCertificate(ws)
        try ws.configure(
            "tls: {certificate_file: \(certificate), private_key_file: \(key)}\n"
                + "limits: {tls_handshake_timeout_seconds: 1, idle_timeout_seconds: 600}\n")
        let server = try ws.serve { ws in (try? Self.handshakes(ws, [])) == true }
        defer { server.stop() }
        let silent = try Loopback.Connection(port: ws.port, timeout: 30)
        #expect(silent.receive().closed)
    }

    /// The log at start names a certificate out of its validity or close to its end.
    @Test func certificateOutsideItsValidityOrNearItsEndIsReported() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let certificates = try TestCertificates(ws)
        let cases = [
            (try certificates.dated("expired", start: "20200101000000Z", end: "20210101000000Z"), "TLS 证书已过期"),
            (try certificates.dated("future", start: "20990101000000Z", end: "20991231000000Z"), "TLS 证书尚未生效"),
            (try certificates.leaf("soon", days: 5), "TLS 证书即将过期"),
        ]
        for ((certificate, key), warning) in cases {
            try ws.configure("tls: {certificate_file: \(certificate), private_key_file: \(key)}\n")
            let server = try ws.serve { ws in (try? Self.handshakes(ws, [])) == true }
            let log = server.stdout + server.stderr
            server.stop()
            #expect(log.contains("warning") && log.contains(warning), "\(log)")
        }
        let (certificate, key) = try certificates.leaf("fine", days: 60)
        try ws.configure("tls: {certificate_file: \(certificate), private_key_file: \(key)}\n")
        let server = try ws.serve { ws in (try? Self.handshakes(ws, [])) == true }
        defer { server.stop() }
        #expect(!(server.stdout + server.stderr).contains("warning"), "\(server.stderr)")
    }

    @Test func keyOfAnotherCertificateStopsTheStartWithAClearMessage() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let certificates = try TestCertificates(ws)
        let first = try certificates.leaf("first"), second = try certificates.leaf("second")
        try ws.configure("tls: {certificate_file: \(first.certificate), private_key_file: \(second.key)}\n")
        let result = try ws.front(["serve", "--sandbox", "--port", String(ws.port)])
        #expect(result.status != 0)
        #expect(result.stderr.contains("TLS 私钥与证书不匹配"), "\(result)")
        #expect(result.stderr.contains("does not belong to the certificate"))
        #expect(!result.output.contains("failedToLoadPrivateKey"))
    }
}
