import ELicenseCore
import ELicenseProtocol
import Prometheus

/// Prometheus metrics of one front instance, kept in its own registry (no global bootstrap, so
/// tests can build many applications in one process). The series that do not depend on traffic
/// exist from the start, so a scrape before the first /v1 request already sees the instance.
struct FrontMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// One `elicense_front_key_info` series per published front key, replaced on reload.
    private let keySeries = Locked<[Gauge]>([])
    private static let buckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(2.5), .seconds(5), .seconds(10),
    ]

    init(profile: Profile) {
        registry.makeGauge(
            descriptor: .init(
                metricName: "elicense_front", unitName: "info", helpText: "This front: its profile and version"),
            labels: [("profile", profile.rawValue), ("version", ELicenseVersion.string)]
        ).set(to: 1)
        unaudited.increment(by: Int64(0))
        for outcome in ReloadOutcome.allCases { reloads(outcome).increment(by: Int64(0)) }
    }

    func record(endpoint: String, outcome: String, duration: Duration) {
        registry.makeCounter(
            descriptor: .init(
                metricName: "elicense_requests", unitName: "total",
                helpText: "Protocol v1 requests by endpoint and outcome"),
            labels: [("endpoint", endpoint), ("outcome", outcome)]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(
                metricName: "elicense_request_duration", unitName: "seconds",
                helpText: "Protocol v1 request latency including checks, audit and signing"),
            labels: [("endpoint", endpoint)], buckets: Self.buckets
        ).record(duration)
    }

    /// A throttled unauthenticated request left out of the audit log (one per episode is kept).
    func recordUnaudited() { unaudited.increment() }

    private var unaudited: Counter {
        registry.makeCounter(
            descriptor: .init(
                metricName: "elicense_unaudited_rejections", unitName: "total",
                helpText: "Throttled unauthenticated /v1 requests not written to the audit log"))
    }

    enum ReloadOutcome: String, CaseIterable { case ok, refused }

    /// A SIGHUP reload taken or refused.
    func recordReload(_ outcome: ReloadOutcome) { reloads(outcome).increment() }

    private func reloads(_ outcome: ReloadOutcome) -> Counter {
        registry.makeCounter(
            descriptor: .init(
                metricName: "elicense_reloads", unitName: "total",
                helpText: "Reloads of keys, TLS certificate and settings (SIGHUP), by outcome"),
            labels: [("outcome", outcome.rawValue)])
    }

    /// The front keys being published (`elicense-front keys` compares them with the key files).
    func publish(keys: [PublishedKey], signing: String) {
        let series = keys.map { key in
            registry.makeGauge(
                descriptor: .init(
                    metricName: "elicense_front_key", unitName: "info",
                    helpText: "Front keys published in GET /v1/keys; 1 = signing"),
                labels: [("key_id", key.keyID)])
        }
        for (gauge, key) in zip(series, keys) { gauge.set(to: key.keyID == signing ? 1 : 0) }
        keySeries.withLock { current in
            for old in current where !series.contains(where: { $0 === old }) { registry.unregisterGauge(old) }
            current = series
        }
    }

    /// When the TLS certificate being served stops being valid, in seconds since 1970.
    func certificate(notAfter: Int64) {
        registry.makeGauge(
            descriptor: .init(
                metricName: "elicense_tls_certificate_not_after", unitName: "seconds",
                helpText: "Expiry of the TLS certificate being served (Unix time)")
        ).set(to: Double(notAfter))
    }

    /// The Prometheus text exposition.
    func exposition() -> [UInt8] { registry.emitToBuffer() }
}
