import ELicenseCore
import ELicenseProtocol
import ELicenseRender
import ELicenseStore
import Foundation

/// Turns verified license data into a stored, signed material: rendered documents, their
/// digests, and the front's signature over the ELIC-MATERIAL-V1 record.
struct MaterialFactory: Sendable {
    let frontKey: SigningKey
    let frontName: String
    /// Level and region, printed under the front's name.
    let deployment: String
    let baseURL: String
    let validityDays: Int
    let isSandbox: Bool
    /// Where documents (and login QR codes) are drawn: off the threads that run tasks.
    var renderer = RenderQueue()

    /// Renders only the document `format` names (`pdf` or `png`): a call pays for the one it
    /// asked for (the PNG's rasterising and compression cost several times the PDF).
    func make(license: SignedLicense, appID: String, purpose: String, format: String, now: Timestamp)
        async throws(ELicenseError) -> StoredMaterial
    {
        let id = try Identifiers.material()
        let code = try Identifiers.verificationCode()
        let expiresAt = now.adding(seconds: Int64(validityDays) * 86_400)
        let verifyURL = "\(baseURL)/verify?code=\(code)"
        let face = LicenseFace(
            license: license.license, purpose: purpose, verificationCode: code, verifyURL: verifyURL,
            issuedAt: now, expiresAt: expiresAt, issuerName: frontName,
            issuerDeployment: deployment, isSandbox: isSandbox, isRehearsal: license.isRehearsal)
        let documents = try await renderer.run { () throws(ELicenseError) in
            [format: try format == "png" ? LicenseDocument.png(face) : LicenseDocument.pdf(face)]
        }
        let described = try documents.keys.sorted().map { format throws(ELicenseError) in
            let bytes = documents[format] ?? []
            return MaterialDocument(
                format: format, contentType: Self.contentType(format), size: bytes.count,
                sm3: try Digest.sm3Hex(bytes))
        }
        var record = MaterialRecord(
            id: id, code: code, appID: appID, purpose: purpose, issuedAt: now, expiresAt: expiresAt,
            signedLicense: license, documents: described, verifyURL: verifyURL, state: .valid,
            signature: Signature(keyID: frontKey.keyID, signedAt: now, value: ""))
        record.signature.value = try frontKey.sign(try record.canonical().string)
        return StoredMaterial(record: record, documents: documents, revokedAt: nil, revocationReason: nil)
    }

    static func contentType(_ format: String) -> String { format == "pdf" ? "application/pdf" : "image/png" }

    /// The code in a verification link printed as a material's QR code.
    static func code(inVerifyURL text: String) -> String? {
        URLComponents(string: text)?.queryItems?.first { $0.name == "code" }?.value
    }
}
