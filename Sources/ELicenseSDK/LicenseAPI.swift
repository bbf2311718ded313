import CElicenseABI
import ELicenseClient
import ELicenseCore
import ELicenseProtocol

/// License data with its verified issuer signature and the subject of the grant.
final class LicenseHandle {
    let response: LicenseResponse
    let strings = CStrings()
    let fields: [UnsafePointer<CChar>?]
    let jsonC: UnsafePointer<CChar>?

    init(_ response: LicenseResponse) throws(ELicenseError) {
        self.response = response
        let strings = self.strings
        fields = response.signedLicense.license.canonicalFields.map { strings.lend($0.value) }
        jsonC = strings.lend(String(decoding: try WireJSON.encode(response), as: UTF8.self))
    }
}

/// Fetches the license data (照面信息) of the enterprise behind `grant`, and checks the
/// issuer's SM2 signature over it with the issuer keys the front publishes.
///
/// - out: receives the license, the caller's to free with elic_license_free; NULL on failure.
/// - grant: the token from elic_login_grant(), possibly kept from an earlier request.
///
/// Returns: ELIC_OK — also for an enterprise whose 登记状态 is 吊销, 注销 or 迁出: read
/// elic_license_state() and decide; ELIC_E_GRANT_MISSING, _GRANT_INVALID, _GRANT_EXPIRED,
/// _SCOPE_DENIED; ELIC_E_ENTERPRISE_NOT_FOUND; ELIC_E_UPSTREAM_FAILED, _UPSTREAM_TIMEOUT;
/// ELIC_E_RESPONSE_SIGNATURE_INVALID (the front's or the issuer's signature does not verify);
/// other network and security statuses. Retried on transient failures. Thread-safe.
/// Since: 0.1.0
@c(elic_license_fetch)
public func elicLicenseFetch(_ out: UnsafeMutablePointer<UnsafeMutablePointer<elic_license>?>?,
                             _ client: UnsafeMutablePointer<elic_client>?, _ grant: UnsafePointer<CChar>?) -> elic_status {
    guarded { () throws(ELicenseError) in
        let out = try output(out)
        let response = try clientHandle(client).license(grant: try text(grant, "grant"))
        out.pointee = Handle.make(try LicenseHandle(response), as: elic_license.self)
    }
}

/// One field of the license as text, by ELIC_LICENSE_* field number (ELIC_LICENSE_UNISCID …
/// ELIC_LICENSE_REGSTATE); dates are YYYY-MM-DD, registered capital a decimal in 万 of the
/// ISO 4217 currency of ELIC_LICENSE_REGCAPCUR.
///
/// Returns: borrowed from `license`; NULL for a field that is empty (opto NULL means 长期, no
/// fixed term; regcap/regcapcur NULL: no registered capital), an unknown field number or a NULL
/// license. Since: 0.1.0
@c(elic_license_get)
public func elicLicenseGet(_ license: UnsafePointer<elic_license>?, _ field: Int32) -> UnsafePointer<CChar>? {
    guard let handle = Handle.object(license, as: LicenseHandle.self), handle.fields.indices.contains(Int(field) - 1) else { return nil }
    return handle.fields[Int(field) - 1]
}

/// 登记状态: ELIC_STATE_SUBSISTING (存续), _OPERATING (在业), _MOVED_OUT (迁出), _REVOKED (吊销),
/// _DEREGISTERED (注销), or ELIC_STATE_OTHER (0, text in ELIC_LICENSE_REGSTATE); -1 for NULL.
/// Since: 0.1.0
@c(elic_license_state)
public func elicLicenseState(_ license: UnsafePointer<elic_license>?) -> Int32 {
    Handle.object(license, as: LicenseHandle.self)?.response.signedLicense.license.state.code ?? -1
}

/// 1 when the 登记状态 is 存续 or 在业 (ELIC_STATE_SUBSISTING, _OPERATING: the enterprise may do
/// business); 0 for 吊销, 注销, 迁出, any other state, and a NULL license. Check it before
/// accepting the license for a matter. Since: 0.1.0
@c(elic_license_in_business)
public func elicLicenseInBusiness(_ license: UnsafePointer<elic_license>?) -> Int32 {
    Handle.object(license, as: LicenseHandle.self)?.response.signedLicense.license.state.isInBusiness == true ? 1 : 0
}

/// The license response as protocol v1 JSON (`{"signed_license", "subject"}`, with the
/// regulator's field names). Borrowed from `license`. Since: 0.1.0
@c(elic_license_json)
public func elicLicenseJSON(_ license: UnsafePointer<elic_license>?) -> UnsafePointer<CChar>? {
    Handle.object(license, as: LicenseHandle.self)?.jsonC
}

/// Frees a license. NULL is a no-op; anything but a live license (a handle of another kind, a
/// license already freed) is a no-op that sets elic_last_error(). Since: 0.1.0
@c(elic_license_free)
public func elicLicenseFree(_ license: UnsafeMutablePointer<elic_license>?) {
    Handle.release(license, as: LicenseHandle.self, by: "elic_license_free")
}
