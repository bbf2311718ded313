import ELicenseCore
import Testing

@testable import ELicenseProtocol

@Suite struct CanonicalStringTests {
    @Test func requestStringIsExactlyAsSpecified() throws {
        let canonical = try CanonicalRequest(
            method: "POST", target: "/v1/logins?x=1&y=%E4%B8%AD", timestamp: 1_764_059_400,
            nonce: "0123456789abcdef0123456789abcdef", appID: "jn.scjgj-001",
            body: Array("abc".utf8))
        #expect(
            canonical.string == """
                ELIC-SM2-SM3-V1
                POST
                /v1/logins?x=1&y=%E4%B8%AD
                1764059400
                0123456789abcdef0123456789abcdef
                jn.scjgj-001
                66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0
                """)
    }

    @Test func emptyBodyHashesTheEmptyString() throws {
        let canonical = try CanonicalRequest(
            method: "GET", target: "/v1/whoami", timestamp: 1, nonce: String(repeating: "a", count: 16),
            appID: "a", body: [])
        #expect(canonical.bodySM3 == "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b")
    }

    /// Found by fuzz-canonical: a request signed at a negative time got an X-Elic-Timestamp that
    /// RequestSignature(header:) (and so the front) refuses.
    @Test func refusesANegativeTimestamp() {
        #expect(throws: ELicenseError.self) {
            try CanonicalRequest(
                method: "GET", target: "/v1/whoami", timestamp: -1, nonce: String(repeating: "a", count: 16),
                appID: "a", body: [])
        }
    }

    @Test func responseStringIsExactlyAsSpecified() throws {
        let canonical = try CanonicalResponse(
            status: 201, requestNonce: "0123456789abcdef0123456789abcdef",
            requestID: "rq_0123456789abcdef01234567", timestamp: 1_764_059_401, body: Array("abc".utf8))
        #expect(
            canonical.string == """
                ELIC-SM2-SM3-V1-RESPONSE
                201
                0123456789abcdef0123456789abcdef
                rq_0123456789abcdef01234567
                1764059401
                66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0
                """)
    }

    @Test(arguments: [
        ("post", "/v1/x", "0123456789abcdef", "app"),  // lower-case method
        ("POST", "v1/x", "0123456789abcdef", "app"),  // no leading slash
        ("POST", "/v1/x y", "0123456789abcdef", "app"),  // space in target
        ("POST", "/v1/x\n", "0123456789abcdef", "app"),  // line break would forge a line
        ("POST", "/v1/x", "short", "app"),  // nonce too short
        ("POST", "/v1/x", "0123456789abcdef\n", "app"),
        ("POST", "/v1/x", "0123456789abcdef", ""),  // empty app id
        ("POST", "/v1/x", "0123456789abcdef", "app\nPOST"),
    ])
    func requestPartsThatCouldForgeLinesAreRejected(
        _ method: String, _ target: String, _ nonce: String, _ appID: String
    ) {
        #expect(throws: ELicenseError.self) {
            try CanonicalRequest(method: method, target: target, timestamp: 1, nonce: nonce, appID: appID, body: [])
        }
    }

    @Test func recordEscapesSoValuesCannotForgeFields() {
        let record = CanonicalRecord(
            tag: "T", fields: [("a", "x\ny=1"), ("b", #"back\slash"#), ("c", "cr\r"), ("d", nil), ("e", "")])
        #expect(record.string == "T\na=x\\ny=1\nb=back\\\\slash\nc=cr\\r\nd\ne=\n")
        let collision = CanonicalRecord(tag: "T", fields: [("a", "x"), ("y", "1")])
        #expect(record.string != collision.string)
    }

    @Test func licenseRecordListsEveryFieldInWireOrder() throws {
        let license = try sampleLicense()
        let text = CanonicalRecord.license(
            license, issuerKeyID: "0011223344556677",
            signedAt: try Timestamp(rfc3339: "2026-11-25T08:30:00Z")
        ).string
        let names = text.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "=" }) }
        #expect(names == ["issuer_key_id", "signed_at"] + License.wireFields)
        #expect(
            text.hasPrefix(
                "ELIC-LICENSE-V1\nissuer_key_id=0011223344556677\nsigned_at=2026-11-25T08:30:00Z\nuniscid=91370100MA3C4L8T06\n"
            ))
        #expect(text.contains("\nopto\n"))  // null: 长期
        #expect(text.contains("\nopscope=软件开发；信息技术咨询服务。\\n（依法须经批准的项目"))
    }

    @Test func materialRecordCoversEveryFieldButStateAndIsIndependentOfDocumentOrder() throws {
        let at = try Timestamp(rfc3339: "2026-11-25T08:30:00Z")
        let pdf = MaterialDocument(format: "pdf", contentType: "application/pdf", size: 1234, sm3: "aa")
        let png = MaterialDocument(format: "png", contentType: "image/png", size: 99, sm3: "bb")
        func make(_ docs: [MaterialDocument]) -> String {
            CanonicalRecord.material(
                id: "mt_1", code: "7KQ4-M2P9-XWD3", appID: "app", purpose: "企业开办", issuedAt: at,
                expiresAt: at.adding(seconds: 86_400 * 90), verifyURL: "https://f/verify?code=7KQ4-M2P9-XWD3",
                keyID: "0011223344556677", signedAt: at, licenseSM3: "00", documents: docs
            ).string
        }
        let a = make([pdf, png])
        #expect(a == make([png, pdf]))
        #expect(
            a == """
                ELIC-MATERIAL-V1
                id=mt_1
                code=7KQ4-M2P9-XWD3
                app_id=app
                purpose=企业开办
                issued_at=2026-11-25T08:30:00Z
                expires_at=2027-02-23T08:30:00Z
                verify_url=https://f/verify?code=7KQ4-M2P9-XWD3
                key_id=0011223344556677
                signed_at=2026-11-25T08:30:00Z
                license_sm3=00
                document.pdf.content_type=application/pdf
                document.pdf.size=1234
                document.pdf.sm3=aa
                document.png.content_type=image/png
                document.png.size=99
                document.png.sm3=bb

                """)
    }
}

func sampleLicense() throws -> License {
    License(
        uscc: try USCC("91370100MA3C4L8T06"), name: "济南示例科技有限公司", type: "有限责任公司（自然人投资或控股）",
        legalRepresentative: "张三", registeredCapital: try Money(amount: "500", currency: "CNY"),
        establishedOn: try CivilDate("2016-03-08"), operatingFrom: try CivilDate("2016-03-08"), operatingTo: nil,
        address: "山东省济南市历下区经十路1号",
        businessScope: "软件开发；信息技术咨询服务。\n（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
        registrationAuthority: "济南市历下区市场监督管理局", approvedOn: try CivilDate("2023-05-12"), state: .subsisting)
}
