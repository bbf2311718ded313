import ELicenseCore
import ELicenseProtocol
import Testing

@testable import ELicenseStore

@Suite struct StoreMaterialsTests {
    func material(_ id: String, code: String) throws -> StoredMaterial {
        let license = License(
            uscc: try uscc(90), name: "济南示例科技有限公司", type: "有限责任公司（自然人投资或控股）",
            legalRepresentative: "张三", registeredCapital: try Money(amount: "500", currency: "CNY"),
            establishedOn: try CivilDate("2016-03-08"), operatingFrom: try CivilDate("2016-03-08"),
            operatingTo: nil, address: "山东省济南市历下区经十路1号", businessScope: "软件开发",
            registrationAuthority: "济南市历下区市场监督管理局", approvedOn: try CivilDate("2023-05-12"),
            state: .subsisting)
        let pdf: [UInt8] = Array("%PDF-1.7 营业执照".utf8) + [0, 255, 1, 254]
        let png: [UInt8] =
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<4096).map { UInt8(truncatingIfNeeded: $0) }
        let record = MaterialRecord(
            id: id, code: code, appID: "app.a", purpose: "企业开办", issuedAt: t0,
            expiresAt: t0.adding(seconds: 86_400 * 30),
            signedLicense: SignedLicense(
                license: license, issuerSignature: Signature(keyID: "iss1", signedAt: t0, value: "MEUC")),
            documents: [
                MaterialDocument(format: "pdf", contentType: "application/pdf", size: pdf.count, sm3: "00"),
                MaterialDocument(format: "png", contentType: "image/png", size: png.count, sm3: "11"),
            ],
            verifyURL: "https://front.example/v/\(code)", state: .valid,
            signature: Signature(keyID: "front1", signedAt: t0, value: "MEQC"))
        return StoredMaterial(record: record, documents: ["pdf": pdf, "png": png])
    }

    @Test(arguments: StoreKind.allCases) func materialIsFoundByIDAndByCodeWithItsDocuments(_ kind: StoreKind)
        async throws
    {
        let store = try await kind.storeWithApp()
        let stored = try material("mt_1", code: "7KQ4-M2P9-XWD3")
        try await store.insertMaterial(stored)
        #expect(try await store.material(id: "mt_1") == stored)
        #expect(try await store.material(code: "7KQ4-M2P9-XWD3") == stored)
        #expect(try await store.material(id: "mt_2") == nil)
        #expect(try await store.material(code: "XXXX-XXXX-XXXX") == nil)
    }

    @Test(arguments: StoreKind.allCases) func duplicateCodeIsRefused(_ kind: StoreKind) async throws {
        let store = try await kind.storeWithApp()
        try await store.insertMaterial(material("mt_1", code: "7KQ4-M2P9-XWD3"))
        await expectError(.invalidArgument, containing: "UNIQUE constraint failed") {
            try await store.insertMaterial(material("mt_2", code: "7KQ4-M2P9-XWD3"))
        }
        #expect(try await store.material(id: "mt_2") == nil)
    }

    @Test(arguments: StoreKind.allCases) func revokingAgainKeepsTheFirstTimeAndReason(_ kind: StoreKind) async throws {
        let store = try await kind.storeWithApp()
        let stored = try material("mt_1", code: "7KQ4-M2P9-XWD3")
        try await store.insertMaterial(stored)
        let first = try #require(
            try await store.revokeMaterial(id: "mt_1", reason: "企业申请撤销", at: t0.adding(seconds: 100)))
        #expect(first.revokedAt == t0.adding(seconds: 100))
        #expect(first.revocationReason == "企业申请撤销")
        #expect(first.record == stored.record && first.documents == stored.documents)
        let again = try await store.revokeMaterial(id: "mt_1", reason: "另一个原因", at: t0.adding(seconds: 200))
        #expect(again == first)
        #expect(try await store.material(code: "7KQ4-M2P9-XWD3") == first)
        #expect(try await store.revokeMaterial(id: "mt_9", reason: "x", at: t0) == nil)
    }
}
