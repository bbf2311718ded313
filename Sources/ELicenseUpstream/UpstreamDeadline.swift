import ELicenseClient
import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol

/// The moment the provincial work of the /v1 call running in this task must be over: the
/// front sets it from the caller's `X-Elicense-Timeout-Ms` and its own limit
/// (docs/protocol.md §10). ``HTTPUpstream`` passes what is left on to its provincial endpoint.
public enum UpstreamDeadline {
    @TaskLocal public static var current: ContinuousClock.Instant?

    /// Whole milliseconds from now until `deadline`, 0 once it has passed.
    public static func milliseconds(until deadline: ContinuousClock.Instant) -> Int {
        let (seconds, attoseconds) = (deadline - .now).components
        guard seconds >= 0 else { return 0 }
        return Int(min(seconds, 1 << 40)) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    /// Runs one provincial call inside the current deadline, ended there with `upstream_timeout`
    /// (detail `timeout: …`).
    static func run<T: Sendable>(_ operation: @escaping @Sendable () async throws(ELicenseError) -> T)
        async throws(ELicenseError) -> T
    {
        guard let deadline = current else { return try await operation() }
        let budget = milliseconds(until: deadline)
        guard budget > 0 else {
            throw ELicenseError(.upstreamTimeout, "timeout: no time left of the call for a provincial call")
        }
        // The call is cancelled at the deadline; the adapters honour cancellation (the sandbox's
        // latency is a cancellable sleep, HTTPUpstream's libcurl timeout ends at the same deadline).
        let outcome = await withTaskGroup(of: Result<T, ELicenseError>?.self) { group in
            group.addTask {
                do throws(ELicenseError) { return .success(try await operation()) } catch { return .failure(error) }
            }
            group.addTask {
                try? await Task.sleep(until: deadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let outcome else {
            throw ELicenseError(.upstreamTimeout, "timeout: no provincial answer within \(budget) ms")
        }
        return try outcome.get()
    }
}

/// Any provincial system with every call kept inside the ``UpstreamDeadline``: how a front
/// calls its upstream, whichever it is.
public struct DeadlineBoundUpstream: Upstream {
    let upstream: any Upstream

    public init(_ upstream: any Upstream) { self.upstream = upstream }

    public var profile: Profile { upstream.profile }

    public func issuerKeys() async throws(ELicenseError) -> [SM2PublicKey] {
        let upstream = upstream
        return try await UpstreamDeadline.run { () throws(ELicenseError) in
            try await upstream.issuerKeys()
        }
    }

    public func startLogin(_ request: UpstreamLoginRequest) async throws(ELicenseError) -> UpstreamLoginTicket {
        let upstream = upstream
        return try await UpstreamDeadline.run { () throws(ELicenseError) in
            try await upstream.startLogin(request)
        }
    }

    public func loginState(ticket: String) async throws(ELicenseError) -> UpstreamLoginState {
        let upstream = upstream
        return try await UpstreamDeadline.run { () throws(ELicenseError) in
            try await upstream.loginState(ticket: ticket)
        }
    }

    public func license(authorization: String) async throws(ELicenseError) -> SignedLicense {
        let upstream = upstream
        return try await UpstreamDeadline.run { () throws(ELicenseError) in
            try await upstream.license(authorization: authorization)
        }
    }
}
