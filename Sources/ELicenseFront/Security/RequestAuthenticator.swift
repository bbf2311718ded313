import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import ELicenseStore
import Synchronization

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

    func authenticate(method: String, target: String, header: (String) -> String?, body: [UInt8],
                      remoteAddress: String?, now: Timestamp) async throws(ELicenseError) -> AuthenticatedCaller {
        let signature = try RequestSignature(header: header)
        let canonical: CanonicalRequest
        do {
            canonical = try CanonicalRequest(method: method, target: target, timestamp: signature.timestamp,
                                             nonce: signature.nonce, appID: signature.appID, body: body)
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
            throw ELicenseError(.profileMismatch, "app registered for \(record.app.profile.rawValue), this front is \(profile.rawValue)")
        }
        if !record.app.allowedAddresses.isEmpty {
            let rules = record.app.allowedAddresses.compactMap { try? AddressRule($0) }
            guard let remoteAddress, rules.contains(where: { $0.matches(remoteAddress) }) else {
                throw ELicenseError(.addressForbidden, "source \(remoteAddress ?? "unknown")")
            }
        }
        let skew = now.secondsSince1970 - signature.timestamp
        guard abs(skew) <= skewSeconds else {
            throw ELicenseError(.timestampSkew, "request time differs from the front's by \(skew) s (allowed ±\(skewSeconds) s)")
        }
        let trusted = try TrustedKeys(record.activeKeys.compactMap { keys.key($0) })
        guard let keyID = trusted.signer(of: canonical.string, signature: signature.signature, keyID: signature.keyID) else {
            throw ELicenseError(.signatureInvalid, signature.keyID.map { "key \($0)" } ?? "no active key verifies")
        }
        guard try await store.useNonce(appID: record.app.appID, nonce: signature.nonce,
                                       expiresAt: Timestamp(secondsSince1970: signature.timestamp + skewSeconds + 1), now: now) else {
            throw ELicenseError(.nonceReplayed, "nonce \(signature.nonce.prefix(8))…")
        }
        return AuthenticatedCaller(app: record.app, unit: record.unit, keyID: keyID)
    }
}

/// Parsed public keys by key id: a PEM parse costs more than the verification it enables.
/// Key ids are digests of the key, so an entry never goes stale.
final class PublicKeyCache: Sendable {
    private let cache = Mutex<[String: SM2PublicKey]>([:])

    func key(_ key: AppKey) -> SM2PublicKey? {
        if let hit = cache.withLock({ $0[key.keyID] }) { return hit }
        guard let parsed = try? SM2PublicKey(pem: key.publicKeyPEM), (try? parsed.keyID()) == key.keyID else { return nil }
        cache.withLock { $0[key.keyID] = parsed }
        return parsed
    }
}
