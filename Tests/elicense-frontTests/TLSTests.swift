import ELicenseClient
import ELicenseCore
import Testing

/// HTTPS as deployed: the front's own certificate, the department pinning it as its CA.
@Suite struct TLSTests {
    @Test func clientTrustsTheFrontOnlyThroughItsCABundle() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let certificate = ws.root + "/front.crt", key = ws.root + "/front.key"
        let generated = try ChildProcess.run("openssl", [
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
            let answer = try? ChildProcess.run("openssl", ["s_client", "-connect", "127.0.0.1:\(ws.port)", "-CAfile", certificate,
                                                           "-verify_return_error", "-quiet"],
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
}
