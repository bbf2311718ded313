import ELicenseClient
import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import ELicenseTestSupport
import Foundation
import Testing

/// SIGHUP (or `elicense-front reload`) takes new keys, a new certificate and new settings while
/// departments keep calling; anything wrong in them is refused and the running ones stay.
@Suite struct ReloadTests {
    /// Replaces `target` by a copy of `source` in one rename, as an operator's deployment would.
    private static func install(_ source: String, as target: String) throws {
        let staged = target + ".staged"
        try? FileManager.default.removeItem(atPath: staged)
        try FileManager.default.copyItem(atPath: source, toPath: staged)
        guard rename(staged, target) == 0 else {
            throw ChildProcess.Failure(description: "rename \(staged) to \(target): errno \(errno)")
        }
    }

    /// Waits until the server's log holds `text` `count` times.
    private static func awaitLog(_ server: ChildProcess, _ text: String, count: Int = 1) -> Bool {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if (server.stdout + server.stderr).components(separatedBy: text).count > count { return true }
            usleep(50_000)
        }
        return false
    }

    @Test func sighupSwitchesTheFrontKeyAndTheCertificateWithoutAFailedCall() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let certificates = try TestCertificates(ws)
        let first = try certificates.leaf("first"), second = try certificates.leaf("second")
        let certificate = ws.root + "/front.crt", key = ws.root + "/front.key"
        try Self.install(first.certificate, as: certificate)
        try Self.install(first.key, as: key)
        try ws.configure("tls: {certificate_file: \(certificate), private_key_file: \(key)}\n")
        // The next front key is announced before the unit registers, so its configuration pins both.
        let keys = ws.dataDirectory + "/keys"
        try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true)
        let next = try SM2PrivateKey()
        try next.pemRepresentation().write(
            toFile: keys + "/front-sandbox-next.key.pem", atomically: true, encoding: .utf8)
        try ws.addUnit(AccessForms.chinese)
        var issued = try ws.issuedClientConfig()
        issued.caBundle = certificates.caCertificate
        let config = issued
        #expect(config.frontPublicKeysPEM.count == 2)
        let server = try ws.serve { _ in certificates.served() == "first" }
        defer { server.stop() }

        // Two callers on kept-alive connections and one opening a new connection per call; each
        // counts its calls, so the test sees them go on across the reload.
        let stop = Locked(false)
        let counts = Locked([0, 0, 0])
        let callers = [false, false, true].enumerated().map { index, fresh in
            BackgroundCall { () throws -> [String] in
                var client = try ELicenseClient(config: config)
                var failures: [String] = []
                while !stop.withLock({ $0 }) {
                    if fresh { client = try ELicenseClient(config: config) }
                    do { _ = try client.whoami() } catch { failures.append("\(error)") }
                    counts.withLock { $0[index] += 1 }
                }
                return failures
            }
        }
        Thread.sleep(forTimeInterval: 0.5)
        try FileManager.default.moveItem(
            atPath: keys + "/front-sandbox.key.pem", toPath: keys + "/front-sandbox-old.key.pem")
        try FileManager.default.moveItem(
            atPath: keys + "/front-sandbox-next.key.pem", toPath: keys + "/front-sandbox.key.pem")
        try Self.install(second.certificate, as: certificate)
        try Self.install(second.key, as: key)
        let before = counts.withLock { $0 }
        server.signal(SIGHUP)
        #expect(Self.awaitLog(server, "已重新加载 reloaded"), "\(server.stderr)")
        let reloadedAt = counts.withLock { $0 }
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, !zip(counts.withLock { $0 }, reloadedAt).allSatisfy({ $0 >= $1 + 3 }) {
            usleep(50_000)
        }
        stop.withLock { $0 = true }
        let after = counts.withLock { $0 }
        #expect(
            zip(after, reloadedAt).allSatisfy { $0 >= $1 + 3 },
            "calls after the reload: \(before) \(reloadedAt) \(after)")
        for caller in callers {
            let (failures, _) = try caller.wait(timeout: .seconds(30))
            #expect(failures.isEmpty, "\(failures.prefix(3))")
        }
        #expect(certificates.served() == "second", "new connections get the new certificate")
        let nextID = try next.publicKey.keyID()
        let metrics = certificates.get("/metrics")
        #expect(metrics.contains("elicense_front_key_info{key_id=\"\(nextID)\"} 1"), "\(metrics)")
        #expect(metrics.contains(#"elicense_reloads_total{outcome="ok"} 1"#))

        // A key that is not the certificate's: refused, the running certificate stays.
        try Self.install(first.key, as: key)
        server.signal(SIGHUP)
        #expect(Self.awaitLog(server, "reload refused"), "\(server.stderr)")
        #expect((server.stdout + server.stderr).contains("TLS 私钥与证书不匹配"))
        #expect(certificates.served() == "second")
        #expect(try ELicenseClient(config: config).whoami().appID == config.appID)
        #expect(server.isRunning)
    }

    @Test func reloadCommandAppliesSettingsAndRefusesABadFile() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let server = try ws.serve()
        defer { server.stop() }
        #expect(Loopback.get(port: ws.port, path: "/metrics")?.hasPrefix("HTTP/1.1 200") == true)

        try ws.configure("metrics_allowed_addresses: [10.9.9.9]\n")
        let reloaded = try ws.front(["reload"])
        #expect(reloaded.status == 0, "\(reloaded)")
        #expect(Self.awaitLog(server, "已重新加载 reloaded"))
        #expect(Loopback.get(port: ws.port, path: "/metrics")?.hasPrefix("HTTP/1.1 403") == true)

        // An invalid entry is refused by name; the running settings stay.
        try ws.configure("metrics_allowed_addresses: [127.0.0.1, metrics.example]\n")
        server.signal(SIGHUP)
        #expect(Self.awaitLog(server, "reload refused"))
        #expect((server.stdout + server.stderr).contains("'metrics.example' is not an IP address or CIDR block"))
        #expect(Loopback.get(port: ws.port, path: "/metrics")?.hasPrefix("HTTP/1.1 403") == true)

        // A setting read once at start is named, not silently ignored; the others apply.
        try ws.configure("limits: {max_connections: 5}\n")
        server.signal(SIGHUP)
        #expect(Self.awaitLog(server, "已重新加载 reloaded", count: 2))
        #expect(Self.awaitLog(server, "take effect only after a restart"))
        #expect((server.stdout + server.stderr).contains("settings=limits"))
        #expect(Loopback.get(port: ws.port, path: "/metrics")?.hasPrefix("HTTP/1.1 200") == true)
        #expect(server.isRunning)
    }

    @Test func reloadWithoutARunningServerSaysSo() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let result = try ws.front(["reload"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("没有运行中的前置系统 (no running server"), "\(result)")
    }
}
