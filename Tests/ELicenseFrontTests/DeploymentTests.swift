import ELicenseCore
import ELicenseProtocol
import ELicenseStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import Yams

@testable import ELicenseFront

/// Level and region (省级/市级, 行政区划), the instance name, health checks, and the client
/// address behind trusted reverse proxies.
@Suite struct DeploymentTests {
    /// A provincial front, so nothing below can pass on the sandbox's default 市级 济南市.
    static func provincial() -> FrontConfig {
        var config = FrontConfig()
        config.frontName = "山东省政务服务电子营业执照验证前置系统"
        config.level = .province
        config.region = .init(code: "370000", name: "山东省")
        config.instanceName = "front-a"
        return config
    }

    static let label = "省级前置系统 · 山东省（370000）"

    // MARK: configuration

    @Test func yamlNamesLevelRegionProxiesAndInstance() throws {
        let config = try YAMLDecoder().decode(
            FrontConfig.self,
            from: """
                level: province
                region: {code: "370000", name: 山东省}
                trusted_proxies: [127.0.0.1, 10.0.0.0/8]
                instance_name: front-a
                """)
        #expect(config.level == .province)
        #expect(config.servedRegion == .init(code: "370000", name: "山东省"))
        #expect(config.trustedProxies == ["127.0.0.1", "10.0.0.0/8"])
        #expect(config.instance == "front-a")
        #expect(config.deploymentLabel == Self.label)
        try config.validate()
    }

    @Test func sandboxDefaultsToTheCityOfJinanAndTheHostPort() throws {
        var config = FrontConfig()
        config.port = 8681
        #expect(config.deploymentLabel == "市级前置系统 · 济南市（370100）")
        #expect(config.instance.hasSuffix(":8681") && config.instance.count > 5)
    }

