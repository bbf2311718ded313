import Prometheus

/// Prometheus metrics of one front instance, kept in its own registry (no global bootstrap, so
/// tests can build many applications in one process).
struct FrontMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private static let buckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(2.5), .seconds(5), .seconds(10),
    ]

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
    func recordUnaudited() {
        registry.makeCounter(
            descriptor: .init(
                metricName: "elicense_unaudited_rejections", unitName: "total",
                helpText: "Throttled unauthenticated /v1 requests not written to the audit log")
        ).increment()
    }

    /// The Prometheus text exposition.
    func exposition() -> [UInt8] { registry.emitToBuffer() }
}
