import Synchronization

/// Per-application token buckets: a burst up to the per-minute limit, refilled continuously.
/// In memory: each front instance limits what it serves.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let buckets = Mutex<[String: Bucket]>([:])

    /// Whether `key` may make one more call at time `now` (seconds), with `perMinute` allowed;
    /// when not, also how many seconds until it may.
    func allow(_ key: String, perMinute: Int, now: Double) -> (allowed: Bool, retryAfter: Int) {
        let capacity = Double(perMinute)
        let refill = capacity / 60
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + max(0, now - bucket.updated) * refill)
            bucket.updated = now
            defer { buckets[key] = bucket }
            guard bucket.tokens >= 1 else { return (false, max(1, Int(((1 - bucket.tokens) / refill).rounded(.up)))) }
            bucket.tokens -= 1
            return (true, 0)
        }
    }
}