    @Test(arguments: [
        ("37010", "济南市"), ("37010a", "济南市"), ("３７０１００", "济南市"), ("370100", ""), ("370100", " 济南市"),
    ])
    func regionMustBeSixDigitsAndAName(_ code: String, _ name: String) {
        var config = FrontConfig()
        config.region = .init(code: code, name: name)
        #expect { try config.validate() } throws: { error in
            let detail = (error as? ELicenseError)?.detail ?? ""
            return (error as? ELicenseError)?.code == .invalidConfig && detail.contains("region")
        }
    }

    @Test func productionNeedsTheRegionSetExplicitly() throws {
        var config = FrontConfig()
        config.profile = .production
        config.upstream.kind = .http
        config.upstream.clientConfig = "/etc/elicense/province.json"
        #expect { try config.validate() } throws: { error in
            (error as? ELicenseError)?.detail.contains("region") == true
        }
        config.region = .init(code: "370200", name: "青岛市")
        try config.validate()
    }

    @Test(arguments: ["10.0.0.0/33", "proxy.example", "", "10.0.0.1/"])
    func anInvalidTrustedProxyIsRefusedNamingIt(_ entry: String) {
        var config = FrontConfig()
        config.trustedProxies = ["127.0.0.1", entry]
        #expect { try config.validate() } throws: { error in
            (error as? ELicenseError)?.detail.contains("trusted_proxies 中“\(entry)”") == true
        }
    }

    @Test(arguments: ["", "front a", "前置", String(repeating: "x", count: 65)])
    func anInstanceNameUnfitForAHeaderIsRefused(_ name: String) {
        var config = FrontConfig()
        config.instanceName = name
        #expect(throws: ELicenseError.self) { try config.validate() }
    }

    // MARK: where a person sees level and region

    @Test func whoamiNamesTheFrontItsLevelRegionAndInstance() async throws {
        let h = try await FrontHarness(config: Self.provincial())
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let reply = try await caller.call(http, .get, "/v1/whoami")
            let who = try reply.decode(WhoAmI.self)
            #expect(who.frontName == "山东省政务服务电子营业执照验证前置系统")
            #expect(who.level == .province)
            #expect(who.regionCode == "370000" && who.regionName == "山东省")
            #expect(who.instance == "front-a")
            let json = String(decoding: reply.body, as: UTF8.self)
            #expect(json.contains(#""level":"province""#) && json.contains(#""region_code":"370000""#))
        }
    }

    @Test func verifyAndSandboxPagesShowLevelAndRegion() async throws {
        let h = try await FrontHarness(config: Self.provincial())
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let verify = String(buffer: try await http.execute(uri: "/verify?code=AAAA-BBBB-CCCC", method: .get).body)
            #expect(verify.contains(Self.label) && verify.contains("山东省政务服务电子营业执照验证前置系统"))
            let created = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#)
                .decode(LoginCreated.self)
            let ticket = try #require(created.qrContent.split(separator: "=").last)
            let page = String(buffer: try await http.execute(uri: "/sandbox/?t=\(ticket)", method: .get).body)
            #expect(page.contains(#"<p class="front" id="front">山东省政务服务电子营业执照验证前置系统<br>\#(Self.label)</p>"#))
        }
    }

    @Test func filingFormNamesTheFrontsLevelAndRegion() async throws {
        let h = try await FrontHarness(config: Self.provincial())
        let form = try await h.front.registry.filingDocument(unitID: h.unit.id)
        #expect(form.contains("接入前置系统：山东省政务服务电子营业执照验证前置系统（\(Self.label)；"))
    }

    @Test func materialPrintsLevelAndRegionUnderTheFrontsName() async throws {
        let h = try await FrontHarness(config: Self.provincial())
        let caller = try Caller(try await h.app(), clock: h.clock)
        let sandbox = try #require(h.front.sandbox)
        try await h.run { http async throws in
            let token = try await caller.grant(http, sandbox: sandbox)
            let issued = try await caller.call(
                http, .post, "/v1/materials", json: #"{"grant":"\#(token)","purpose":"企业开办","format":"pdf"}"#
            ).decode(MaterialIssued.self)
            let pdf = Array(try #require(Data(base64Encoded: issued.document ?? "")))
            let text = try pdfText(pdf).replacingOccurrences(of: "\n", with: "")
            #expect(text.contains("出具机构山东省政务服务电子营业执照验证前置系统层级及行政区划\(Self.label)"), "\(text)")
        }
    }

    // MARK: instance header and health

    @Test func everyAnswerNamesTheInstance() async throws {
        let h = try await FrontHarness(config: Self.provincial())
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let header = try #require(HTTPField.Name("X-Elicense-Instance"))
            #expect(try await caller.call(http, .get, "/v1/whoami").headers[header] == "front-a")
            #expect(try await caller.call(http, .get, "/v1/nowhere").headers[header] == "front-a")
            for uri in ["/healthz", "/livez", "/readyz", "/verify", "/no-such-page", "/metrics"] {
                #expect(try await http.execute(uri: uri, method: .get).headers[header] == "front-a", "\(uri)")
            }
        }
    }

    @Test func healthChecksAnswerGetAndHead() async throws {
        let h = try await FrontHarness()
        try await h.run { http async throws in
            for (uri, body) in [
                ("/healthz", #"{"status":"ok"}"#), ("/livez", #"{"status":"ok"}"#), ("/readyz", #"{"status":"ready"}"#),
            ] {
                let get = try await http.execute(uri: uri, method: .get)
                #expect(get.status == .ok && String(buffer: get.body) == body, "\(uri)")
                let head = try await http.execute(uri: uri, method: .head)
                #expect(head.status == .ok && head.body.readableBytes == 0, "\(uri)")
            }
        }
    }

    @Test func readyzIsUnavailableWhileTheStoreFailsAndLivezStaysUp() async throws {
        let store = FailingAuditStore(try SQLiteStore.inMemory())
        let h = try await FrontHarness(store: store)
        store.failReadiness(true)
        try await h.run { http async throws in
            let ready = try await http.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .serviceUnavailable)
            #expect(try WireJSON.decode(ErrorBody.self, from: Array(buffer: ready.body)).error.code == "unavailable")
            #expect(try await http.execute(uri: "/readyz", method: .head).status == .serviceUnavailable)
            #expect(try await http.execute(uri: "/livez", method: .get).status == .ok)
            #expect(try await http.execute(uri: "/healthz", method: .head).status == .ok)
            store.failReadiness(false)
            #expect(try await http.execute(uri: "/readyz", method: .get).status == .ok)
        }
    }

    // MARK: client address behind trusted proxies

    @Test func forwardedForIsIgnoredUnlessThePeerIsATrustedProxy() throws {
        let none = ForwardedFor(trustedProxies: [])
        #expect(none.clientAddress(peer: "198.51.100.9", headerValues: ["10.1.2.3"]) == "198.51.100.9")
        let proxies = ForwardedFor(trustedProxies: [try AddressRule("127.0.0.1"), try AddressRule("10.0.0.0/8")])
        // A spoofed header straight from a client is ignored…
        #expect(proxies.clientAddress(peer: "198.51.100.9", headerValues: ["10.1.2.3"]) == "198.51.100.9")
        // …from a trusted proxy it names the client…
        #expect(proxies.clientAddress(peer: "127.0.0.1", headerValues: ["203.0.113.7"]) == "203.0.113.7")
        #expect(proxies.clientAddress(peer: "::ffff:127.0.0.1", headerValues: ["2001:db8::1"]) == "2001:db8::1")
        // …and with no header the proxy itself is the peer.
        #expect(proxies.clientAddress(peer: "127.0.0.1", headerValues: []) == "127.0.0.1")
    }

    @Test func theClientIsTheRightmostAddressThatIsNotATrustedProxy() throws {
        let proxies = ForwardedFor(trustedProxies: [try AddressRule("127.0.0.1"), try AddressRule("10.0.0.0/8")])
        // The client wrote 10.9.9.9 and 1.2.3.4 itself; the proxies appended 203.0.113.7 and 10.0.0.5.
        #expect(
            proxies.clientAddress(peer: "127.0.0.1", headerValues: ["10.9.9.9, 1.2.3.4", "203.0.113.7 ,10.0.0.5"])
                == "203.0.113.7")
        // Every hop trusted: the leftmost one.
        #expect(proxies.clientAddress(peer: "127.0.0.1", headerValues: ["10.0.0.7, 10.0.0.5"]) == "10.0.0.7")
        // Garbage ends the walk at the hop that reported it.
        #expect(proxies.clientAddress(peer: "127.0.0.1", headerValues: ["evil, 10.0.0.5"]) == "10.0.0.5")
        #expect(proxies.clientAddress(peer: "127.0.0.1", headerValues: ["1.2.3.4:80"]) == "127.0.0.1")
    }

    /// Over a real socket the peer is 127.0.0.1: the app is filed for 203.0.113.0/24 only.
    @Test func addressFilingAuditAndMetricsUseTheForwardedClientOnlyFromATrustedProxy() async throws {
        for trusted in [false, true] {
            var config = FrontConfig()
            if trusted { config.trustedProxies = ["127.0.0.0/8"] }
            let h = try await FrontHarness(config: config)
            let caller = try Caller(try await h.app(allowed: ["203.0.113.0/24"]), clock: h.clock)
            let forwarded = try #require(HTTPField.Name("X-Forwarded-For"))
            try await h.run(.live) { http async throws in
                let reply = try await caller.call(http, .get, "/v1/whoami") { $0[forwarded] = "203.0.113.7" }
                #expect(reply.status == (trusted ? 200 : 403))
                #expect(reply.error?.code == (trusted ? nil : "address_forbidden"))
                let metrics = try await http.execute(
                    uri: "/metrics", method: .get, headers: [forwarded: "203.0.113.7"])
                #expect(metrics.status == (trusted ? .forbidden : .ok))
            }
            let last = try #require(try await h.front.store.auditRecords(after: 0, limit: 10).last)
            #expect(last.event.remoteAddress == (trusted ? "203.0.113.7" : "127.0.0.1"))
        }
    }

    @Test func rejectionsAreCountedPerForwardedClient() async throws {
        var config = FrontConfig()
        config.trustedProxies = ["127.0.0.1", "::1"]
        config.limits.rejectionsPerMinute = 2
        let h = try await FrontHarness(config: config)
        let forwarded = try #require(HTTPField.Name("X-Forwarded-For"))
        try await h.run(.live) { http async throws in
            func reject(_ client: String) async throws -> HTTPResponse.Status {
                try await http.execute(uri: "/v1/whoami", method: .get, headers: [forwarded: client]).status
            }
            #expect(try await reject("203.0.113.7") == .unauthorized)
            #expect(try await reject("203.0.113.7") == .unauthorized)
            #expect(try await reject("203.0.113.7") == .tooManyRequests)
            // Another client behind the same proxy has its own budget.
            #expect(try await reject("203.0.113.8") == .unauthorized)
        }
    }
}

/// `pdftotext -raw` of `pdf`.
private func pdfText(_ pdf: [UInt8]) throws -> String {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("elicense-\(UUID().uuidString).pdf")
    try Data(pdf).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
    process.arguments = ["-raw", "-enc", "UTF-8", file.path, "-"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return String(decoding: data, as: UTF8.self)
}
