import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A department application's connection to its city front system: every request SM2-signed,
/// every response checked against the pinned front keys. Blocking and safe to share between
/// threads (the C ABI and the bindings call it from whatever thread their host uses).
public final class ELicenseClient: Sendable {
    public let config: ClientConfig
    private let key: SigningKey
    private let pinned: TrustedKeys
    private let baseURL: String
    private let transport: HTTPTransport
    /// The license issuer's keys as the front last published them.
    private let issuerKeys = Locked<TrustedKeys?>(nil)

    public init(config: ClientConfig) throws(ELicenseError) {
        // Before anything else: a front_url that would send a packet elsewhere never reaches curl.
        baseURL = try config.validate().base
        self.config = config
        key = try SigningKey(try Self.privateKey(config))
        var frontKeys: [SM2PublicKey] = []
        for pem in config.frontPublicKeysPEM {
            do { frontKeys.append(try SM2PublicKey(pem: pem)) } catch {
                throw ELicenseError(.keyInvalid, "front_public_keys_pem: \(error.message)")
            }
        }
        pinned = try TrustedKeys(frontKeys)
        guard !pinned.isEmpty else {
            throw ELicenseError(
                .invalidConfig,
                "front_public_keys_pem 至少固定一个前置系统公钥 (front_public_keys_pem must pin at least one front key)")
        }
        transport = try HTTPTransport(
            settings: .init(
                connectTimeoutMilliseconds: config.connectTimeoutMilliseconds,
                caBundle: config.caBundle, proxy: config.proxy))
    }

    /// Reads a configuration from JSON text.
    public convenience init(json: [UInt8]) throws(ELicenseError) {
        try self.init(config: try ClientConfig(json: json))
    }

    /// The key id the front knows this application's key by.
    public var keyID: String { key.keyID }

    // MARK: endpoints (docs/protocol.md §4)

    public func whoami() throws(ELicenseError) -> WhoAmI {
        let who = try call(.get, "/v1/whoami", as: WhoAmI.self)
        try expectProfile(who.profile)
        return who
    }

    public func keys() throws(ELicenseError) -> KeySet {
        let keys = try call(.get, "/v1/keys", as: KeySet.self)
        try expectProfile(keys.profile)
        return keys
    }

    /// Protocol §6: an answer from a front of the other profile is never used (sandbox keys or
    /// data must not pass for production ones, nor the reverse).
    private func expectProfile(_ profile: Profile) throws(ELicenseError) {
        guard profile == config.profile else {
            throw ELicenseError(
                .profileMismatch,
                "前置系统的环境为 \(profile.rawValue)，配置文件的 profile 为 \(config.profile.rawValue) "
                    + "(the front runs profile \(profile.rawValue); the configuration's profile is \(config.profile.rawValue))"
            )
        }
    }

    public func startLogin(_ request: LoginRequest) throws(ELicenseError) -> LoginCreated {
        try call(.post, "/v1/logins", body: request, as: LoginCreated.self)
    }

    public func pollLogin(_ loginID: String) throws(ELicenseError) -> LoginStatus {
        try call(.get, "/v1/logins/\(try Self.pathSegment(loginID))", as: LoginStatus.self)
    }

    /// License data for `grant`, its issuer signature verified with the keys the front publishes.
    public func license(grant: String) throws(ELicenseError) -> LicenseResponse {
        // One call for the caller, with the issuer keys it may fetch: one timeout_ms in all.
        try CallDeadline.within(milliseconds: config.timeoutMilliseconds) { () throws(ELicenseError) in
            // Read-only at the front, so safe to retry.
            let response = try call(
                .post, "/v1/license", body: LicenseRequest(grant: grant), idempotent: true, as: LicenseResponse.self)
            try verifyIssuer(response.signedLicense)
            return response
        }
    }

    private func verifyIssuer(_ signed: SignedLicense) throws(ELicenseError) {
        guard signed.verify(with: try issuer(for: signed.issuerSignature.keyID)) else {
            throw ELicenseError(.responseSignatureInvalid, "the license's issuer signature does not verify")
        }
    }

    /// Issuer keys, fetched once and again when a license names a key not yet known (the
    /// provincial system rotated it).
    private func issuer(for keyID: String) throws(ELicenseError) -> TrustedKeys {
        if let known = issuerKeys.withLock({ $0 }), known.keys[keyID] != nil { return known }
        var keys: [SM2PublicKey] = []
        for published in try self.keys().issuer {
            do { keys.append(try published.publicKey()) } catch {
                throw ELicenseError(.badResponse, "issuer key \(error.detail)")
            }
        }
        let fresh = try TrustedKeys(keys)
        issuerKeys.withLock { $0 = fresh }
        return fresh
    }

