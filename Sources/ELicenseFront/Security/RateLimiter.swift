import ELicenseCore

/// Token buckets by key: a burst up to the per-minute limit, refilled continuously. In memory:
/// each front instance limits what it serves.
///
/// Trap-free for any input: the limit comes from the store, which someone may have edited by
/// hand, so a limit below 1 counts as 1 and every delay is clamped before it becomes an `Int`.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
        var capacity: Double
        /// When a refusal was last reported as the first of its minute.
        var reportedRefusal = -Double.infinity

        func refilled(at now: Double) -> Bucket {
            let tokens = min(capacity, max(0, tokens) + max(0, now - updated) * capacity / 60)
            return Bucket(
                tokens: tokens.isFinite ? tokens : capacity, updated: now, capacity: capacity,
                reportedRefusal: reportedRefusal)
        }
    }

    private let buckets = Locked<[String: Bucket]>([:])
    /// Beyond this many keys, buckets that have refilled completely (as good as absent) are dropped.
    private let maxKeys: Int

    init(maxKeys: Int = 100_000) {
        self.maxKeys = maxKeys
    }

    struct Decision {
        let allowed: Bool
        /// When not allowed: seconds (1…60) until a call is.
        let retryAfter: Int
        /// When not allowed: whether this is the key's first refusal in a minute.
        let firstRefusal: Bool
    }

    /// Whether `key` may make one more call at time `now` (seconds), with `perMinute` allowed.
    /// With `take` false the call is only looked at: an allowed call uses no token.
    func allow(_ key: String, perMinute: Int, now: Double, take: Bool = true) -> Decision {
        let capacity = Double(max(1, perMinute))
        let refill = capacity / 60
        let now = now.isFinite ? now : 0
        return buckets.withLock { buckets in
            var bucket = (buckets[key] ?? Bucket(tokens: capacity, updated: now, capacity: capacity)).refilled(at: now)
            bucket.capacity = capacity
            bucket.tokens = min(bucket.tokens, capacity)
            defer {
                buckets[key] = bucket
                if buckets.count > maxKeys {
                    buckets = buckets.filter { $0.value.refilled(at: now).tokens < $0.value.capacity }
                }
            }
            guard bucket.tokens >= 1 else {
                // At most 60 s: refill ≥ 1/60 token per second, and tokens ≥ 0.
                let wait = ((1 - bucket.tokens) / refill).rounded(.up)
                let first = !(now - bucket.reportedRefusal < 60)
                if first { bucket.reportedRefusal = now }
                return Decision(
                    allowed: false, retryAfter: wait.isFinite ? Int(min(60, max(1, wait))) : 60, firstRefusal: first)
            }
            if take { bucket.tokens -= 1 }
            return Decision(allowed: true, retryAfter: 0, firstRefusal: false)
        }
    }
}
