import ELicenseClient
import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol

/// The provincial system reached over HTTP with the wire format of docs/upstream.md: protocol
/// v1's signed exchanges, made as an application registered at the provincial endpoint with the
/// client configuration it issued. The client blocks (libcurl), so each call runs on a thread
/// of its own.
public final class HTTPUpstream: Upstream {
    /// Issuer keys change rarely and are published ahead of use (docs/protocol.md §7), so a few
    /// minutes' cache spares a provincial round trip on every license and material.
    static let issuerKeyLifetime = Duration.seconds(300)

    private let client: ELicenseClient
    private let calls: BlockingCalls
    private let issuerKeyCache = Locked<(keys: [SM2PublicKey], until: ContinuousClock.Instant)?>(nil)

    /// - Parameter maxConcurrentCalls: provincial calls in flight at once; more fail with `upstream_failed`.
    public init(config: ClientConfig, maxConcurrentCalls: Int) throws(ELicenseError) {
        client = try ELicenseClient(config: config)
        calls = BlockingCalls(limit: maxConcurrentCalls)
    }

    public var profile: Profile { client.config.profile }

    public func issuerKeys() async throws(ELicenseError) -> [SM2PublicKey] {
        if let cached = issuerKeyCache.withLock({ $0 }), ContinuousClock.now < cached.until { return cached.keys }
        let answer = try await perform { client throws(ELicenseError) in
            try client.call(.get, UpstreamV1.issuerKeys, as: UpstreamIssuerKeys.self)
        }
        guard answer.profile == profile else {
            throw ELicenseError(
                .upstreamFailed, "issuer keys of profile \(answer.profile.rawValue), this front is \(profile.rawValue)")
        }
        let keys: [SM2PublicKey]
        do { keys = try answer.keys.map { key throws(ELicenseError) in try key.publicKey() } } catch {
            throw ELicenseError(.upstreamFailed, "issuer key: \(error.detail)")
        }
        guard !keys.isEmpty else { throw ELicenseError(.upstreamFailed, "no issuer keys published") }
        issuerKeyCache.withLock { $0 = (keys, .now + Self.issuerKeyLifetime) }
        return keys
    }

    public func startLogin(_ request: UpstreamLoginRequest) async throws(ELicenseError) -> UpstreamLoginTicket {
        try await perform { client throws(ELicenseError) in
            let ticket = try client.call(.post, UpstreamV1.logins, body: request, as: UpstreamLoginTicket.self)
            // A ticket that cannot be polled fails now, not at every poll.
            _ = try ELicenseClient.pathSegment(ticket.ticket)
            return ticket
        }
    }

    public func loginState(ticket: String) async throws(ELicenseError) -> UpstreamLoginState {
        try await perform { client throws(ELicenseError) in
            try client.call(
                .get, "\(UpstreamV1.logins)/\(try ELicenseClient.pathSegment(ticket))", as: UpstreamLoginState.self)
        }
    }

    public func license(authorization: String) async throws(ELicenseError) -> SignedLicense {
        try await perform { client throws(ELicenseError) in
            try client.call(
                .post, UpstreamV1.license, body: UpstreamLicenseRequest(authorization: authorization),
                idempotent: true, as: SignedLicense.self)
        }
    }

    /// The profile the provincial endpoint serves, by its own answer to `GET /v1/whoami` rather
    /// than the label of the client configuration file. An endpoint refusing the call with
    /// `profile_mismatch` serves the other profile.
    public func servedProfile() async throws(ELicenseError) -> Profile {
        let label = profile
        return try await perform { client throws(ELicenseError) in
            do throws(ELicenseError) { return try client.whoami().profile } catch {
                guard error.code == .profileMismatch else { throw error }
                return label == .sandbox ? .production : .sandbox
            }
        }
    }

    private func perform<T: Sendable>(_ exchange: @escaping @Sendable (ELicenseClient) throws(ELicenseError) -> T)
        async throws(ELicenseError) -> T
    {
        let client = client
        // The thread inherits no task-local: the deadline goes with it, to end libcurl's
        // transfer and be sent on as the provincial endpoint's X-Elicense-Timeout-Ms.
        let deadline = UpstreamDeadline.current
        do {
            return try await calls.run { () throws(ELicenseError) -> T in
                guard let deadline else { return try exchange(client) }
                return try CallDeadline.within(milliseconds: UpstreamDeadline.milliseconds(until: deadline)) {
                    () throws(ELicenseError) in try exchange(client)
                }
            }
        } catch {
            throw Self.translate(error)
        }
    }

    /// A failed provincial call as the department's caller should see it: the provincial
    /// system's business answers keep their codes; everything else — its transport, its
    /// signatures, its refusal of this front's credentials — is the provincial system failing,
    /// never this front being unreachable. Its request id stays in the detail for tracing.
    static func translate(_ error: ELicenseError) -> ELicenseError {
        var detail = [error.detail]
        let code: ErrorCode
        switch error.code {
        case .loginNotFound, .loginExpired, .loginDenied, .grantInvalid, .grantExpired, .scopeDenied,
            .enterpriseNotFound,
            .upstreamFailed, .upstreamTimeout:
            code = error.code
        case .timeout:
            code = .upstreamTimeout
        default:
            code = .upstreamFailed
        }
        // A replaced code leads the detail: `timeout: …`, `network: …`.
        if code != error.code { detail.insert(error.code.rawValue, at: 0) }
        if let requestID = error.requestID { detail.append("provincial request_id \(requestID)") }
        return ELicenseError(code, detail.filter { !$0.isEmpty }.joined(separator: ": "), retryAfter: error.retryAfter)
    }
}
