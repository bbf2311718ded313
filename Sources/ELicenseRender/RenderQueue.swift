import Dispatch
import ELicenseCore
import Foundation

/// Runs rendering on threads of its own, never on the threads that run Swift tasks: drawing text
/// blocks on the process-wide font lock (``FontLock``), and a task thread blocked there would
/// stall unrelated requests of the whole process.
///
/// Bounded three ways, so a burst cannot pile up: at most `workers` renders run at once (each on a
/// thread named `elicense-render`, started on demand and ended when no work is left), at most
/// `capacity` wait, and a caller waits at most `timeout` for its result. A render refused for a
/// full queue or not finished in time fails with `unavailable` (503, retryable); one that timed
/// out while waiting never starts, one already drawing finishes on its thread and is discarded.
public final class RenderQueue: Sendable {
    public static let threadName = "elicense-render"

    public let workers: Int
    public let capacity: Int
    public let timeout: Duration

    private struct State {
        var running = 0
        var waiting: [@Sendable () -> Void] = []
    }

    private let state = Locked(State())

    /// Out-of-range arguments are clamped (at least one worker, no negative capacity or timeout).
    public init(workers: Int = 2, capacity: Int = 64, timeout: Duration = .seconds(10)) {
        self.workers = max(1, workers)
        self.capacity = max(0, capacity)
        self.timeout = max(.zero, timeout)
    }

    /// Runs `body` on a render thread and returns its result.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws(ELicenseError) -> T) async throws(ELicenseError)
        -> T
    {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<T, ELicenseError>, Never>) in
            let outcome = Outcome(continuation)
            let admitted = submit {
                guard outcome.isOpen else { return }
                outcome.settle(Result { () throws(ELicenseError) in try body() })
            }
            guard admitted else {
                outcome.settle(
                    .failure(
                        ELicenseError(
                            .unavailable,
                            "渲染队列已满（\(capacity) 个等待）(render queue full: \(capacity) waiting)")))
                return
            }
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [timeout] in
                outcome.settle(
                    .failure(
                        ELicenseError(
                            .unavailable,
                            "渲染未在 \(timeout) 内完成 (rendering did not finish within \(timeout))")))
            }
        }
        return try result.get()
    }

    /// Starts `job` on a new render thread if one is free, or queues it; false when full.
    private func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        let start: Bool? = state.withLock { state in
            if state.running < workers {
                state.running += 1
                return true
            }
            guard state.waiting.count < capacity else { return nil }
            state.waiting.append(job)
            return false
        }
        guard let start else { return false }
        if start { startThread(with: job) }
        return true
    }

    private func startThread(with first: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            // Named from inside: on Linux a name set before start() does not reach the OS thread.
            Thread.current.name = Self.threadName
            var job: (@Sendable () -> Void)? = first
            while let current = job {
                current()
                job = state.withLock { state in
                    guard !state.waiting.isEmpty else {
                        state.running -= 1
                        return nil
                    }
                    return state.waiting.removeFirst()
                }
            }
        }
        thread.start()
    }
}

/// A continuation resumed exactly once, by whichever of the render and the deadline comes first.
private final class Outcome<T: Sendable>: Sendable {
    private let continuation: Locked<CheckedContinuation<Result<T, ELicenseError>, Never>?>

    init(_ continuation: CheckedContinuation<Result<T, ELicenseError>, Never>) {
        self.continuation = Locked(continuation)
    }

    var isOpen: Bool { continuation.withLock { $0 != nil } }

    func settle(_ result: Result<T, ELicenseError>) {
        continuation.withLock { $0.take() }?.resume(returning: result)
    }
}
