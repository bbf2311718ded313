import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import ELicenseSandbox
import ELicenseUpstream
import Foundation
import HummingbirdTesting
import Testing

@testable import ELicenseFront

/// Front B reaches the provincial system through ``HTTPUpstream``; front A, a sandbox front on a
/// real port, plays the provincial system (docs/upstream.md) with B registered as one of its
/// applications. Both run on the real clock: the client inside HTTPUpstream signs with it.
@Suite struct HTTPUpstreamTests {
    /// Front B as an operator configures it: `upstream.kind: http` and the file A issued.
    static func front(calling province: ClientConfig) async throws -> FrontHarness {
        try await withClientConfigFile(province) { path in
            var config = FrontConfig()
            config.upstream.kind = .http
            config.upstream.clientConfig = path
            return try await FrontHarness(config: config, systemClock: true)
        }
    }

    /// B's credentials at A, pointing at the port A actually listens on.
    static func credentials(_ issued: ClientConfig, port: Int?) throws -> ClientConfig {
        var credentials = issued
        credentials.frontURL = "http://127.0.0.1:\(try #require(port))"
        return credentials
    }

    /// A loopback port nothing listens on any more: the one a live front has just given back.
    static func closedPort() async throws -> Int {
        let port = Locked(0)
        try await FrontHarness().run(.live) { http in port.withLock { $0 = http.port ?? 0 } }
        return try #require(port.withLock { $0 > 0 ? $0 : nil })
    }

