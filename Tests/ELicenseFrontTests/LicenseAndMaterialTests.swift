import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import ELicenseSandbox
import ELicenseUpstream
import Foundation
import HummingbirdTesting
import Testing

@testable import ELicenseFront

@Suite struct LicenseAndMaterialTests {
    @Test func licenseWithAGrantIsSignedByTheIssuer() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let token = try await caller.grant(http, sandbox: try #require(h.front.sandbox))
            let reply = try await caller.call(http, .post, "/v1/license", json: #"{"grant":"\#(token)"}"#)
            #expect(reply.status == 200)
            let license = try reply.decode(LicenseResponse.self)
            #expect(license.signedLicense.license.uscc == SandboxDataset.demoActive)
            #expect(license.subject.uscc == SandboxDataset.demoActive)
            let keys = try await caller.call(http, .get, "/v1/keys").decode(KeySet.self)
            let issuer = try TrustedKeys(keys.issuer.map { try SM2PublicKey(pem: $0.publicKeyPEM) })
            #expect(license.signedLicense.verify(with: issuer))
            #expect(keys.front.map(\.keyID).contains(h.front.keyring.signing.keyID))
        }
    }

    @Test func revokedEnterpriseStateIsReportedNotRefused() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let token = try await caller.grant(
                http, sandbox: try #require(h.front.sandbox), uscc: SandboxDataset.demoRevoked.value)
            let license = try await caller.call(http, .post, "/v1/license", json: #"{"grant":"\#(token)"}"#).decode(
                LicenseResponse.self)
            #expect(license.signedLicense.license.state == .revoked)
        }
    }

    @Test func grantProblemsAreEachNamed() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        let other = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            #expect(
                try await caller.call(http, .post, "/v1/license", json: #"{"grant":""}"#).error?.code == "grant_missing"
            )
            #expect(
                try await caller.call(http, .post, "/v1/license", json: #"{"grant":"gr_nonsense"}"#).error?.code
                    == "grant_invalid")
            let token = try await caller.grant(http, sandbox: try #require(h.front.sandbox))
            #expect(
                try await other.call(http, .post, "/v1/license", json: #"{"grant":"\#(token)"}"#).error?.code
                    == "grant_invalid")
            h.clock.advance(1801)
            let expired = try await caller.call(http, .post, "/v1/license", json: #"{"grant":"\#(token)"}"#)
            #expect(expired.status == 403)
            #expect(expired.error?.code == "grant_expired")
        }
    }

    @Test func grantWithoutMaterialScopeCannotIssueMaterial() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        let sandbox = try #require(h.front.sandbox)
        try await h.run { http async throws in
            let created = try await caller.call(
                http, .post, "/v1/logins", json: #"{"purpose":"资质核验","scope":["license"]}"#
            ).decode(LoginCreated.self)
            _ = try await sandbox.scan(
                qrContent: created.qrContent, uscc: SandboxDataset.demoActive, role: .legalRepresentative,
                operatorName: nil, decision: .confirm)
            let token = try #require(
                try await caller.call(http, .get, "/v1/logins/\(created.loginID)").decode(LoginStatus.self).grant?.token
            )
            let reply = try await caller.call(
                http, .post, "/v1/materials", json: #"{"grant":"\#(token)","purpose":"资质核验"}"#)
            #expect(reply.error?.code == "scope_denied")
        }
    }

    @Test func materialIsSignedStoredVerifiableAndRevocable() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        let other = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let token = try await caller.grant(http, sandbox: try #require(h.front.sandbox))
            let issued = try await caller.call(
                http, .post, "/v1/materials", json: #"{"grant":"\#(token)","purpose":"企业开办"}"#)
            #expect(issued.status == 201)
            let result = try issued.decode(MaterialIssued.self)
            let material = result.material
            #expect(material.id.hasPrefix("mt_"))
            #expect(material.code.count == 14)
            #expect(material.state == .valid)
            #expect(material.expiresAt.secondsSince1970 - material.issuedAt.secondsSince1970 == 90 * 86_400)

            // The inline PDF is the document whose digest the front signed.
            let pdf = Array(try #require(Data(base64Encoded: result.document ?? "")))
            #expect(pdf.starts(with: Array("%PDF".utf8)))
            #expect(material.documents.first { $0.format == "pdf" }?.sm3 == (try SM3.hex(pdf)))
            let frontKeys = try TrustedKeys([h.front.keyring.signing.privateKey.publicKey])
            #expect(
                frontKeys.verify(
                    try material.canonical().string, signature: material.signature.value,
                    keyID: material.signature.keyID))
            var forged = material
            forged.purpose = "别的事项"
            #expect(
                !frontKeys.verify(
                    try forged.canonical().string, signature: material.signature.value, keyID: material.signature.keyID)
            )

            // Only the document asked for is rendered and stored.
            #expect(material.documents.map(\.format) == ["pdf"])
            #expect(try await h.front.store.material(id: material.id)?.documents.keys.sorted() == ["pdf"])
            #expect(
                try await caller.call(http, .get, "/v1/materials/\(material.id)/document?format=png").error?.code
                    == "invalid_argument")
            let pngMaterial = try await caller.call(
                http, .post, "/v1/materials", json: #"{"grant":"\#(token)","purpose":"企业开办","format":"png"}"#
            ).decode(MaterialIssued.self).material
            #expect(pngMaterial.documents.map(\.format) == ["png"])
            let png = try await caller.call(http, .get, "/v1/materials/\(pngMaterial.id)/document?format=png")
            #expect(png.headers[.contentType] == "image/png")
            #expect(png.body.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(pngMaterial.documents.first?.sm3 == (try SM3.hex(png.body)))

            // Anyone registered can verify, by code, id or the QR payload.
            #expect(
                try await other.call(http, .post, "/v1/materials/verify", json: #"{"code":"\#(material.code)"}"#)
                    .decode(VerifyResult.self).state == .valid)
            #expect(
                try await other.call(
                    http, .post, "/v1/materials/verify", json: #"{"qr_payload":"\#(material.verifyURL)"}"#
                ).decode(VerifyResult.self).state == .valid)
            #expect(
                try await other.call(http, .post, "/v1/materials/verify", json: #"{"code":"AAAA-BBBB-CCCC"}"#).decode(
                    VerifyResult.self
                ).state == .unknown)
            #expect(
                try await other.call(http, .post, "/v1/materials/verify", json: #"{"id":"x","code":"y"}"#).error?.code
                    == "invalid_argument")

            // Only the issuing application may revoke; revoking is idempotent.
            #expect(
                try await other.call(http, .post, "/v1/materials/\(material.id)/revoke", json: #"{"reason":"x"}"#)
                    .error?.code == "permission_denied")
            let revoked = try await caller.call(
                http, .post, "/v1/materials/\(material.id)/revoke", json: #"{"reason":"申请撤回"}"#
            ).decode(VerifyResult.self)
            #expect(revoked.state == .revoked)
            #expect(revoked.revocationReason == "申请撤回")
            let again = try await caller.call(
                http, .post, "/v1/materials/\(material.id)/revoke", json: #"{"reason":"再次"}"#
            ).decode(VerifyResult.self)
            #expect(again.revocationReason == "申请撤回")
            #expect(
                try await other.call(http, .get, "/v1/materials/\(material.id)").decode(VerifyResult.self).state
                    == .revoked)

            // The public page a person reaches from the QR code.
            let page = String(buffer: try await http.execute(uri: "/verify?code=\(material.code)", method: .get).body)
            #expect(page.contains("已撤销"))
            // In Beijing time, as the document prints it, not in UTC.
            let beijing = material.issuedAt.adding(seconds: 8 * 3600).rfc3339
            #expect(page.contains("\(beijing.prefix(10)) \(beijing.dropFirst(11).prefix(8)) 北京时间 (UTC+8)"), "\(page)")
            #expect(!page.contains(material.issuedAt.rfc3339))
        }
    }

    /// Two user-perceived characters carrying 40 KB of combining marks took 1.4 s to render under
    /// the font lock; now their size is refused before anything is drawn.
    @Test func heavyPurposeAndBidiControlsAreRefusedBeforeRendering() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let token = try await caller.grant(http, sandbox: try #require(h.front.sandbox))
            let marks = String(repeating: "\u{301}", count: 10_000)
            let heavy = "企\(marks)业\(marks)"
            #expect(heavy.count == 2 && heavy.utf8.count > 40_000)
            for purpose in [heavy, "企业\u{202E}办开", "企业\u{2066}开办\u{2069}"] {
                for (path, body) in [
                    ("/v1/materials", #"{"grant":"\#(token)","purpose":"\#(purpose)","format":"none"}"#),
                    ("/v1/logins", #"{"purpose":"\#(purpose)","qr_format":"none"}"#),
                ] {
                    let reply = try await caller.call(http, .post, path, json: body)
                    #expect(
                        reply.status == 400 && reply.error?.code == "invalid_purpose", "\(path) \(purpose.prefix(4))")
                }
            }
            let issued = try await caller.call(
                http, .post, "/v1/materials", json: #"{"grant":"\#(token)","purpose":"企业开办","format":"none"}"#
            )
            .decode(MaterialIssued.self)
            let revoke = "/v1/materials/\(issued.material.id)/revoke"
            for reason in ["撤回\u{202E}请申", String(repeating: "撤", count: 201), "撤\(marks)"] {
                #expect(
                    try await caller.call(http, .post, revoke, json: #"{"reason":"\#(reason)"}"#).error?.code
                        == "invalid_argument")
            }
            #expect(
                try await caller.call(http, .post, revoke, json: #"{"reason":" 申请撤回 "}"#).decode(VerifyResult.self)
                    .revocationReason == "申请撤回")
        }
    }

    @Test func materialExpires() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let token = try await caller.grant(http, sandbox: try #require(h.front.sandbox))
            let material = try await caller.call(
                http, .post, "/v1/materials", json: #"{"grant":"\#(token)","purpose":"企业开办","format":"none"}"#
            )
            .decode(MaterialIssued.self)
            #expect(material.document == nil)
            h.clock.advance(90 * 86_400)
            #expect(
                try await caller.call(http, .get, "/v1/materials/\(material.material.id)").decode(VerifyResult.self)
                    .state == .expired)
            #expect(try await caller.call(http, .get, "/v1/materials/mt_unknown").error?.code == "material_not_found")
        }
    }

    @Test func upstreamFailureIsReportedAsSuch() async throws {
        var config = FrontConfig()
        config.sandbox.failureRate = 1
        let h = try await FrontHarness(config: config)
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let reply = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#)
            #expect(reply.status == 502)
            #expect(reply.error?.code == "upstream_failed")
        }
    }
}
