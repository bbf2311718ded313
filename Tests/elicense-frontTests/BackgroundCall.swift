import ELicenseCore
import ELicenseTestSupport
import Foundation

/// A blocking call on a thread of its own, so the test can act while the call is in flight.
final class BackgroundCall<Value: Sendable>: Sendable {
    private let outcome = Locked<(Result<Value, any Error>, ContinuousClock.Instant)?>(nil)

    init(_ body: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            let result = Result { try body() }
            outcome.withLock { $0 = (result, .now) }
        }
    }

    /// The call's value and when it returned.
    func wait(timeout: Duration) throws -> (Value, ContinuousClock.Instant) {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let (result, finishedAt) = outcome.withLock({ $0 }) { return (try result.get(), finishedAt) }
            guard ContinuousClock.now < deadline else { throw ChildProcess.Failure(description: "the call did not return within \(timeout)") }
            usleep(10_000)
        }
    }
}
