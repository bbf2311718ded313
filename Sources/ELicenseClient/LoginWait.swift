import ELicenseCore
import ELicenseProtocol

#if canImport(Glibc)
    import Glibc
#endif

extension ELicenseClient {
    /// Polls a login at the interval the front advises until it is authorized, denied or expired.
    ///
    /// - Parameters:
    ///   - timeoutMilliseconds: how long to wait in all; `.timeout` (the login stays usable) as
    ///     soon as the next poll, a whole interval after the last, would come too late.
    ///   - progress: called after every poll with the current status and the milliseconds
    ///     waited so far, on the calling thread; return false to stop waiting (`.cancelled`).
    /// - Returns: the final status; denied and expired are states, not errors.
    public func waitLogin(
        _ loginID: String, timeoutMilliseconds: Int,
        progress: (LoginStatus, Int64) -> Bool = { _, _ in true }
    ) throws(ELicenseError) -> LoginStatus {
        let started = CallDeadline.now()
        // The wait's own limit bounds the polls too, so the call blocks at most that long in all.
        return try CallDeadline.within(milliseconds: timeoutMilliseconds) { () throws(ELicenseError) in
            var interval = 2
            while true {
                do throws(ELicenseError) {
                    let status = try pollLogin(loginID)
                    interval = Self.pollInterval(status.interval)
                    guard progress(status, CallDeadline.now() - started) else {
                        throw ELicenseError(.cancelled, "stopped by the progress callback")
                    }
                    if status.state.isFinal { return status }
                } catch  where error.code == .slowDown {
                    interval = Self.pollInterval(error.retryAfter ?? interval + 5)
                }
                // The front counts whole seconds: a poll exactly `interval` later may still look early.
                let pause = interval * 1000 + Self.pollMargin
                // The next poll only when the whole interval fits before the end and leaves the
                // poll its time: one sent sooner would be answered slow_down (and lengthen the
                // interval for every later poll of this login).
                guard let left = try? CallDeadline.remaining(atMost: .max),
                    pause + ProtocolV1.Deadline.minimumAttemptMilliseconds <= left
                else {
                    throw ELicenseError(
                        .timeout, "login \(loginID.prefix(11))… not finished in \(timeoutMilliseconds) ms")
                }
                Self.sleep(milliseconds: pause)
            }
        }
    }

    /// Added to every wait between polls, in milliseconds.
    static let pollMargin = 250

    /// Longest pause between polls, in seconds: a login lives minutes, never this long unpolled.
    static let maxPollInterval = 60

    /// The front's advice (`interval`, `retry_after`) as a pause of 1–60 s, whatever the number.
    static func pollInterval(_ advised: Int) -> Int { min(max(advised, 1), maxPollInterval) }
}
