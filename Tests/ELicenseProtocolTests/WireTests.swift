import ELicenseCore
import ELicenseCrypto
import Foundation
import Testing

@testable import ELicenseProtocol

@Suite struct WireTests {
    @Test func signedLicenseVerifiesAndDetectsTampering() throws {
        let issuer = try SigningKey(SM2PrivateKey())
        let keys = try TrustedKeys([issuer.privateKey.publicKey])
        let license = try sampleLicense()
        let at = try Timestamp(rfc3339: "2026-11-25T08:30:00Z")
        let value = try issuer.sign(CanonicalRecord.license(license, issuerKeyID: issuer.keyID, signedAt: at).string)
        let signed = SignedLicense(
            license: license, issuerSignature: Signature(keyID: issuer.keyID, signedAt: at, value: value))
        #expect(signed.verify(with: keys))

        let decoded = try WireJSON.decode(SignedLicense.self, from: try WireJSON.encode(signed))
        #expect(decoded.verify(with: keys))

        var tampered = signed
        tampered.license.state = .revoked
        #expect(!tampered.verify(with: keys))
        tampered = signed
        tampered.issuerSignature.signedAt = at.adding(seconds: 1)
        #expect(!tampered.verify(with: keys))
    }

    @Test func malformedBodiesGiveJSONErrorsWithThePath() {
        #expect { try WireJSON.decode(LoginRequest.self, from: Array("{".utf8)) } throws: {
            ($0 as? ELicenseError)?.code == .invalidJSON
        }
        #expect { try WireJSON.decode(LoginRequest.self, from: [0x7B, 0xFF, 0x7D]) } throws: {
            ($0 as? ELicenseError)?.code == .invalidUTF8
        }
        #expect { try WireJSON.decode(LoginRequest.self, from: Array(#"{"scope":["license"]}"#.utf8)) } throws: {
            ($0 as? ELicenseError)?.detail.contains("purpose") == true
        }
        #expect {
            try WireJSON.decode(LoginRequest.self, from: Array(#"{"purpose":"x","scope":["everything"]}"#.utf8))
        } throws: {
            ($0 as? ELicenseError)?.detail.contains("scope") == true
        }
    }

    @Test func unknownFieldsAreIgnored() throws {
        let request = try WireJSON.decode(LoginRequest.self, from: Array(#"{"purpose":"企业开办","future_field":1}"#.utf8))
        #expect(request.purpose == "企业开办")
    }

    @Test func errorBodyMapsBackToTheSameError() throws {
        let original = ELicenseError(.grantExpired, "granted until 2026-11-25T08:30:00Z")
        let body = ErrorBody(original, requestID: "rq_1")
        let back = try WireJSON.decode(ErrorBody.self, from: try WireJSON.encode(body)).failure
        #expect(back == ELicenseError(.grantExpired, "granted until 2026-11-25T08:30:00Z", requestID: "rq_1"))
        let text = String(decoding: try WireJSON.encode(body), as: UTF8.self)
        #expect(text.contains(#""message_zh":"企业授权已过期""#))
        #expect(text.contains(#""status":106"#))
    }

    @Test func unknownErrorCodeIsClassifiedByItsStatus() throws {
        let future =
            #"{"error":{"code":"grant_frozen","status":105,"message_zh":"冻结","message_en":"frozen","request_id":"rq_2"}}"#
        let failure = try WireJSON.decode(ErrorBody.self, from: Array(future.utf8)).failure
        #expect(failure.code == .grantInvalid)
        #expect(failure.detail.contains("grant_frozen"))
        let alien = #"{"error":{"code":"x","status":77777,"message_zh":"","message_en":"","request_id":"rq_3"}}"#
        #expect(try WireJSON.decode(ErrorBody.self, from: Array(alien.utf8)).failure.code == .badResponse)
    }

    @Test func loginCreatedCarriesTheConfirmationCodeAndToleratesAFrontWithout() throws {
        let created = LoginCreated(
            loginID: "lg_0e4bac1cd1c8c8305bf654b8f51a7b7c", qrContent: "https://f.example/sandbox/?t=tk_1",
            qrPNG: nil, qrSVG: nil, expiresAt: try Timestamp(rfc3339: "2026-11-25T08:35:00Z"), interval: 2,
            confirmationCode: "0427")
        let json = try WireJSON.encode(created)
        #expect(String(decoding: json, as: UTF8.self).contains(#""confirmation_code":"0427""#))
        #expect(try WireJSON.decode(LoginCreated.self, from: json) == created)
        let older = #"{"login_id":"lg_1","qr_content":"x","expires_at":"2026-11-25T08:35:00Z","interval":2}"#
        #expect(try WireJSON.decode(LoginCreated.self, from: Array(older.utf8)).confirmationCode == nil)
    }
}
