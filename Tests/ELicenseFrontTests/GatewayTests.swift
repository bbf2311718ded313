import ELicenseCore
import ELicenseProtocol
import ELicenseSandbox
import ELicenseStore
import ELicenseUpstream
import Foundation
import HummingbirdTesting
import Testing

@testable import ELicenseFront

/// The provincial gateway role (docs/upstream.md §9): a production gateway with the rehearsal
/// adapter on a real port, and a production city front registered with it as one of its
/// applications, calling it through ``HTTPUpstream`` as an operator configures it.
@Suite struct GatewayTests {
    /// A gateway as `role: gateway` configures it, its data (the rehearsal issuer key) in `directory`.
    static func gateway(in directory: String) async throws -> FrontHarness {
        var config = FrontConfig()
        config.role = .gateway
        config.profile = .production
        config.region = .init(code: "370000", name: "山东省")
        config.dataDirectory = directory
        config.frontName = "山东省电子营业执照验证网关"
        return try await FrontHarness(config: config, systemClock: true)
    }

    /// A production city front whose upstream is the gateway that issued `credentials`.
    static func cityFront(calling credentials: ClientConfig) async throws -> FrontHarness {
        try await withClientConfigFile(credentials) { path in
            var config = FrontConfig()
            config.profile = .production
            config.region = .init(code: "370100", name: "济南市")
            config.upstream.kind = .http
            config.upstream.clientConfig = path
            return try await FrontHarness(config: config, systemClock: true)
        }
    }

