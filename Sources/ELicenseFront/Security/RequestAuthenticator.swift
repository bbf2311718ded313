import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import ELicenseStore

/// The application a request was authenticated as.
struct AuthenticatedCaller: Sendable {
    let app: AppSystem
    let unit: AccessUnit
    let keyID: String
}

/// The caller checks of protocol v1 §3.5, in the documented order. The nonce is remembered only
/// after the signature verifies, so nobody can burn another application's nonces.
struct RequestAuthenticator: Sendable {
    let store: any FrontStore
    let profile: Profile
    let skewSeconds: Int64
    private let keys = PublicKeyCache()

    init(store: any FrontStore, profile: Profile, skewSeconds: Int64) {
        self.store = store
        self.profile = profile
        self.skewSeconds = skewSeconds
    }

    /// A request the headers alone admitted (steps 2–7): its body may now be read.
    struct Admission: Sendable {
        let signature: RequestSignature
        let method: String
        let target: String
        let record: AppAuthentication
    }

    /// Steps 2–7 of §3.5, from the request line and headers only, so that a caller who is not a
    /// known, enabled application at an allowed address with a fresh timestamp never makes the
    /// front buffer a body. `values` gives every value of a header (names case-insensitive).
    func admit(
        method: String, target: String, values: (String) -> [String],
        remoteAddress: String?, now: Timestamp
    ) async throws(ELicenseError) -> Admission {
        typealias H = ProtocolV1.Header
        for name in [H.appID, H.keyID, H.timestamp, H.nonce, H.signature] where values(name).count > 1 {
            throw ELicenseError(.unauthenticated, "\(name) appears more than once")
        }
        // HTTPTypes already holds field values without surrounding whitespace (RFC 9110 §5.5),
        // the values §3.2 signs.
        let signature = try RequestSignature { values($0).first }
        do {
            _ = try CanonicalRequest(
                method: method, target: target, timestamp: signature.timestamp,
                nonce: signature.nonce, appID: signature.appID, body: [])
        } catch {
            throw ELicenseError(.unauthenticated, error.detail)
        }
        guard let record = try await store.authentication(appID: signature.appID) else {
            throw ELicenseError(.appUnknown, "app \(signature.appID)")
        }
        guard record.app.enabled, record.unit.enabled else {
            throw ELicenseError(.appDisabled, record.unit.enabled ? "application disabled" : "access unit disabled")
        }
        guard record.app.profile == profile else {
            throw ELicenseError(
                .profileMismatch, "app registered for \(record.app.profile.rawValue), this front is \(profile.rawValue)"
            )
        }
        if !record.app.allowedAddresses.isEmpty {
            let rules = record.app.allowedAddresses.compactMap { try? AddressRule($0) }
            guard let remoteAddress, rules.contains(where: { $0.matches(remoteAddress) }) else {
                throw ELicenseError(.addressForbidden, "source \(remoteAddress ?? "unknown")")
            }
        }
        let (skew, overflow) = now.secondsSince1970.subtractingReportingOverflow(signature.timestamp)
        guard !overflow, skew.magnitude <= skewSeconds.magnitude else {
            throw ELicenseError(
                .timestampSkew, "request time differs from the front's by \(skew) s (allowed ±\(skewSeconds) s)")
        }
        return Admission(signature: signature, method: method, target: target, record: record)
    }

    /// Steps 8–10 of §3.5 over the body read after ``admit(method:target:values:remoteAddress:now:)``;
    /// the nonce and the rate budget in one store transaction.
    func verify(_ admitted: Admission, body: [UInt8], now: Timestamp) async throws(ELicenseError) -> AuthenticatedCaller
    {
        let signature = admitted.signature, record = admitted.record
        let canonical: CanonicalRequest
        do {
            canonical = try CanonicalRequest(
                method: admitted.method, target: admitted.target, timestamp: signature.timestamp,
                nonce: signature.nonce, appID: signature.appID, body: body)
        } catch {
            throw ELicenseError(.unauthenticated, error.detail)
        }
        let trusted = try TrustedKeys(record.activeKeys.compactMap { keys.key($0) })
        guard let keyID = trusted.signer(of: canonical.string, signature: signature.signature, keyID: signature.keyID)
        else {
            throw ELicenseError(
                .signatureInvalid, signature.keyID.map { "key \($0.prefix(32))" } ?? "no active key verifies")
        }
        let (expiry, overflow) = signature.timestamp.addingReportingOverflow(skewSeconds + 1)
        let perMinute = record.app.rateLimitPerMinute
        switch try await store.admitCall(
            appID: record.app.appID, nonce: signature.nonce,
            nonceExpiresAt: Timestamp(secondsSince1970: overflow ? Int64.max : expiry), perMinute: perMinute, now: now)
        {
        case .admitted:
            return AuthenticatedCaller(app: record.app, unit: record.unit, keyID: keyID)
        case .nonceReplayed:
            throw ELicenseError(.nonceReplayed, "nonce \(signature.nonce.prefix(8))…")
        case .rateLimited:
            // The bucket refills a token every 60/perMinute seconds; it holds less than one now.
            throw ELicenseError(.rateLimited, retryAfter: min(60, 60 / max(1, perMinute) + 1))
        }
    }
}

/// Parsed public keys by app and key id: a PEM parse costs more than the verification it
/// enables. Keyed by the app too, so one app's filed key never stands in for another's (a key id
/// is a 64-bit digest, and two apps may file the same key). Key ids are digests of the key, so an
/// entry never goes stale.
final class PublicKeyCache: Sendable {
    struct Key: Hashable {
        let appID: String
        let keyID: String
    }

    private let cache = Locked<[Key: SM2PublicKey]>([:])

    func key(_ key: AppKey) -> SM2PublicKey? {
        let slot = Key(appID: key.appID, keyID: key.keyID)
        if let hit = cache.withLock({ $0[slot] }) { return hit }
        guard let parsed = try? SM2PublicKey(pem: key.publicKeyPEM), (try? parsed.keyID()) == key.keyID else {
            return nil
        }
        cache.withLock { $0[slot] = parsed }
        return parsed
    }
}
