import ELicenseCore
#if canImport(Glibc)
import Glibc
#endif

/// The moment the call running on this thread must end by (monotonic milliseconds): every
/// attempt, pause and poll of the call stops there. Nested limits keep the earliest, so a
/// caller's deadline never extends the client's own `timeout_ms`.
public enum CallDeadline {
    @TaskLocal static var current: Int64?

    /// Runs `body` with a deadline `milliseconds` from now, or the current one if earlier.
    public static func within<T>(milliseconds: Int, _ body: () throws(ELicenseError) -> T) throws(ELicenseError) -> T {
        let (end, overflow) = now().addingReportingOverflow(Int64(max(0, milliseconds)))
        let deadline = min(current ?? .max, overflow ? .max : end)
        let result = $current.withValue(deadline) { Result { () throws(ELicenseError) in try body() } }
        return try result.get()
    }

    /// Milliseconds left before the deadline (at most `limit`); `.timeout` once it has passed.
    static func remaining(atMost limit: Int) throws(ELicenseError) -> Int {
        guard let current else { return limit }
        let left = current - now()
        guard left > 0 else { throw ELicenseError(.timeout, "调用超过了时限 (the call reached its deadline)") }
        return Int(min(left, Int64(limit)))
    }

    static func now() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
