import ELicenseCore

extension FrontConfig {
    /// `metrics_allowed_addresses` as rules; ``validateMetricsAddresses()`` has refused a
    /// configuration with any entry that is not one.
    var metricsAddressRules: [AddressRule] { metricsAllowedAddresses.compactMap { try? AddressRule($0) } }

    /// Refuses an entry that is not an IP address or CIDR block, naming it: dropping it would
    /// leave /metrics open to loopback, or to fewer addresses than the operator meant.
    func validateMetricsAddresses() throws(ELicenseError) {
        for entry in metricsAllowedAddresses {
            do { _ = try AddressRule(entry) } catch {
                throw ELicenseError(
                    .invalidConfig,
                    "metrics_allowed_addresses 的条目无效 (metrics_allowed_addresses: \(error.detail))")
            }
        }
    }
}