    @Test func loginLicenseAndMaterialFlowThroughAProvincialFrontOverHTTP() async throws {
        let a = try await FrontHarness(systemClock: true)
        let province = try #require(a.front.sandbox)
        let issued = try await a.app()
        try await a.run(.live) { http in
            let b = try await Self.front(calling: try Self.credentials(issued, port: http.port))
            #expect(b.front.sandbox == nil)
            let caller = try Caller(try await b.app(), now: FrontApplication.systemClock)
            try await b.run { http in
                let created = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#)
                #expect(created.status == 201)
                let login = try created.decode(LoginCreated.self)
                #expect(login.qrContent.hasPrefix(a.front.config.baseURL + "/sandbox/?t=tk_"))
                // The enterprise confirms in A's simulated e-license app; B learns it by polling A.
                #expect(
                    try await province.scan(
                        qrContent: login.qrContent, uscc: SandboxDataset.demoActive, role: .agent,
                        operatorName: nil, decision: .confirm) == .authorized)
                let status = try await caller.call(http, .get, "/v1/logins/\(login.loginID)").decode(LoginStatus.self)
                #expect(status.state == .authorized)
                #expect(status.subject?.uscc == SandboxDataset.demoActive)
                #expect(status.subject?.operator.role == .agent)
                let token = try #require(status.grant?.token)

                let license = try await caller.call(http, .post, "/v1/license", json: #"{"grant":"\#(token)"}"#)
                #expect(license.status == 200)
                let signed = try license.decode(LicenseResponse.self).signedLicense
                #expect(signed.license.uscc == SandboxDataset.demoActive)
                // B publishes A's issuer key, and the license verifies with it.
                let issuerKeys = try await province.issuerKeys()
                #expect(
                    try await caller.call(http, .get, "/v1/keys").decode(KeySet.self).issuer == [
                        try PublishedKey(issuerKeys[0])
                    ])
                #expect(signed.verify(with: try TrustedKeys(issuerKeys)))

                let material = try await caller.call(
                    http, .post, "/v1/materials",
                    json: #"{"grant":"\#(token)","purpose":"企业开办","format":"none"}"#)
                #expect(material.status == 201)
                let record = try material.decode(MaterialIssued.self).material
                #expect(record.signedLicense.license == signed.license)
                #expect(record.signedLicense.verify(with: try TrustedKeys(issuerKeys)))
            }
            // A audited every provincial call under B's app id; the issuer keys were fetched once.
            let audit = try await a.front.store.auditRecords(after: 0, limit: 100).map(\.event)
            #expect(audit.allSatisfy { $0.appID == issued.appID && $0.outcome == "ok" })
            #expect(
                audit.map {
                    $0.endpoint.hasPrefix("/v1/upstream/logins/tk_") ? "/v1/upstream/logins/{ticket}" : $0.endpoint
                } == [
                    "/v1/upstream/logins", "/v1/upstream/logins/{ticket}", "/v1/upstream/license",
                    "/v1/upstream/issuer-keys",
                    "/v1/upstream/license",
                ])
            #expect(audit.last?.subjectUSCC == SandboxDataset.demoActive.value)
        }
    }

    @Test func unreachableProvincialSystemIsUpstreamFailed() async throws {
        let a = try await FrontHarness(systemClock: true)
        let b = try await Self.front(
            calling: try Self.credentials(try await a.app(), port: try await Self.closedPort()))
        let caller = try Caller(try await b.app(), now: FrontApplication.systemClock)
        try await b.run { http in
            let login = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#)
            #expect(login.status == 502)
            #expect(login.error?.code == "upstream_failed")
            #expect(login.error?.detail?.hasPrefix("network") == true)
            // Idempotent calls are retried first, then fail the same way.
            #expect(try await caller.call(http, .get, "/v1/keys").error?.code == "upstream_failed")
        }
    }

    @Test func answerNotSignedByThePinnedProvincialKeyIsUpstreamFailed() async throws {
        let a = try await FrontHarness(systemClock: true)
        let issued = try await a.app()
        try await a.run(.live) { http in
            var credentials = try Self.credentials(issued, port: http.port)
            credentials.frontPublicKeysPEM = [try SM2PrivateKey().publicKey.pemRepresentation()]
            let b = try await Self.front(calling: credentials)
            let caller = try Caller(try await b.app(), now: FrontApplication.systemClock)
            try await b.run { http in
                let reply = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#)
                #expect(reply.status == 502)
                #expect(reply.error?.code == "upstream_failed")
                #expect(reply.error?.detail?.hasPrefix("response_signature_invalid") == true)
            }
        }
    }

    @Test func provincialAnswersKeepTheirCodes() async throws {
        let a = try await FrontHarness(systemClock: true)
        let province = try #require(a.front.sandbox)
        let issued = try await a.app()
        try await a.run(.live) { http in
            let upstream = try HTTPUpstream(
                config: try Self.credentials(issued, port: http.port), maxConcurrentCalls: 4)
            let unknown = await #expect(throws: ELicenseError.self) {
                try await upstream.loginState(ticket: "tk_" + String(repeating: "0", count: 32))
            }
            #expect(unknown?.code == .loginNotFound)
            let grant = await #expect(throws: ELicenseError.self) {
                try await upstream.license(authorization: "au_unknown")
            }
            #expect(grant?.code == .grantInvalid)
            // The provincial system's own failure stays one, traceable to its audit record.
            await province.setKnobs(.init(failureRate: 1))
            let failed = await #expect(throws: ELicenseError.self) {
                try await upstream.startLogin(
                    UpstreamLoginRequest(
                        requester: "测试", purpose: "企业开办", scope: [.identity],
                        expiresAt: FrontApplication.systemClock().adding(seconds: 300),
                        confirmationCode: "0000"))
            }
            #expect(failed?.code == .upstreamFailed)
            #expect(failed?.detail.contains("provincial request_id rq_") == true)
        }
    }

    @Test func profilesOfFrontAndProvincialCredentialsMustAgree() async throws {
        let sandboxCredentials = try await FrontHarness().app()
        let refused = await #expect(throws: ELicenseError.self) {
            try await withClientConfigFile(sandboxCredentials) { path in
                var config = FrontConfig()
                config.profile = .production
                config.upstream.kind = .http
                config.upstream.clientConfig = path
                config.region = .init(code: "370100", name: "济南市")
                _ = try await FrontHarness(config: config)
            }
        }
        #expect(refused?.code == .invalidConfig)
    }

    @Test func upstreamSettingsAreReadFromTheConfigurationFile() throws {
        let config = try WireJSON.decode(
            FrontConfig.self,
            from: Array(
                """
                {"profile": "production", "upstream": {"kind": "http", "client_config": "/etc/elicense/province.json",
                 "timeout_seconds": 5, "max_concurrent_calls": 16}, "region": {"code": "370100", "name": "济南市"}}
                """.utf8))
        #expect(config.upstream.kind == .http)
        #expect(config.upstream.clientConfig == "/etc/elicense/province.json")
        #expect(config.upstream.timeoutSeconds == 5)
        #expect(config.upstream.maxConcurrentCalls == 16)
        #expect(throws: Never.self) { try config.validate() }
        #expect(FrontConfig().upstream.timeoutSeconds == 8)
    }

    @Test func httpUpstreamNeedsAReadableClientConfiguration() async throws {
        var config = FrontConfig()
        config.upstream.kind = .http
        #expect((#expect(throws: ELicenseError.self) { try config.validate() })?.code == .invalidConfig)
        config.upstream.clientConfig = "/nonexistent/province.json"
        let missing = await #expect(throws: ELicenseError.self) { _ = try await FrontHarness(config: config) }
        #expect(missing?.code == .ioError)
    }
}
