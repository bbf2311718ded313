import ELicenseCore

/// The authentication headers of a request: who signed, when, with which nonce, and the signature.
public struct RequestSignature: Sendable, Hashable {
    public let appID: String
    public let keyID: String?
    public let timestamp: Int64
    public let nonce: String
    public let signature: String

    /// Signs a request as the application `appID`.
    public init(signing canonical: CanonicalRequest, with key: SigningKey) throws(ELicenseError) {
        appID = canonical.appID
        keyID = key.keyID
        timestamp = canonical.timestamp
        nonce = canonical.nonce
        signature = try key.sign(canonical.string)
    }

    /// Reads the headers of a received request; `header` looks a name up case-insensitively.
    public init(header: (String) -> String?) throws(ELicenseError) {
        typealias H = ProtocolV1.Header
        guard let appID = header(H.appID), let time = header(H.timestamp), let nonce = header(H.nonce),
            let signature = header(H.signature)
        else {
            throw ELicenseError(
                .unauthenticated, "missing one of \(H.appID), \(H.timestamp), \(H.nonce), \(H.signature)")
        }
        guard let timestamp = Int64(time), time.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw ELicenseError(.unauthenticated, "\(H.timestamp) must be Unix seconds")
        }
        self.appID = appID
        self.keyID = header(H.keyID)
        self.timestamp = timestamp
        self.nonce = nonce
        self.signature = signature
    }

    public var headers: [(name: String, value: String)] {
        typealias H = ProtocolV1.Header
        var out = [(H.appID, appID), (H.timestamp, String(timestamp)), (H.nonce, nonce), (H.signature, signature)]
        if let keyID { out.append((H.keyID, keyID)) }
        return out
    }
}

/// The signature headers of a response.
public struct ResponseSignature: Sendable, Hashable {
    public let requestID: String
    public let keyID: String?
    public let timestamp: Int64
    public let signature: String

    public init(signing canonical: CanonicalResponse, with key: SigningKey) throws(ELicenseError) {
        requestID = canonical.requestID
        keyID = key.keyID
        timestamp = canonical.timestamp
        signature = try key.sign(canonical.string)
    }

    public init(header: (String) -> String?) throws(ELicenseError) {
        typealias H = ProtocolV1.Header
        guard let requestID = header(H.requestID), let time = header(H.timestamp), let timestamp = Int64(time),
            let signature = header(H.signature)
        else {
            throw ELicenseError(
                .responseSignatureInvalid, "response lacks \(H.requestID), \(H.timestamp) or \(H.signature)")
        }
        self.requestID = requestID
        self.keyID = header(H.keyID)
        self.timestamp = timestamp
        self.signature = signature
    }

    /// Checks the response to the request that carried `requestNonce` against the pinned keys.
    public func verify(status: Int, requestNonce: String, body: [UInt8], trusted: TrustedKeys) throws(ELicenseError) {
        let canonical: CanonicalResponse
        do {
            canonical = try CanonicalResponse(
                status: status, requestNonce: requestNonce, requestID: requestID,
                timestamp: timestamp, body: body)
        } catch {
            throw ELicenseError(.responseSignatureInvalid, error.detail, requestID: requestID)
        }
        guard trusted.verify(canonical.string, signature: signature, keyID: keyID) else {
            throw ELicenseError(
                .responseSignatureInvalid,
                keyID.map { "no pinned front key \($0) verifies the response" }
                    ?? "no pinned front key verifies the response",
                requestID: requestID)
        }
    }

    public var headers: [(name: String, value: String)] {
        typealias H = ProtocolV1.Header
        var out = [(H.requestID, requestID), (H.timestamp, String(timestamp)), (H.signature, signature)]
        if let keyID { out.append((H.keyID, keyID)) }
        return out
    }
}
