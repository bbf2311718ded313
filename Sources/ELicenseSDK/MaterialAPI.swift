import CElicenseABI
import ELicenseClient
import ELicenseCore
import ELicenseProtocol
#if canImport(Glibc)
import Glibc
#endif

/// Issued material: its signed record and the document fetched with it.
final class MaterialHandle {
    let record: MaterialRecord
    let document: [UInt8]
    let strings = CStrings()
    let idC, codeC, urlC, jsonC: UnsafePointer<CChar>?
    let documentC: UnsafePointer<UInt8>?

    init(_ record: MaterialRecord, document: [UInt8]) throws(ELicenseError) {
        self.record = record
        self.document = document
        idC = strings.lend(record.id)
        codeC = strings.lend(record.code)
        urlC = strings.lend(record.verifyURL)
        jsonC = strings.lend(String(decoding: try WireJSON.encode(record), as: UTF8.self))
        documentC = strings.lend(bytes: document)
    }
}

/// The one call that replaces uploading a scan of the paper license: the front issues license
/// material for the enterprise behind `grant` — a stored, SM2-signed record with the license
/// data and a rendered document of the license face (PDF or PNG) watermarked with `purpose`
/// and carrying a verification code and QR code.
///
/// - out: receives the material, the caller's to free with elic_material_free.
/// - grant: from elic_login_grant(); purpose: the matter being handled (办理事项).
/// - format: "pdf" or "png" (NULL means "pdf").
/// The document's SM3 digest is checked against the signed record before this returns.
///
/// Returns: ELIC_OK; ELIC_E_INVALID_PURPOSE; the grant statuses of elic_license_fetch;
/// ELIC_E_RESPONSE_SIGNATURE_INVALID; network and security statuses. Not retried (each call
/// issues a new material). Thread-safe. Since: 0.1.0
@c(elic_material_issue)
public func elicMaterialIssue(_ out: UnsafeMutablePointer<UnsafeMutablePointer<elic_material>?>?,
                              _ client: UnsafeMutablePointer<elic_client>?, _ grant: UnsafePointer<CChar>?,
                              _ purpose: UnsafePointer<CChar>?, _ format: UnsafePointer<CChar>?) -> elic_status {
    guarded { () throws(ELicenseError) in
        let out = try output(out)
        let handle = try clientHandle(client)
        let kind = format == nil ? "pdf" : try text(format, "format")
        guard kind == "pdf" || kind == "png" else { throw ELicenseError(.invalidArgument, "format must be \"pdf\" or \"png\"") }
        let issued = try handle.issueMaterial(MaterialRequest(grant: try text(grant, "grant"), purpose: try text(purpose, "purpose"),
                                                              format: kind))
        out.pointee = Handle.make(try MaterialHandle(issued.material, document: try issued.verifiedDocument(format: kind)),
                                  as: elic_material.self)
    }
}

private func material(_ pointer: UnsafePointer<elic_material>?) -> MaterialHandle? { Handle.object(pointer, as: MaterialHandle.self) }

/// The material id (mt_…). Borrowed from `material`; NULL for NULL. Since: 0.1.0
@c(elic_material_id)
public func elicMaterialID(_ material: UnsafePointer<elic_material>?) -> UnsafePointer<CChar>? { ELicenseSDK.material(material)?.idC }

/// The verification code printed on the document (XXXX-XXXX-XXXX). Borrowed. Since: 0.1.0
@c(elic_material_code)
public func elicMaterialCode(_ material: UnsafePointer<elic_material>?) -> UnsafePointer<CChar>? { ELicenseSDK.material(material)?.codeC }

/// Where a person verifies the material (also its QR code). Borrowed. Since: 0.1.0
@c(elic_material_verify_url)
public func elicMaterialVerifyURL(_ material: UnsafePointer<elic_material>?) -> UnsafePointer<CChar>? { ELicenseSDK.material(material)?.urlC }