    static func withDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "elicense-gateway-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try await body(directory)
    }

    /// The text of a PDF, by poppler's pdftotext (as the render tests read documents).
    static func pdfText(_ pdf: [UInt8]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gateway-\(UUID().uuidString).pdf")
        try Data(pdf).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = [file.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\n", with: "")
    }

    @Test func aRegisteredFrontWorksThroughTheGatewayAndEverythingSaysRehearsal() async throws {
        try await Self.withDirectory { directory in
            let gateway = try await Self.gateway(in: directory)
            let rehearsal = try #require(gateway.front.sandbox)
            #expect(rehearsal.isRehearsal && rehearsal.profile == .production)
            #expect(FileManager.default.fileExists(atPath: directory + "/keys/" + Gateway.rehearsalIssuerFile))
            // The city front is an application of its operator's unit at the gateway.
            let issued = try await gateway.app()
            #expect(issued.profile == .production)
            try await gateway.run(.live) { http in
                let city = try await Self.cityFront(
                    calling: try HTTPUpstreamTests.credentials(issued, port: http.port))
                let caller = try Caller(try await city.app(), now: FrontApplication.systemClock)
                try await city.run { http in
                    let created = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#)
                        .decode(LoginCreated.self)
                    // The enterprise confirms in the gateway's rehearsal e-license app.
                    #expect(created.qrContent.hasPrefix(gateway.front.config.baseURL + "/rehearsal/?t=tk_"))
                    #expect(
                        try await rehearsal.scan(
                            qrContent: created.qrContent, uscc: SandboxDataset.demoActive, role: .legalRepresentative,
                            operatorName: nil, decision: .confirm) == .authorized)
                    let status = try await caller.call(http, .get, "/v1/logins/\(created.loginID)")
                        .decode(LoginStatus.self)
                    let token = try #require(status.grant?.token)

                    // The license data says it is rehearsal data, to the department too.
                    let license = try await caller.call(http, .post, "/v1/license", json: #"{"grant":"\#(token)"}"#)
                    #expect(license.status == 200)
                    #expect(String(decoding: license.body, as: UTF8.self).contains(#""rehearsal":true"#))
                    let signed = try license.decode(LicenseResponse.self).signedLicense
                    #expect(signed.isRehearsal && signed.license.uscc == SandboxDataset.demoActive)
                    #expect(signed.verify(with: try TrustedKeys(try await rehearsal.issuerKeys())))

                    // So does the material: its record, its document and its verification page.
                    let material = try await caller.call(
                        http, .post, "/v1/materials", json: #"{"grant":"\#(token)","purpose":"企业开办","format":"pdf"}"#)
                    #expect(material.status == 201)
                    let issuedMaterial = try material.decode(MaterialIssued.self)
                    #expect(issuedMaterial.material.signedLicense.isRehearsal)
                    let text = try Self.pdfText(try issuedMaterial.verifiedDocument(format: "pdf"))
                    #expect(text.contains("生产演练 REHEARSAL"), "\(text)")
                    #expect(!text.contains("沙箱"))
                    let page = try await http.execute(
                        uri: "/verify?code=\(issuedMaterial.material.code)", method: .get, headers: [:], body: nil)
                    #expect(String(buffer: page.body).contains("生产演练 Rehearsal"))
                }
            }
            // The gateway's own audit chain holds every call of the city front, under its app id.
            let audit = try await gateway.front.store.auditRecords(after: 0, limit: 100).map(\.event)
            #expect(!audit.isEmpty)
            #expect(audit.allSatisfy { $0.appID == issued.appID && $0.outcome == "ok" })
            #expect(
                Set(audit.map { $0.endpoint.hasPrefix("/v1/upstream/logins/") ? "poll" : $0.endpoint }) == [
                    "/v1/upstream/logins", "poll", "/v1/upstream/issuer-keys", "/v1/upstream/license",
                ])
            #expect(audit.last?.subjectUSCC == SandboxDataset.demoActive.value)
            #expect(try await gateway.front.store.verifyAudit().isIntact)
        }
    }

    @Test func anUnregisteredFrontIsRefusedAndTheRefusalAudited() async throws {
        try await Self.withDirectory { directory in
            let gateway = try await Self.gateway(in: directory + "/gateway")
            // Credentials another gateway issued: unknown here.
            let stranger = try await Self.gateway(in: directory + "/other").app()
            try await gateway.run(.live) { http in
                var credentials = try HTTPUpstreamTests.credentials(stranger, port: http.port)
                credentials.frontPublicKeysPEM = gateway.front.keyring.published.map(\.publicKeyPEM)
                let upstream = try HTTPUpstream(config: credentials, maxConcurrentCalls: 2)
                let refused = await #expect(throws: ELicenseError.self) { try await upstream.issuerKeys() }
                #expect(refused?.code == .upstreamFailed)
                #expect(refused?.detail.hasPrefix("app_unknown") == true, "\(String(describing: refused))")
            }
            let audit = try await gateway.front.store.auditRecords(after: 0, limit: 100).map(\.event)
            #expect(audit.map(\.outcome) == ["app_unknown"])
            #expect(audit.first?.endpoint == UpstreamV1.issuerKeys)
        }
    }

    @Test func aGatewayServesFrontsNotDepartments() async throws {
        try await Self.withDirectory { directory in
            let gateway = try await Self.gateway(in: directory)
            let caller = try Caller(try await gateway.app(), now: FrontApplication.systemClock)
            try await gateway.run { http in
                #expect(try await caller.call(http, .get, UpstreamV1.issuerKeys).status == 200)
                #expect(try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#).status == 404)
                let page = try await http.execute(uri: "/rehearsal/", method: .get, headers: [:], body: nil)
                #expect(page.status == .ok)
                #expect(String(buffer: page.body).contains("REHEARSAL"))
                #expect(
                    try await http.execute(uri: "/sandbox/", method: .get, headers: [:], body: nil).status == .notFound)
            }
        }
    }

    @Test func aGatewayRunsTheProductionProfileWithItsAdapterOnly() throws {
        var config = try YAMLText.decode(
            "role: gateway\ngateway:\n  adapter: rehearsal\nregion: {code: \"370000\", name: 山东省}\n")
        #expect(config.role == .gateway && config.gateway.adapter == .rehearsal)
        // The default profile, sandbox.
        let sandbox = #expect(throws: ELicenseError.self) { try config.validate() }
        #expect(sandbox?.detail.contains("role gateway needs profile production") == true)
        config.profile = .production
        try config.validate()
        config.upstream.kind = .http
        config.upstream.clientConfig = "/etc/elicense/province.json"
        let upstream = #expect(throws: ELicenseError.self) { try config.validate() }
        #expect(upstream?.detail.contains("role gateway takes no upstream settings") == true)
        // A front keeps refusing the sandbox upstream in production.
        var front = FrontConfig()
        front.profile = .production
        front.region = config.region
        #expect(throws: ELicenseError.self) { try front.validate() }
    }
}

extension GatewayTests {
    @Test func aReloadDoesNotTurnAFrontIntoAGateway() {
        let front = FrontConfig()
        var gateway = front
        gateway.role = .gateway
        let reload = front.reloading(gateway)
        #expect(reload.needRestart == ["role"])
        #expect(reload.applied.role == .front)
    }
}

/// A configuration file's text as ``FrontConfig/load(file:)`` reads it.
enum YAMLText {
    static func decode(_ text: String) throws -> FrontConfig {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gateway-\(UUID().uuidString).yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try FrontConfig.load(file: file.path)
    }
}
