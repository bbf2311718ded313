import ELicenseCore

/// `POST /v1/license`: the grant travels in the signed body, never in a URL or a log line.
public struct LicenseRequest: Codable, Sendable, Equatable {
    public var grant: String

    public init(grant: String) { self.grant = grant }
}

/// A signature by a named key at a time.
public struct Signature: Codable, Sendable, Equatable {
    public var keyID: String
    public var signedAt: Timestamp
    /// Base64 DER SM2-with-SM3 signature.
    public var value: String

    public init(keyID: String, signedAt: Timestamp, value: String) {
        self.keyID = keyID
        self.signedAt = signedAt
        self.value = value
    }

    enum CodingKeys: String, CodingKey { case value, keyID = "key_id", signedAt = "signed_at" }
}

/// License data with the issuer's signature over ``CanonicalRecord/license(_:issuerKeyID:signedAt:)``,
/// verifiable offline with the issuer keys of `GET /v1/keys`.
public struct SignedLicense: Codable, Sendable, Equatable {
    public var license: License
    public var issuerSignature: Signature

    public init(license: License, issuerSignature: Signature) {
        self.license = license
        self.issuerSignature = issuerSignature
    }

    public var canonical: CanonicalRecord {
        .license(license, issuerKeyID: issuerSignature.keyID, signedAt: issuerSignature.signedAt)
    }

    /// Whether the issuer signature verifies with one of `issuerKeys`.
    public func verify(with issuerKeys: TrustedKeys) -> Bool {
        issuerKeys.verify(canonical.string, signature: issuerSignature.value, keyID: issuerSignature.keyID)
    }

    enum CodingKeys: String, CodingKey { case license, issuerSignature = "issuer_signature" }
}

/// `200` answer to `POST /v1/license`.
public struct LicenseResponse: Codable, Sendable, Equatable {
    public var signedLicense: SignedLicense
    public var subject: Subject

    public init(signedLicense: SignedLicense, subject: Subject) {
        self.signedLicense = signedLicense
        self.subject = subject
    }

    enum CodingKeys: String, CodingKey { case subject, signedLicense = "signed_license" }
}