    /// Issued material, the issuer signature of the license data in it verified as in
    /// ``license(grant:)`` (so a front of the other profile is refused here too, protocol §6).
    public func issueMaterial(_ request: MaterialRequest) throws(ELicenseError) -> MaterialIssued {
        try CallDeadline.within(milliseconds: config.timeoutMilliseconds) { () throws(ELicenseError) in
            let issued = try call(.post, "/v1/materials", body: request, as: MaterialIssued.self)
            try verifyIssuer(issued.material.signedLicense)
            return issued
        }
    }

    public func material(id: String) throws(ELicenseError) -> VerifyResult {
        try call(.get, "/v1/materials/\(try Self.pathSegment(id))", as: VerifyResult.self)
    }

    /// The rendered document bytes (`pdf` or `png`), checked against the signed digest.
    public func document(of material: MaterialRecord, format: String) throws(ELicenseError) -> [UInt8] {
        guard material.documents.contains(where: { $0.format == format }) else {
            throw ELicenseError(.invalidArgument, "material has no \(format) document")
        }
        let reply = try exchange(
            .get, "/v1/materials/\(try Self.pathSegment(material.id))/document?format=\(format)", body: nil,
            idempotent: true)
        guard (200..<300).contains(reply.status) else { throw Self.error(from: reply) }
        return try material.checked(document: reply.body, format: format)
    }

    public func verify(_ request: VerifyRequest) throws(ELicenseError) -> VerifyResult {
        try call(.post, "/v1/materials/verify", body: request, idempotent: true, as: VerifyResult.self)
    }

    public func revoke(materialID: String, reason: String) throws(ELicenseError) -> VerifyResult {
        try call(
            .post, "/v1/materials/\(try Self.pathSegment(materialID))/revoke", body: RevokeRequest(reason: reason),
            idempotent: true, as: VerifyResult.self)
    }

    // MARK: exchange

    public enum Method: String, Sendable { case get = "GET", post = "POST" }

    /// One signed exchange with any endpoint served with protocol v1's security: the endpoints
    /// above, and others built on it such as the provincial interface of docs/upstream.md.
    /// GET is retried as idempotent. `path` starts with `/` and carries no unchecked input
    /// (see ``pathSegment(_:)``).
    public func call<T: Decodable>(_ method: Method, _ path: String, as type: T.Type) throws(ELicenseError) -> T {
        let reply = try exchange(method, path, body: nil, idempotent: method == .get)
        return try decode(reply, as: type)
    }

    /// A signed exchange with a JSON body; `idempotent` lets transient failures be retried.
    public func call<B: Encodable, T: Decodable>(
        _ method: Method, _ path: String, body: B, idempotent: Bool = false,
        as type: T.Type
    ) throws(ELicenseError) -> T {
        let reply = try exchange(method, path, body: try WireJSON.encode(body), idempotent: idempotent)
        return try decode(reply, as: type)
    }

    /// Internal, as is ``verifySignature(_:nonce:)``: the response fuzz target (Fuzz/) calls both.
    func decode<T: Decodable>(_ reply: HTTPReply, as type: T.Type) throws(ELicenseError) -> T {
        guard (200..<300).contains(reply.status) else { throw Self.error(from: reply) }
        do { return try WireJSON.decode(type, from: reply.body) } catch {
            throw ELicenseError(.badResponse, error.detail, requestID: reply.header(ProtocolV1.Header.requestID))
        }
    }

    /// Signs, sends and verifies; idempotent calls are retried after failures that may be
    /// transient, each attempt with a fresh nonce and timestamp. All attempts and the pauses
    /// between them end within `timeout_ms` (and within the caller's ``CallDeadline``); each
    /// attempt tells the front the time left (protocol §10), and a retry starts only with at
    /// least ``ProtocolV1/Deadline/minimumAttemptMilliseconds`` left after its pause.
    private func exchange(_ method: Method, _ path: String, body: [UInt8]?, idempotent: Bool) throws(ELicenseError)
        -> HTTPReply
    {
        try CallDeadline.within(milliseconds: config.timeoutMilliseconds) { () throws(ELicenseError) in
            var attempt = 0
            while true {
                do throws(ELicenseError) {
                    let reply = try once(
                        method, path, body: body,
                        timeoutMilliseconds: try CallDeadline.remaining(atMost: config.timeoutMilliseconds))
                    if idempotent, attempt < config.retries, [502, 503, 504].contains(reply.status) {
                        throw Self.error(from: reply)
                    }
                    return reply
                } catch {
                    guard idempotent, attempt < config.retries, Self.retriedHere(error.code) else { throw error }
                    attempt += 1
                    let pause = Self.backoff(attempt: attempt, retryAfter: error.retryAfter)
                    // A pause, or an attempt after it, that would outlast the call is the caller's to decide on.
                    guard let left = try? CallDeadline.remaining(atMost: config.timeoutMilliseconds),
                        pause + ProtocolV1.Deadline.minimumAttemptMilliseconds <= left
                    else { throw error }
                    Self.sleep(milliseconds: pause)
                }
            }
        }
    }

