import CElicenseABI
import ELicenseClient
import ELicenseCore
import ELicenseProtocol
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A login as last seen: from elic_login_start, elic_login_poll or elic_login_wait.
final class LoginHandle {
    let id: String
    let state: LoginState
    let expiresAt: Timestamp
    /// Seconds the front advised to wait before the next poll.
    let interval: Int
    let qrPNG: UnsafePointer<UInt8>?
    let qrPNGCount: Int
    let subject: Subject?
    let grant: Grant?
    let strings = CStrings()
    let idC, qrContentC, codeC, grantC, usccC, nameC, operatorC, jsonC: UnsafePointer<CChar>?

    init(id: String, state: LoginState, expiresAt: Timestamp, interval: Int, qrContent: String?, confirmationCode: String?, qrPNG: [UInt8],
         subject: Subject?, grant: Grant?, json: [UInt8]) {
        self.id = id
        self.state = state
        self.expiresAt = expiresAt
        self.interval = interval
        self.qrPNG = strings.lend(bytes: qrPNG)
        qrPNGCount = qrPNG.count
        self.subject = subject
        self.grant = grant
        idC = strings.lend(id)
        qrContentC = strings.lend(qrContent)
        codeC = strings.lend(confirmationCode)
        grantC = strings.lend(grant?.token)
        usccC = strings.lend(subject?.uscc.value)
        nameC = strings.lend(subject?.name)
        operatorC = strings.lend(subject?.operator.nameMasked)
        jsonC = strings.lend(String(decoding: json, as: UTF8.self))
    }

    convenience init(_ created: LoginCreated) throws(ELicenseError) {
        let png = created.qrPNG.flatMap { Data(base64Encoded: $0) }.map { Array($0) } ?? []
        self.init(id: created.loginID, state: .pending, expiresAt: created.expiresAt, interval: created.interval, qrContent: created.qrContent,
                  confirmationCode: created.confirmationCode, qrPNG: png, subject: nil, grant: nil, json: try WireJSON.encode(created))
    }

    convenience init(_ status: LoginStatus) throws(ELicenseError) {
        self.init(id: status.loginID, state: status.state, expiresAt: status.expiresAt, interval: status.interval, qrContent: nil, confirmationCode: nil,
                  qrPNG: [], subject: status.subject, grant: status.grant, json: try WireJSON.encode(status))
    }
}

/// Starts an e-license login (扫码登录) for `purpose`, the matter being handled (办理事项,
/// 1–100 characters and at most 400 bytes, shown to the enterprise).
///
/// - out: receives the login (state ELIC_LOGIN_PENDING, its id, QR content and QR PNG), the
///   caller's to free with elic_login_free; NULL on failure.
/// - client, purpose: borrowed for the call.
///
/// Keep elic_login_id() (a plain string, e.g. in the server-side web session, never taken back
/// from the browser) and show the QR code with elic_login_code() beside it; then
/// elic_login_poll or elic_login_wait, possibly from another request or process.
/// Returns: ELIC_OK; ELIC_E_INVALID_ARGUMENT; ELIC_E_INVALID_UTF8; ELIC_E_INVALID_PURPOSE;
/// network (2xx) and security (3xx) statuses. Blocks up to the configured timeouts.
/// Thread-safe. Since: 0.1.0
@c(elic_login_start)
public func elicLoginStart(_ out: UnsafeMutablePointer<UnsafeMutablePointer<elic_login>?>?,
                           _ client: UnsafeMutablePointer<elic_client>?, _ purpose: UnsafePointer<CChar>?) -> elic_status {
    guarded { () throws(ELicenseError) in
        let out = try output(out)
        let handle = try clientHandle(client)
        let created = try handle.startLogin(LoginRequest(purpose: try text(purpose, "purpose"), qrFormat: "png"))
        out.pointee = Handle.make(try LoginHandle(created), as: elic_login.self)
    }
}

/// Asks the front once for the state of login `login_id`.
///
/// - out: receives the login's current state (and, once ELIC_LOGIN_AUTHORIZED, its subject
///   and grant), the caller's to free with elic_login_free.
///
/// Returns: ELIC_OK whatever the state (denied and expired are states, not errors);
/// ELIC_E_SLOW_DOWN when polled sooner than the advised interval; ELIC_E_LOGIN_NOT_FOUND
/// (unknown, or another application's); network and security statuses. Thread-safe.
/// Since: 0.1.0
@c(elic_login_poll)
public func elicLoginPoll(_ out: UnsafeMutablePointer<UnsafeMutablePointer<elic_login>?>?,
                          _ client: UnsafeMutablePointer<elic_client>?, _ login_id: UnsafePointer<CChar>?) -> elic_status {
    guarded { () throws(ELicenseError) in
        let out = try output(out)
        let status = try clientHandle(client).pollLogin(try text(login_id, "login_id"))
        out.pointee = Handle.make(try LoginHandle(status), as: elic_login.self)
    }
}

