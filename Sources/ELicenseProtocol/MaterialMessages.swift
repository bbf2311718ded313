import ELicenseCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `POST /v1/materials`: the one call that replaces uploading a scan of the paper license.
public struct MaterialRequest: Codable, Sendable, Equatable {
    public var grant: String
    /// The matter being handled; printed in the watermark and kept in the record.
    public var purpose: String
    /// Which rendered document to return inline: `pdf` (default), `png` or `none`.
    public var format: String?

    public init(grant: String, purpose: String, format: String? = nil) {
        self.grant = grant
        self.purpose = purpose
        self.format = format
    }
}

/// One rendered document of a material.
public struct MaterialDocument: Codable, Sendable, Equatable {
    public var format: String
    public var contentType: String
    public var size: Int
    /// Lower-case hex SM3 of the document bytes.
    public var sm3: String

    public init(format: String, contentType: String, size: Int, sm3: String) {
        self.format = format
        self.contentType = contentType
        self.size = size
        self.sm3 = sm3
    }

    enum CodingKeys: String, CodingKey { case format, size, sm3, contentType = "content_type" }
}

/// Validity of a material at the time it was asked.
public enum MaterialState: String, Codable, Sendable, CaseIterable {
    case valid, revoked, expired, unknown

    public var code: Int32 {
        switch self {
        case .valid: 1
        case .revoked: 2
        case .expired: 3
        case .unknown: 0
        }
    }
}

/// A stored, verifiable record of license material issued to an application.
public struct MaterialRecord: Codable, Sendable, Equatable {
    public var id: String
    /// Short verification code printed on the document, e.g. `7KQ4-M2P9-XWD3`.
    public var code: String
    public var appID: String
    public var purpose: String
    public var issuedAt: Timestamp
    public var expiresAt: Timestamp
    public var signedLicense: SignedLicense
    public var documents: [MaterialDocument]
    /// Where a person can check the material (also encoded in the document's QR code).
    public var verifyURL: String
    public var state: MaterialState
    /// The front's signature over ``canonical``.
    public var signature: Signature

    public init(
        id: String, code: String, appID: String, purpose: String, issuedAt: Timestamp, expiresAt: Timestamp,
        signedLicense: SignedLicense, documents: [MaterialDocument], verifyURL: String, state: MaterialState,
        signature: Signature
    ) {
        self.id = id
        self.code = code
        self.appID = appID
        self.purpose = purpose
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.signedLicense = signedLicense
        self.documents = documents
        self.verifyURL = verifyURL
        self.state = state
        self.signature = signature
    }

    public func canonical() throws(ELicenseError) -> CanonicalRecord {
        .material(
            id: id, code: code, appID: appID, purpose: purpose, issuedAt: issuedAt, expiresAt: expiresAt,
            verifyURL: verifyURL, keyID: signature.keyID, signedAt: signature.signedAt,
            licenseSM3: try Digest.sm3Hex(signedLicense.canonical.string), documents: documents)
    }

    /// `bytes` if they are the `format` document whose SM3 digest this record signs; a document
    /// that differs was altered on the way and is refused.
    public func checked(document bytes: [UInt8], format: String) throws(ELicenseError) -> [UInt8] {
        guard let described = documents.first(where: { $0.format == format }) else {
            throw ELicenseError(.invalidArgument, "material has no \(format) document")
        }
        guard try Digest.sm3Hex(bytes) == described.sm3 else {
            throw ELicenseError(
                .responseSignatureInvalid, "the \(format) document differs from the signed material record")
        }
        return bytes
    }

    enum CodingKeys: String, CodingKey {
        case id, code, purpose, documents, state, signature
        case appID = "app_id", issuedAt = "issued_at", expiresAt = "expires_at"
        case signedLicense = "signed_license", verifyURL = "verify_url"
    }
}

/// `201` answer to `POST /v1/materials`.
public struct MaterialIssued: Codable, Sendable, Equatable {
    public var material: MaterialRecord
    /// Base64 of the requested document (absent for `format: none`).
    public var document: String?

    public init(material: MaterialRecord, document: String?) {
        self.material = material
        self.document = document
    }

    /// The inline document, decoded and checked against the signed record.
    public func verifiedDocument(format: String) throws(ELicenseError) -> [UInt8] {
        guard let document, let data = Data(base64Encoded: document) else {
            throw ELicenseError(.badResponse, "no \(format) document in the answer")
        }
        return try material.checked(document: Array(data), format: format)
    }
}

/// `POST /v1/materials/verify`: exactly one of the three.
public struct VerifyRequest: Codable, Sendable, Equatable {
    public var id: String?
    public var code: String?
    /// The text of a QR code scanned from a material document.
    public var qrPayload: String?

    public init(id: String? = nil, code: String? = nil, qrPayload: String? = nil) {
        self.id = id
        self.code = code
        self.qrPayload = qrPayload
    }

    enum CodingKeys: String, CodingKey { case id, code, qrPayload = "qr_payload" }
}

/// `200` answer to `POST /v1/materials/verify` and `GET /v1/materials/{id}`.
public struct VerifyResult: Codable, Sendable, Equatable {
    public var state: MaterialState
    public var material: MaterialRecord?
    public var revokedAt: Timestamp?
    public var revocationReason: String?

    public init(
        state: MaterialState, material: MaterialRecord? = nil, revokedAt: Timestamp? = nil,
        revocationReason: String? = nil
    ) {
        self.state = state
        self.material = material
        self.revokedAt = revokedAt
        self.revocationReason = revocationReason
    }

    enum CodingKeys: String, CodingKey {
        case state, material, revokedAt = "revoked_at", revocationReason = "revocation_reason"
    }
}

/// `POST /v1/materials/{id}/revoke`
public struct RevokeRequest: Codable, Sendable, Equatable {
    public var reason: String

    public init(reason: String) { self.reason = reason }
}
