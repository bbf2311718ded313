import CElicenseABI
import ELicenseCore
import ELicenseProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// Checks a 统一社会信用代码 offline against GB 32100-2015 and its GB 11714 organization code,
/// exactly as given (no trimming or case folding). Allocates nothing: the fast check for a form
/// field; elic_uscc_report says what is wrong in detail.
///
/// - code: NUL-terminated UTF-8, borrowed for the call.
///
/// Returns: ELIC_OK when valid; ELIC_E_INVALID_USCC when not (elic_last_error() says why, in
/// Chinese and English, naming the position and the expected check character);
/// ELIC_E_INVALID_ARGUMENT for a NULL code; ELIC_E_INVALID_UTF8.
/// Thread-safe. Since: 0.1.0
@c(elic_uscc_validate)
public func elicUSCCValidate(_ code: UnsafePointer<CChar>?) -> elic_status {
    // A valid code is checked in place, without a String or the guard's deadline (an offline
    // check of 18 bytes cannot block); anything else takes the guarded path for its message.
    if let code, strnlen(code, 19) == 18,
        code.withMemoryRebound(to: UInt8.self, capacity: 18, { USCCValidation.isValid(.init(start: $0, count: 18)) })
    {
        eabi_clear_last_error()
        return 0
    }
    return guarded { () throws(ELicenseError) in
        if let error = USCCValidation(try text(code, "code")).error { throw error }
    }
}

/// Checks a 统一社会信用代码 like elic_uscc_validate and reports the verdict as JSON, valid or
/// not: `{"input", "valid", "message", "problems": [{"name", "position", "expected",
/// "message_zh", "message_en"}], "suggestion", "parts"}`; `message` is elic_uscc_validate's
/// message ("" when valid).
///
/// - out: receives the report, freed by the caller with elic_free; NULL on failure.
/// - code: NUL-terminated UTF-8, borrowed for the call.
///
/// Returns: ELIC_OK whenever the code could be read, whatever the verdict;
/// ELIC_E_INVALID_ARGUMENT for a NULL out or code; ELIC_E_INVALID_UTF8.
/// Thread-safe. Since: 0.1.0
@c(elic_uscc_report)
public func elicUSCCReport(
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ code: UnsafePointer<CChar>?
) -> elic_status {
    guarded { () throws(ELicenseError) in
        let out = try output(out)
        let report = USCCReport(USCCValidation(try text(code, "code")))
        out.pointee = try ownedCString(String(decoding: try WireJSON.encode(report), as: UTF8.self))
    }
}
