import ELicenseCore
import Foundation
import Synchronization

/// Runs blocking calls each on a thread of its own, so that waiting for the provincial system
/// never holds one of Swift concurrency's cooperative threads (one per core: a few slow answers
/// would stall the whole front). At most `limit` run at once; beyond that a call fails at once
/// rather than pile up threads behind a provincial system that hangs.
final class BlockingCalls: Sendable {
    let limit: Int
    private let running = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    func run<T: Sendable>(_ work: @escaping @Sendable () throws(ELicenseError) -> T) async throws(ELicenseError) -> T {
        guard running.add(1, ordering: .relaxed).newValue <= limit else {
            running.subtract(1, ordering: .relaxed)
            throw ELicenseError(.upstreamFailed, "\(limit) provincial calls already in flight")
        }
        defer { running.subtract(1, ordering: .relaxed) }
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<T, ELicenseError>, Never>) in
            let thread = Thread {
                continuation.resume(returning: Result { () throws(ELicenseError) -> T in try work() })
            }
            thread.name = "elicense-upstream"
            thread.start()
        }
        return try result.get()
    }
}