    /// Failures this client retries: its own transport's and the front's passing refusals.
    /// Not `upstream_failed` and `upstream_timeout`: the front has already retried the
    /// provincial system as far as the call's time allowed (protocol §10), so one timeout is
    /// never retried at two layers.
    static func retriedHere(_ code: ErrorCode) -> Bool {
        code.isRetryable && code != .upstreamFailed && code != .upstreamTimeout
    }

    private func once(_ method: Method, _ path: String, body: [UInt8]?, timeoutMilliseconds: Int) throws(ELicenseError)
        -> HTTPReply
    {
        let nonce: String
        do { nonce = try SecureRandom.hex(byteCount: 16) } catch { throw ELicenseError(.internal, error.message) }
        let canonical = try CanonicalRequest(
            method: method.rawValue, target: path, timestamp: Int64(time(nil)), nonce: nonce,
            appID: config.appID, body: body ?? [])
        var headers = try RequestSignature(signing: canonical, with: key).headers.map { ($0.name, $0.value) }
        headers.append(("Accept", "application/json"))
        headers.append((ProtocolV1.Header.timeoutMilliseconds, String(timeoutMilliseconds)))
        if body != nil { headers.append(("Content-Type", "application/json; charset=utf-8")) }
        let reply = try transport.perform(
            method: method.rawValue, url: baseURL + path, headers: headers, body: body,
            timeoutMilliseconds: timeoutMilliseconds)
        try verifySignature(reply, nonce: nonce)
        return reply
    }

    func verifySignature(_ reply: HTTPReply, nonce: String) throws(ELicenseError) {
        guard reply.header(ProtocolV1.Header.signature) != nil else {
            // A gateway between us and the front answering for it: a transport problem, not a forgery.
            if reply.status >= 500 {
                throw ELicenseError(.unavailable, "unsigned HTTP \(reply.status) from an intermediary")
            }
            throw ELicenseError(.responseSignatureInvalid, "unsigned HTTP \(reply.status) response")
        }
        let signature = try ResponseSignature { reply.header($0) }
        try signature.verify(status: reply.status, requestNonce: nonce, body: reply.body, trusted: pinned)
    }

    static func error(from reply: HTTPReply) -> ELicenseError {
        if let body = try? WireJSON.decode(ErrorBody.self, from: reply.body) { return body.failure }
        return ELicenseError(
            .badResponse, "HTTP \(reply.status) without an error body",
            requestID: reply.header(ProtocolV1.Header.requestID))
    }

    /// 200 ms, 400 ms, 800 ms … with ±25 % jitter, or what the front asked for (0–30 s: the
    /// number comes from the network, signed or not it must not overflow).
    static func backoff(attempt: Int, retryAfter: Int?) -> Int {
        if let retryAfter { return min(max(retryAfter, 0), 30) * 1000 }
        let base = 200 << min(max(attempt - 1, 0), 6)
        return base * 3 / 4 + Int.random(in: 0...(base / 2))
    }

    static func sleep(milliseconds: Int) {
        var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
    }

    /// Ids from the front are tokens; anything else could rewrite the request path.
    public static func pathSegment(_ id: String) throws(ELicenseError) -> String {
        guard !id.isEmpty, id.utf8.count <= 128, id.utf8.allSatisfy({ ProtocolV1.isTokenByte($0) }) else {
            throw ELicenseError(.invalidArgument, "identifier must match [A-Za-z0-9_-]{1,128}")
        }
        return id
    }

    static func privateKey(_ config: ClientConfig) throws(ELicenseError) -> SM2PrivateKey {
        var pem = config.privateKeyPEM
        if pem == nil, let file = config.privateKeyFile {
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: file)) else {
                throw ELicenseError(.ioError, "cannot read private_key_file \(file)")
            }
            pem = String(decoding: data, as: UTF8.self)
        }
        guard let pem else { throw ELicenseError(.invalidConfig, "private_key_pem or private_key_file is required") }
        do { return try SM2PrivateKey(pem: pem) } catch {
            throw ELicenseError(.keyInvalid, "private key: \(error.message)")
        }
    }
}
