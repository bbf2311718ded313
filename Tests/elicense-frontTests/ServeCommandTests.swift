import ELicenseClient
import ELicenseCore
import ELicenseProtocol
import ELicenseTestSupport
import Foundation
import Testing

/// A department calls the running front with the configuration the operator issued it.
@Suite struct ServeCommandTests {
    @Test func issuedConfigurationWorksAndDisablingTakesEffectOnTheNextCall() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let unit = try ws.addUnit(AccessForms.english, file: "form.json")
        let file = ws.root + "/department.json"
        let issued = try ws.front([
            "app", "add", "--unit", unit, "--name", "不动产登记系统", "--endpoint", "10.1.2.4:443",
            "--description", "自然资源；不动产登记", "--allow", "127.0.0.1", "--out", file,
        ])
        try #require(issued.status == 0, "\(issued)")
        let server = try ws.serve()
        defer { server.stop() }

        let client = try ELicenseClient(config: try ws.clientConfig(file))
        let me = try client.whoami()
        #expect(me.appID == client.config.appID)
        #expect(me.appName == "不动产登记系统")
        #expect(me.unitName == "青岛市市场监督管理局")
        #expect(me.profile == .sandbox)
        #expect(me.keyID == client.keyID)

        // The server reads the registry on every request: no restart, no cache to wait out.
        try #require(try ws.front(["unit", "disable", unit]).status == 0)
        let unitDisabled = #expect(throws: ELicenseError.self) { try client.whoami() }
        #expect(unitDisabled?.code == .appDisabled)
        #expect(unitDisabled?.detail.contains("access unit disabled") == true)

        try #require(try ws.front(["unit", "enable", unit]).status == 0)
        #expect(try client.whoami().appID == client.config.appID)

        try #require(try ws.front(["app", "disable", client.config.appID]).status == 0)
        let appDisabled = #expect(throws: ELicenseError.self) { try client.whoami() }
        #expect(appDisabled?.code == .appDisabled)
        #expect(appDisabled?.detail.contains("application disabled") == true)
        #expect(server.isRunning)
    }

    @Test func metricsAreScrapedBeforeTheFirstCall() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let server = try ws.serve()
        defer { server.stop() }
        let metrics = try #require(Loopback.get(port: ws.port, path: "/metrics"))
        #expect(metrics.hasPrefix("HTTP/1.1 200"))
        #expect(metrics.contains(#"elicense_front_info{profile="sandbox","#), "\(metrics)")
        #expect(metrics.contains("elicense_unaudited_rejections_total 0"))
        #expect(metrics.contains(#"elicense_reloads_total{outcome="refused"} 0"#))
        #expect(metrics.contains("elicense_front_key_info{key_id="))
    }

    @Test func invalidMetricsAddressesAreRefusedByName() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        for (yaml, message) in [
            ("metrics_allowed_addresses: [127.0.0.1, localhost]", "'localhost' is not an IP address or CIDR block"),
            ("metrics_allowed_addresses: [10.0.0.0/33]", "'10.0.0.0/33' has an invalid prefix length"),
            ("metrics_allowed_addresses: 127.0.0.1", "setting metrics_allowed_addresses must be a list"),
        ] {
            try ws.configure(yaml + "\n")
            let result = try ws.front(["serve", "--sandbox", "--port", String(ws.port)])
            #expect(result.status != 0)
            #expect(result.stderr.contains(message), "\(result)")
            #expect(!result.stderr.contains("DecodingError"))
        }
    }

    @Test func aFailedProvincialCallIsLoggedWithItsReason() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.configure("sandbox: {failure_rate: 1}\n")
        try ws.addUnit(AccessForms.chinese)
        let client = try ELicenseClient(config: try ws.issuedClientConfig())
        let server = try ws.serve()
        defer { server.stop() }
        let failed = #expect(throws: ELicenseError.self) {
            try client.startLogin(LoginRequest(purpose: "上游故障 provincial failure", qrFormat: "none"))
        }
        #expect(failed?.code == .upstreamFailed)
        let log = server.stdout + server.stderr
        let line = try #require(log.split(separator: "\n").first { $0.contains("provincial call failed") }, "\(log)")
        #expect(line.contains("warning"))
        #expect(line.contains("reason=沙箱模拟的上游故障 (simulated provincial system failure)"), "\(line)")
        #expect(line.contains("request_id=rq_"))
    }

    /// The upstream's profile is what the provincial endpoint answers, not its file's label.
    @Test func upstreamProfileIsAskedOfTheProvincialEndpoint() throws {
        let province = try Workspace()
        defer { province.remove() }
        try province.addUnit(AccessForms.chinese)
        let issued = try province.clientFiles()[0]
        let provincial = try province.serve()
        defer { provincial.stop() }

        let city = try Workspace()
        defer { city.remove() }
        try city.configure("upstream: {kind: http, client_config: \(issued)}\n")
        let server = try ChildProcess(
            Workspace.executable, ["serve", "--config", city.configFile, "--data-dir", city.dataDirectory])
        defer { server.stop() }
        let deadline = ContinuousClock.now + .seconds(30)
        while !city.healthz(), server.isRunning, ContinuousClock.now < deadline { usleep(50_000) }
        #expect(city.healthz(), "\(server.stderr)")
        #expect((server.stdout + server.stderr).contains("serves this front's profile (its GET /v1/whoami)"))
        server.stop()

        // A file labelled production does not make a sandbox endpoint a production one (a
        // production front of its own: the sandbox city's data directory is refused as such).
        var label = try province.clientConfig(issued)
        label.profile = .production
        let productionCity = try Workspace()
        defer { productionCity.remove() }
        let relabelled = try productionCity.write(
            "province-production.json", String(decoding: try WireJSON.encode(label), as: UTF8.self))
        try productionCity.configure(
            "profile: production\nregion: {code: \"370100\", name: 济南市}\nupstream: {kind: http, client_config: \(relabelled)}\n"
        )
        let refused = try productionCity.front(["serve"])
        #expect(refused.status != 0)
        #expect(
            refused.stderr.contains("the provincial endpoint serves profile sandbox by its GET /v1/whoami"),
            "\(refused)")
    }
}
