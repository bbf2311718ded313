#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value guarded by a POSIX mutex; every lock in the package is one of these.
///
/// Not `Synchronization.Mutex`: on Linux that one waits with FUTEX_LOCK_PI, which
/// ThreadSanitizer cannot see, so every contended section was reported as a race (reproduced
/// with a four-thread counter that never lost an update) and real races would drown in them;
/// its contended path is also slower than glibc's mutex. A pthread mutex is what the sanitizers
/// model, what libcurl and OpenSSL already use in the same processes, and never fails for a
/// default mutex locked and unlocked by the same thread, as `withLock` guarantees.
public final class Locked<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    public init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock; `body` must not call `withLock` on
    /// the same instance (a default mutex is not recursive).
    public func withLock<Result, Failure: Error>(
        _ body: (inout Value) throws(Failure) -> sending Result
    ) throws(Failure) -> sending Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
