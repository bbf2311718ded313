import CElicenseABI
import ELicenseCore
import ELicenseProtocol

/// Checks a 统一社会信用代码 offline against GB 32100-2015 and its GB 11714 organization code,
/// exactly as given (no trimming or case folding).
///
/// - out: may be NULL; otherwise receives a JSON report `{"input", "valid", "problems":
///   [{"name", "position", "expected", "message_zh", "message_en"}], "suggestion", "parts"}`,
///   on ELIC_OK and on ELIC_E_INVALID_USCC alike. The caller frees it with elic_free.
/// - code: NUL-terminated UTF-8, borrowed for the call.
///
/// Returns: ELIC_OK when valid; ELIC_E_INVALID_USCC when not (elic_last_error() says why, in
/// Chinese and English, naming the position and the expected check character);
/// ELIC_E_INVALID_ARGUMENT for a NULL code; ELIC_E_INVALID_UTF8.
/// Thread-safe. Since: 0.1.0
@c(elic_uscc_validate)
public func elicUSCCValidate(_ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                             _ code: UnsafePointer<CChar>?) -> elic_status {
    guarded { () throws(ELicenseError) in
        out?.pointee = nil
        let validation = USCCValidation(try text(code, "code"))
        if let out {
            out.pointee = try ownedCString(String(decoding: try WireJSON.encode(USCCReport(validation)), as: UTF8.self))
        }
        guard validation.isValid else {
            throw ELicenseError(.invalidUSCC, validation.problems.map { "\($0.chinese) (\($0.english))" }.joined(separator: "; "))
        }
    }
}