/// Waits until login `login_id` is authorized, denied or expired, polling at the interval the
/// front advises.
///
/// - out: receives the final login, the caller's to free with elic_login_free.
/// - timeout_ms: the longest the call blocks in all.
/// - progress: may be NULL; called on this thread after every poll with the state and the
///   milliseconds waited; a non-zero return cancels. `payload` is passed through untouched.
///
/// Returns: ELIC_OK with a final state; ELIC_E_TIMEOUT when none came in time (the login stays
/// usable); ELIC_E_CANCELLED; ELIC_E_LOGIN_NOT_FOUND; network and security statuses.
/// Thread-safe. Since: 0.1.0
@c(elic_login_wait)
public func elicLoginWait(_ out: UnsafeMutablePointer<UnsafeMutablePointer<elic_login>?>?,
                          _ client: UnsafeMutablePointer<elic_client>?, _ login_id: UnsafePointer<CChar>?,
                          _ timeout_ms: Int32, _ progress: elic_progress_cb?, _ payload: UnsafeMutableRawPointer?) -> elic_status {
    guarded { () throws(ELicenseError) in
        let out = try output(out)
        let handle = try clientHandle(client)
        let id = try text(login_id, "login_id")
        guard timeout_ms >= 0 else { throw ELicenseError(.invalidArgument, "timeout_ms must not be negative") }
        let status = try handle.waitLogin(id, timeoutMilliseconds: Int(timeout_ms)) { status, elapsed in
            guard let progress else { return true }
            return progress(status.state.code, elapsed, payload) == 0
        }
        out.pointee = Handle.make(try LoginHandle(status), as: elic_login.self)
    }
}

private func login(_ pointer: UnsafePointer<elic_login>?) -> LoginHandle? { Handle.object(pointer, as: LoginHandle.self) }

/// The login id, a plain string to keep and pass back later. Borrowed from `login`; NULL for
/// a NULL login. Since: 0.1.0
@c(elic_login_id)
public func elicLoginID(_ login: UnsafePointer<elic_login>?) -> UnsafePointer<CChar>? { ELicenseSDK.login(login)?.idC }

/// ELIC_LOGIN_PENDING, _SCANNED, _AUTHORIZED, _DENIED or _EXPIRED; -1 for a NULL login.
/// Since: 0.1.0
@c(elic_login_state)
public func elicLoginState(_ login: UnsafePointer<elic_login>?) -> Int32 { ELicenseSDK.login(login)?.state.code ?? -1 }

/// When the login expires, in Unix seconds; 0 for a NULL login. Since: 0.1.0
@c(elic_login_expires_at)
public func elicLoginExpiresAt(_ login: UnsafePointer<elic_login>?) -> Int64 { ELicenseSDK.login(login)?.expiresAt.secondsSince1970 ?? 0 }

/// How long the front advised to wait before the next elic_login_poll, in milliseconds (a poll
/// sooner gets ELIC_E_SLOW_DOWN); -1 for a NULL login. Since: 0.1.0
@c(elic_login_poll_interval_ms)
public func elicLoginPollIntervalMS(_ login: UnsafePointer<elic_login>?) -> Int64 {
    guard let handle = ELicenseSDK.login(login) else { return -1 }
    let (milliseconds, overflow) = Int64(handle.interval).multipliedReportingOverflow(by: 1000)
    return overflow ? .max : max(milliseconds, 0)
}

/// When the grant of an authorized login expires, in Unix seconds (elic_license_fetch and
/// elic_material_issue then answer ELIC_E_GRANT_EXPIRED: log in again); 0 when there is none
/// (not authorized, or a NULL login). Since: 0.1.0
@c(elic_login_grant_expires_at)
public func elicLoginGrantExpiresAt(_ login: UnsafePointer<elic_login>?) -> Int64 {
    ELicenseSDK.login(login)?.grant?.expiresAt.secondsSince1970 ?? 0
}

/// The text to show as a QR code (only on a login from elic_login_start; NULL otherwise).
/// Borrowed from `login`. Since: 0.1.0
@c(elic_login_qr_content)
public func elicLoginQRContent(_ login: UnsafePointer<elic_login>?) -> UnsafePointer<CChar>? { ELicenseSDK.login(login)?.qrContentC }

