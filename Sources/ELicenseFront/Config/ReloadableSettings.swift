import ELicenseCore

extension FrontConfig {
    /// What a reload (SIGHUP) applies of `new` on top of this running configuration: the
    /// settings read per request or per call. The others — where and how the server listens,
    /// the data directory, the profile, the store and the upstream's kind, the connection
    /// limits, the sandbox knobs — keep their running values; their names are returned so the
    /// reload can say that they need a restart.
    func reloading(_ new: FrontConfig) -> (applied: FrontConfig, needRestart: [String]) {
        var applied = self
        applied.publicURL = new.publicURL
        applied.frontName = new.frontName
        applied.clockSkewSeconds = new.clockSkewSeconds
        applied.loginTTLSeconds = new.loginTTLSeconds
        applied.pollIntervalSeconds = new.pollIntervalSeconds
        applied.grantTTLSeconds = new.grantTTLSeconds
        applied.materialValidityDays = new.materialValidityDays
        applied.defaultRateLimitPerMinute = new.defaultRateLimitPerMinute
        applied.metricsAllowedAddresses = new.metricsAllowedAddresses
        applied.upstream.clientConfig = new.upstream.clientConfig
        applied.upstream.timeoutSeconds = new.upstream.timeoutSeconds
        applied.upstream.maxConcurrentCalls = new.upstream.maxConcurrentCalls
        applied.limits.rejectionsPerMinute = new.limits.rejectionsPerMinute
        applied.storage = new.storage
        // New certificate files are taken; switching between HTTP and HTTPS is not.
        if tls != nil, new.tls != nil { applied.tls = new.tls }

        var needRestart: [String] = []
        func compare<T: Equatable>(_ name: String, _ path: KeyPath<FrontConfig, T>) {
            if applied[keyPath: path] != new[keyPath: path] { needRestart.append(name) }
        }
        compare("profile", \.profile)
        compare("role", \.role)
        compare("gateway", \.gateway)
        compare("host", \.host)
        compare("port", \.port)
        compare("data_directory", \.dataDirectory)
        compare("tls", \.tls)
        compare("allow_plain_http", \.allowPlainHTTP)
        compare("upstream.kind", \.upstream.kind)
        compare("sandbox", \.sandbox)
        compare("limits", \.limits)
        if needRestart.isEmpty, applied != new {
            // Settings added by other parts of the server (the store, the deployment) are
            // read once at start too.
            needRestart.append("store/deployment")
        }
        return (applied, needRestart)
    }
}
