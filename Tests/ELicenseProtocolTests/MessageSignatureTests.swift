import ELicenseCore
import ELicenseCrypto
import Testing

@testable import ELicenseProtocol

@Suite struct MessageSignatureTests {
    let body = Array(#"{"purpose":"企业开办"}"#.utf8)

    func signed(
        key: SigningKey, method: String = "POST", target: String = "/v1/logins", timestamp: Int64 = 1_764_059_400,
        nonce: String = "0123456789abcdef0123456789abcdef", appID: String = "app-1", body: [UInt8]? = nil
    ) throws -> [String: String] {
        let canonical = try CanonicalRequest(
            method: method, target: target, timestamp: timestamp, nonce: nonce,
            appID: appID, body: body ?? self.body)
        return Dictionary(
            uniqueKeysWithValues: try RequestSignature(signing: canonical, with: key).headers.map {
                ($0.name.lowercased(), $0.value)
            })
    }

    /// What the front does with a received request.
    func frontAccepts(
        _ headers: [String: String], method: String = "POST", target: String = "/v1/logins",
        body: [UInt8]? = nil, trusted: TrustedKeys
    ) throws -> Bool {
        let received = try RequestSignature { headers[$0.lowercased()] }
        let canonical = try CanonicalRequest(
            method: method, target: target, timestamp: received.timestamp,
            nonce: received.nonce, appID: received.appID, body: body ?? self.body)
        return trusted.verify(canonical.string, signature: received.signature, keyID: received.keyID)
    }

    @Test func signedRequestVerifiesAtTheFront() throws {
        let key = try SigningKey(SM2PrivateKey())
        let trusted = try TrustedKeys([key.privateKey.publicKey])
        let headers = try signed(key: key)
        #expect(headers["x-elic-key-id"] == key.keyID)
        #expect(try frontAccepts(headers, trusted: trusted))
    }

    @Test func everySignedPartIsBound() throws {
        let key = try SigningKey(SM2PrivateKey())
        let trusted = try TrustedKeys([key.privateKey.publicKey])
        let headers = try signed(key: key)
        #expect(try !frontAccepts(headers, method: "PUT", trusted: trusted))
        #expect(try !frontAccepts(headers, target: "/v1/logins?x", trusted: trusted))
        #expect(try !frontAccepts(headers, body: Array(#"{"purpose":"企业注销"}"#.utf8), trusted: trusted))
        for (header, value) in [
            ("x-elic-timestamp", "1764059401"), ("x-elic-nonce", "0123456789abcdef0123456789abcdee"),
            ("x-elic-app-id", "app-2"),
        ] {
            var tampered = headers
            tampered[header] = value
            #expect(try !frontAccepts(tampered, trusted: trusted), "\(header) not bound")
        }
    }

    @Test func keyChangeoverAcceptsBothKeysAndOnlyThem() throws {
        let old = try SigningKey(SM2PrivateKey()), new = try SigningKey(SM2PrivateKey()),
            stranger = try SigningKey(SM2PrivateKey())
        let trusted = try TrustedKeys([old.privateKey.publicKey, new.privateKey.publicKey])
        #expect(try frontAccepts(signed(key: old), trusted: trusted))
        #expect(try frontAccepts(signed(key: new), trusted: trusted))
        #expect(try !frontAccepts(signed(key: stranger), trusted: trusted))
        var withoutKeyID = try signed(key: new)
        withoutKeyID.removeValue(forKey: "x-elic-key-id")
        #expect(try frontAccepts(withoutKeyID, trusted: trusted))  // tries each key
        var wrongKeyID = try signed(key: new)
        wrongKeyID["x-elic-key-id"] = old.keyID
        #expect(try !frontAccepts(wrongKeyID, trusted: trusted))
    }

    @Test func missingOrMalformedHeadersAreUnauthenticated() throws {
        let headers = try signed(key: SigningKey(SM2PrivateKey()))
        for missing in ["x-elic-app-id", "x-elic-timestamp", "x-elic-nonce", "x-elic-signature"] {
            var partial = headers
            partial.removeValue(forKey: missing)
            #expect { try RequestSignature { partial[$0.lowercased()] } } throws: {
                ($0 as? ELicenseError)?.code == .unauthenticated
            }
        }
        for bad in ["-5", "1.5", "", "１"] {
            var partial = headers
            partial["x-elic-timestamp"] = bad
            #expect { try RequestSignature { partial[$0.lowercased()] } } throws: {
                ($0 as? ELicenseError)?.code == .unauthenticated
            }
        }
    }

    @Test func garbageSignaturesNeverVerify() throws {
        let key = try SigningKey(SM2PrivateKey())
        let trusted = try TrustedKeys([key.privateKey.publicKey])
        for junk in ["", "not base64!", "AAAA", String(repeating: "A", count: 96)] {
            var headers = try signed(key: key)
            headers["x-elic-signature"] = junk
            #expect(try !frontAccepts(headers, trusted: trusted))
        }
    }

    @Test func responseSignatureBindsStatusNonceAndBody() throws {
        let front = try SigningKey(SM2PrivateKey())
        let pinned = try TrustedKeys([front.privateKey.publicKey])
        let nonce = "0123456789abcdef0123456789abcdef"
        let canonical = try CanonicalResponse(
            status: 200, requestNonce: nonce, requestID: "rq_1", timestamp: 5, body: body)
        let headers = Dictionary(
            uniqueKeysWithValues: try ResponseSignature(signing: canonical, with: front).headers.map {
                ($0.name, $0.value)
            })
        let received = try ResponseSignature { headers[$0] }
        try received.verify(status: 200, requestNonce: nonce, body: body, trusted: pinned)

        func rejects(_ check: () throws -> Void) {
            #expect { try check() } throws: { ($0 as? ELicenseError)?.code == .responseSignatureInvalid }
        }
        rejects { try received.verify(status: 201, requestNonce: nonce, body: body, trusted: pinned) }
        rejects {
            try received.verify(
                status: 200, requestNonce: "ffffffffffffffffffffffffffffffff", body: body, trusted: pinned)
        }
        rejects { try received.verify(status: 200, requestNonce: nonce, body: Array("{}".utf8), trusted: pinned) }
        rejects {
            try received.verify(
                status: 200, requestNonce: nonce, body: body, trusted: TrustedKeys([SM2PrivateKey().publicKey]))
        }
        rejects { _ = try ResponseSignature { headers[$0 == ProtocolV1.Header.signature ? "none" : $0] } }
    }
}