/// Until when the material is valid, in Unix seconds; 0 for NULL. Since: 0.1.0
@c(elic_material_expires_at)
public func elicMaterialExpiresAt(_ material: UnsafePointer<elic_material>?) -> Int64 {
    ELicenseSDK.material(material)?.record.expiresAt.secondsSince1970 ?? 0
}

/// 1 when the license the material was issued on (its signed record always carries the
/// license data) was in business — 登记状态 存续 or 在业 — at issue; 0 otherwise and for NULL.
/// Since: 0.1.0
@c(elic_material_in_business)
public func elicMaterialInBusiness(_ material: UnsafePointer<elic_material>?) -> Int32 {
    ELicenseSDK.material(material)?.record.signedLicense.license.state.isInBusiness == true ? 1 : 0
}

/// The document bytes (PDF or PNG as requested); `*len` receives the size. Borrowed from
/// `material`; NULL (and 0) for NULL. Since: 0.1.0
@c(elic_material_document)
public func elicMaterialDocument(_ material: UnsafePointer<elic_material>?, _ len: UnsafeMutablePointer<UInt>?) -> UnsafePointer<UInt8>? {
    let handle = ELicenseSDK.material(material)
    len?.pointee = UInt(handle?.document.count ?? 0)
    return handle?.documentC
}

/// The signed material record as protocol v1 JSON (MaterialRecord, docs/protocol.md §4.6), to
/// store in place of the scanned image. Borrowed from `material`. Since: 0.1.0
@c(elic_material_json)
public func elicMaterialJSON(_ material: UnsafePointer<elic_material>?) -> UnsafePointer<CChar>? { ELicenseSDK.material(material)?.jsonC }

/// Writes the document to `path` (created or replaced, mode 0644).
///
/// Returns: ELIC_OK; ELIC_E_INVALID_ARGUMENT; ELIC_E_INVALID_UTF8; ELIC_E_IO_ERROR with the
/// system's reason. Since: 0.1.0
@c(elic_material_save)
public func elicMaterialSave(_ material: UnsafePointer<elic_material>?, _ path: UnsafePointer<CChar>?) -> elic_status {
    guarded { () throws(ELicenseError) in
        guard let handle = ELicenseSDK.material(material) else { throw ELicenseError(.invalidArgument, "material must not be NULL") }
        try SecureFile.create(try text(path, "path"), bytes: handle.document, replace: true, mode: 0o644)
    }
}

/// Verifies a material by its verification code, its id (mt_…) or the text of its QR code.
///
/// - out: receives ELIC_MATERIAL_VALID, _REVOKED, _EXPIRED or _UNKNOWN.
///
/// Returns: ELIC_OK whatever the verdict; ELIC_E_INVALID_ARGUMENT; network and security
/// statuses. Thread-safe. Since: 0.1.0
@c(elic_material_verify)
public func elicMaterialVerify(_ out: UnsafeMutablePointer<Int32>?, _ client: UnsafeMutablePointer<elic_client>?,
                               _ reference: UnsafePointer<CChar>?) -> elic_status {
    guarded { () throws(ELicenseError) in
        guard let out else { throw ELicenseError(.invalidArgument, "out must not be NULL") }
        out.pointee = MaterialState.unknown.code
        let handle = try clientHandle(client)
        let given = try text(reference, "reference")
        let request = given.hasPrefix("mt_") ? VerifyRequest(id: given)
            : given.contains("://") ? VerifyRequest(qrPayload: given) : VerifyRequest(code: given)
        out.pointee = try handle.verify(request).state.code
    }
}

/// Frees a material. NULL is a no-op; anything but a live material (a handle of another kind, a
/// material already freed) is a no-op that sets elic_last_error(). Since: 0.1.0
@c(elic_material_free)
public func elicMaterialFree(_ material: UnsafeMutablePointer<elic_material>?) {
    Handle.release(material, as: MaterialHandle.self, by: "elic_material_free")
}
