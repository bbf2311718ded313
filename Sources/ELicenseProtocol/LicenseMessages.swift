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
    /// License data of a production rehearsal (演练, docs/upstream.md §9): fictional enterprises
    /// signed by a rehearsal issuer key. Every document made from it is marked 演练 REHEARSAL.
    /// On the wire `"rehearsal": true`, absent otherwise.
    public var isRehearsal: Bool

    public init(license: License, issuerSignature: Signature, isRehearsal: Bool = false) {
        self.license = license
        self.issuerSignature = issuerSignature
        self.isRehearsal = isRehearsal
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        license = try c.decode(License.self, forKey: .license)
        issuerSignature = try c.decode(Signature.self, forKey: .issuerSignature)
        isRehearsal = try c.decodeIfPresent(Bool.self, forKey: .isRehearsal) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(license, forKey: .license)
        try c.encode(issuerSignature, forKey: .issuerSignature)
        if isRehearsal { try c.encode(true, forKey: .isRehearsal) }
    }

    public var canonical: CanonicalRecord {
        .license(license, issuerKeyID: issuerSignature.keyID, signedAt: issuerSignature.signedAt)
    }

    /// Whether the issuer signature verifies with one of `issuerKeys`.
    public func verify(with issuerKeys: TrustedKeys) -> Bool {
        issuerKeys.verify(canonical.string, signature: issuerSignature.value, keyID: issuerSignature.keyID)
    }

    enum CodingKeys: String, CodingKey {
        case license, issuerSignature = "issuer_signature", isRehearsal = "rehearsal"
    }
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
