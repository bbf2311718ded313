import ELicenseCore

/// The one range check for every number an operator or a form supplies (configuration file,
/// environment, command-line flag, registry form), so each refusal names its setting.
enum SettingRange {
    /// Throws `code` naming `setting` unless `value` lies in `range` (NaN never does).
    static func check<T: Comparable>(
        _ setting: String, _ value: T, _ range: ClosedRange<T>,
        code: ErrorCode = .invalidConfig
    ) throws(ELicenseError) {
        guard range.contains(value) else {
            throw ELicenseError(
                code,
                "设置 \(setting) 须在 \(range.lowerBound)…\(range.upperBound) 之间 "
                    + "(setting \(setting) = \(value) is out of range \(range.lowerBound)…\(range.upperBound))")
        }
    }

    /// Calls per minute of one application: `default_rate_limit_per_minute`, `app add --rate-limit`,
    /// `app set-rate-limit`.
    static let ratePerMinute = 1...1_000_000
}