/// The QR code as PNG bytes (only on a login from elic_login_start); `*len` receives the size
/// (0 when none). Borrowed from `login`. Since: 0.1.0
@c(elic_login_qr_png)
public func elicLoginQRPNG(_ login: UnsafePointer<elic_login>?, _ len: UnsafeMutablePointer<UInt>?) -> UnsafePointer<UInt8>? {
    let handle = ELicenseSDK.login(login)
    len?.pointee = UInt(handle?.qrPNGCount ?? 0)
    return handle?.qrPNG
}

/// Writes the QR code's PNG (of a login from elic_login_start) to `path`, created or replaced
/// atomically, mode 0644.
///
/// Returns: ELIC_OK; ELIC_E_INVALID_ARGUMENT (NULL, or a login without a QR PNG);
/// ELIC_E_INVALID_UTF8; ELIC_E_IO_ERROR naming the path, with the system's reason.
/// Since: 0.1.0
@c(elic_login_qr_save)
public func elicLoginQRSave(_ login: UnsafePointer<elic_login>?, _ path: UnsafePointer<CChar>?) -> elic_status {
    guarded { () throws(ELicenseError) in
        guard let handle = ELicenseSDK.login(login) else { throw ELicenseError(.invalidArgument, "login must be a live login") }
        guard let png = handle.qrPNG else {
            throw ELicenseError(.invalidArgument, "该登录没有二维码图片 (the login has no QR PNG: only a login from elic_login_start has one)")
        }
        try SecureFile.create(try text(path, "path"), bytes: Array(UnsafeBufferPointer(start: png, count: handle.qrPNGCount)),
                              replace: true, mode: 0o644)
    }
}

/// The confirmation code to show next to the QR code (four digits; the e-license app shows the
/// same one, so the enterprise can recognise a QR code relayed from someone else's screen).
/// Only on a login from elic_login_start, and NULL from a front that sends none. Borrowed from
/// `login`. Since: 0.1.0
@c(elic_login_code)
public func elicLoginCode(_ login: UnsafePointer<elic_login>?) -> UnsafePointer<CChar>? { ELicenseSDK.login(login)?.codeC }

/// The grant token of an authorized login: a plain string to keep in the web session and pass
/// to elic_license_fetch / elic_material_issue, also from another process. NULL until
/// authorized. Borrowed from `login`. Since: 0.1.0
@c(elic_login_grant)
public func elicLoginGrant(_ login: UnsafePointer<elic_login>?) -> UnsafePointer<CChar>? { ELicenseSDK.login(login)?.grantC }

/// 统一社会信用代码 of the enterprise that logged in; NULL until authorized. Borrowed. Since: 0.1.0
@c(elic_login_subject_uscc)
public func elicLoginSubjectUSCC(_ login: UnsafePointer<elic_login>?) -> UnsafePointer<CChar>? { ELicenseSDK.login(login)?.usccC }

/// Name (名称) of the enterprise that logged in; NULL until authorized. Borrowed. Since: 0.1.0
@c(elic_login_subject_name)
public func elicLoginSubjectName(_ login: UnsafePointer<elic_login>?) -> UnsafePointer<CChar>? { ELicenseSDK.login(login)?.nameC }

/// Role of the person who confirmed: ELIC_ROLE_LEGAL_REPRESENTATIVE (法定代表人),
/// ELIC_ROLE_LICENSE_ADMINISTRATOR (证照管理员) or ELIC_ROLE_AGENT (经办人); 0 until authorized.
/// Since: 0.1.0
@c(elic_login_operator_role)
public func elicLoginOperatorRole(_ login: UnsafePointer<elic_login>?) -> Int32 { ELicenseSDK.login(login)?.subject?.operator.role.code ?? 0 }

/// That person's name, masked (e.g. 张*); NULL until authorized. Borrowed. Since: 0.1.0
@c(elic_login_operator_name)
public func elicLoginOperatorName(_ login: UnsafePointer<elic_login>?) -> UnsafePointer<CChar>? { ELicenseSDK.login(login)?.operatorC }

/// The login as protocol v1 JSON (LoginCreated or LoginStatus, docs/protocol.md §4). Borrowed
/// from `login`; NULL for a NULL login. Since: 0.1.0
@c(elic_login_json)
public func elicLoginJSON(_ login: UnsafePointer<elic_login>?) -> UnsafePointer<CChar>? { ELicenseSDK.login(login)?.jsonC }

/// Frees a login. NULL is a no-op; anything but a live login (a handle of another kind, a login
/// already freed) is a no-op that sets elic_last_error(). Since: 0.1.0
@c(elic_login_free)
public func elicLoginFree(_ login: UnsafeMutablePointer<elic_login>?) {
    Handle.release(login, as: LoginHandle.self, by: "elic_login_free")
}
