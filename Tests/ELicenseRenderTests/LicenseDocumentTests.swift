import ELicenseCore
import Foundation
import Testing

@testable import ELicenseRender

@Suite struct LicenseDocumentTests {
    @Test func pdfCarriesTheFaceAsExtractableText() throws {
        let face = try sampleFace()
        let pdf = try LicenseDocument.pdf(face)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        let text = try ExternalTool.pdfText(pdf).replacingOccurrences(of: "\n", with: "")
        for expected in [
            face.license.name, face.license.uscc.value, face.license.businessScope, "统一社会信用代码",
            "经营范围", face.verificationCode, face.purpose, face.verifyURL, "长期", "500万元人民币",
            "2016年3月8日", "SM2", "沙箱样例 SANDBOX", face.issuerName, face.issuerDeployment,
        ] {
            #expect(text.contains(expected), "pdftotext lacks \(expected)")
        }
    }

    @Test func pdfEmbedsTheChineseFont() throws {
        let fonts = try ExternalTool.run(["pdffonts"], on: LicenseDocument.pdf(sampleFace()), suffix: "pdf")
        // name type… encoding emb sub uni object-id generation
        let rows = fonts.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ") }
        let cjk = rows.filter { $0.first?.contains("WenQuanYi") == true }
        #expect(!cjk.isEmpty, "no WenQuanYi font in:\n\(fonts)")
        #expect(cjk.allSatisfy { $0.count > 5 && $0[$0.count - 5] == "yes" }, "not embedded:\n\(fonts)")
    }

    @Test func pdfIsTheSameForTheSameFace() throws {
        let face = try sampleFace(isSandbox: false)
        #expect(try LicenseDocument.pdf(face) == LicenseDocument.pdf(face))
    }

    @Test func pngIsAPageWhoseQRCodeDecodesToTheVerifyURL() throws {
        let face = try sampleFace(state: .revoked)
        let png = try LicenseDocument.png(face)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1754 && height == 1240)  // A4 landscape at 150 dpi
        #expect((50_000...3_000_000).contains(png.count))
        #expect(try ExternalTool.decodeQR(png: png) == face.verifyURL)
    }

    @Test(arguments: [RegistrationState.subsisting, .movedOut, .revoked, .deregistered, .other("停业")])
    func everyStateRendersWithAReadableQRCode(_ state: RegistrationState) throws {
        var face = try sampleFace(state: state, isSandbox: false)
        face.verifyURL += "?s=\(state.code)"
        #expect(try ExternalTool.decodeQR(png: LicenseDocument.png(face)) == face.verifyURL)
        let text = try ExternalTool.pdfText(LicenseDocument.pdf(face))
        #expect(text.contains(state.rawValue))
        #expect(text.contains("非存续、在业状态") == !state.isInBusiness)
        #expect(!text.contains("沙箱"))
    }

    @Test func scopeOfAnyLengthStaysInsideThePage() throws {
        // From a one-liner to several times what any license carries: no word may overlap
        // another or leave the inner frame, and the QR code must stay readable.
        for scope in [
            "软件开发。", longBusinessScope, String(repeating: longBusinessScope, count: 3),
            String(repeating: longBusinessScope, count: 10),
        ] {
            var face = try sampleFace(state: .revoked, businessScope: scope)
            if scope.count > 5000 {  // and everything else long too
                face.license.name = String(repeating: "济南示例数字科技", count: 20) + "有限公司"
                face.license.address = String(repeating: "山东省济南市历下区经十路11111号", count: 12)
                face.purpose = String(repeating: "建设工程企业资质申请", count: 10)
                face.issuerName = String(repeating: "济南市政务服务电子营业执照验证前置系统", count: 5)
            }
            let words = try ExternalTool.pdfWords(LicenseDocument.pdf(face))
            #expect(words.count > 50)
            #expect(words.contains { $0.text.hasPrefix("济南示例数字科技") })
            for (index, word) in words.enumerated() {
                #expect(
                    word.xMin >= 22 && word.yMin >= 22 && word.xMax <= FacePage.width - 22
                        && word.yMax <= FacePage.height - 22, "\(word) outside the frame")
                for other in words[(index + 1)...] where word.overlaps(other, tolerance: 0.5) {
                    Issue.record("\(word.text) overlaps \(other.text) with a scope of \(scope.count) characters")
                }
            }
            #expect(try ExternalTool.decodeQR(png: LicenseDocument.png(face)) == face.verifyURL)
        }
    }

    @Test func realisticScopeIsPrintedInFull() throws {
        let scope = String(repeating: longBusinessScope, count: 3)  // about 1 800 characters
        let text = try ExternalTool.pdfText(LicenseDocument.pdf(sampleFace(businessScope: scope)))
        #expect(text.replacingOccurrences(of: "\n", with: "").contains(scope))
    }

    @Test func blankPurposeIsRefused() throws {
        var face = try sampleFace()
        face.purpose = "  "
        let error = try #require(throws: ELicenseError.self) { try LicenseDocument.pdf(face) }
        #expect(error.code == .invalidPurpose)
        #expect(throws: ELicenseError.self) { try LicenseDocument.png(face) }
    }

    @Test func verifyURLBeyondQRCapacityIsAnErrorNotACrash() throws {
        var face = try sampleFace()
        face.verifyURL = "https://example.gov.cn/" + String(repeating: "x", count: 5000)
        #expect(throws: ELicenseError.self) { try LicenseDocument.pdf(face) }
    }

    @Test func printedTextsFollowLicenseConventions() throws {
        var face = try sampleFace()
        #expect(face.capitalText == "500万元人民币")
        #expect(face.termText == "自 2016年3月8日 至 长期")
        // 08:30 UTC on 25 November is 16:30 the same day in Beijing; 20:00 UTC is the next day there.
        #expect(try face.watermarkText() == "仅供建设工程企业资质申请使用 2026年11月25日")
        #expect(try face.issuedAt.beijing().clock == "2026-11-25 16:30:00")
        face.issuedAt = try Timestamp(rfc3339: "2026-11-25T20:00:00Z")
        #expect(try face.watermarkText() == "仅供建设工程企业资质申请使用 2026年11月26日")
        face.license.registeredCapital = try Money(amount: "120.5", currency: "USD")
        face.license.operatingTo = try CivilDate("2046-03-07")
        #expect(face.capitalText == "120.5万美元")
        #expect(face.termText == "自 2016年3月8日 至 2046年3月7日")
        face.license.registeredCapital = nil
        #expect(face.capitalText == "—")
    }

    @Test func concurrentRendersAllSucceed() async throws {
        let face = try sampleFace()
        let outputs = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for index in 0..<8 {
                group.addTask {
                    let bytes = index.isMultiple(of: 2) ? try LicenseDocument.pdf(face) : try LicenseDocument.png(face)
                    return (index, bytes)
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(outputs.count == 8)
        for (index, bytes) in outputs {
            #expect(bytes.starts(with: index.isMultiple(of: 2) ? Array("%PDF-".utf8) : [0x89, 0x50, 0x4E, 0x47]))
        }
        // Concurrent renders draw the same page as a lone one.
        #expect(outputs[0] == (try LicenseDocument.pdf(face)))
        #expect(outputs[1] == (try LicenseDocument.png(face)))
        #expect(try ExternalTool.decodeQR(png: outputs[3] ?? []) == face.verifyURL)
    }
}
