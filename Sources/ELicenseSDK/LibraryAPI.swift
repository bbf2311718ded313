import CElicenseABI
import ELicenseCore
#if canImport(Glibc)
import Glibc
#endif

/// Texts that live as long as the process: created once, never freed, never written after
/// initialisation — hence `nonisolated(unsafe)` below is sound.
private func permanent(_ text: String) -> UnsafePointer<CChar> {
    strdup(text).map { UnsafePointer($0) } ?? fallbackText
}
private let fallbackStatic: StaticString = "?"
nonisolated(unsafe) private let fallbackText = UnsafeRawPointer(fallbackStatic.utf8Start).assumingMemoryBound(to: CChar.self)

nonisolated(unsafe) private let statusTexts: [Int32: UnsafePointer<CChar>] = {
    var texts: [Int32: UnsafePointer<CChar>] = [0: permanent("ELIC_OK: 成功 (success)")]
    for code in ErrorCode.allCases {
        texts[code.status] = permanent("ELIC_E_\(code.constantSuffix): \(code.chinese) (\(code.english))")
    }
    return texts
}()
nonisolated(unsafe) private let unknownStatus = permanent("unknown status (未知状态码)")
nonisolated(unsafe) private let versionText = permanent(ELicenseVersion.string)

/// The library's version, e.g. "0.1.0".
///
/// Returns: a static string, never NULL. Thread-safe.
/// Since: 0.1.0
@c(elic_version)
public func elicVersion() -> UnsafePointer<CChar> { versionText }

/// The library's ABI version; a binding built for another ABI version must refuse to load.
///
/// Since: 0.1.0
@c(elic_abi_version)
public func elicABIVersion() -> Int32 { ELicenseVersion.abi }

/// Frees a string or buffer the library returned through a `char **` or `uint8_t **`
/// out-parameter. NULL is a no-op.
///
/// Since: 0.1.0
@c(elic_free)
public func elicFree(_ pointer: UnsafeMutableRawPointer?) { free(pointer) }

/// Sets the longest any later call on the calling thread may take, in milliseconds: all its
/// attempts, the pauses between them and the waits of elic_login_wait included. It only
/// shortens: a call never takes longer than the client's own timeout_ms (and elic_login_wait
/// its timeout_ms argument) allow. A call that reaches it returns ELIC_E_TIMEOUT. 0 restores
/// the client's configuration. Thread-local: set it around a call, e.g. per web request.
///
/// Returns: ELIC_OK; ELIC_E_INVALID_ARGUMENT for a negative ms (the limit is left as it was).
/// Since: 0.1.0
@c(elic_set_call_timeout_ms)
public func elicSetCallTimeoutMS(_ ms: Int64) -> elic_status {
    guarded { () throws(ELicenseError) in
        guard ms >= 0 else { throw ELicenseError(.invalidArgument, "ms must not be negative") }
        eabi_set_call_timeout_ms(ms)
    }
}

/// The name and bilingual description of a status, e.g. "ELIC_E_TIMEOUT: 请求超时 (request timed out)".
///
/// Returns: a static string, never NULL, also for statuses this version does not know.
/// Thread-safe. Since: 0.1.0
@c(elic_status_str)
public func elicStatusStr(_ status: elic_status) -> UnsafePointer<CChar> { statusTexts[status] ?? unknownStatus }

/// The message of the last failed call on this thread: 中文 first, English after, then the
/// detail and the front system's request id (also apart: elic_last_error_request_id).
///
/// Returns: never NULL ("" when the last call succeeded). Owned by the library, valid until the
/// next elic_* call on this thread. Every function returning elic_status clears it on entry.
/// Since: 0.1.0
@c(elic_last_error)
public func elicLastError() -> UnsafePointer<CChar> { eabi_last_error() }

/// The front system's request id of the last failed call on this thread (the one its audit log
/// holds), e.g. "rq_…".
///
/// Returns: never NULL ("" when the failure came from no front answer, and after a success).
/// Owned by the library, valid until the next elic_* call on this thread; set and cleared
/// together with elic_last_error(). Since: 0.1.0
@c(elic_last_error_request_id)
public func elicLastErrorRequestID() -> UnsafePointer<CChar> { eabi_last_error_request_id() }

/// How long the front advised to wait before the same call may succeed, in milliseconds, for
/// the last failed call on this thread (ELIC_E_SLOW_DOWN, ELIC_E_RATE_LIMITED, ...).
///
/// Returns: the delay, or -1 when the front advised none (and after a success). Set and cleared
/// together with elic_last_error(). Since: 0.1.0
@c(elic_last_error_retry_after_ms)
public func elicLastErrorRetryAfterMS() -> Int64 { eabi_last_error_retry_after_ms() }
