import ELicenseCore
import ELicenseProtocol

/// Paths of the provincial interface over protocol v1 (docs/upstream.md): served by a sandbox
/// front, called by ``HTTPUpstream``. Bodies are ``UpstreamLoginRequest``,
/// ``UpstreamLoginTicket``, ``UpstreamLoginState``, ``SignedLicense`` and the types below.
public enum UpstreamV1 {
    /// `GET` → ``UpstreamIssuerKeys``
    public static let issuerKeys = "/v1/upstream/issuer-keys"
    /// `POST` ``UpstreamLoginRequest`` → `201` ``UpstreamLoginTicket``;
    /// `GET /v1/upstream/logins/{ticket}` → ``UpstreamLoginState``
    public static let logins = "/v1/upstream/logins"
    /// `POST` ``UpstreamLicenseRequest`` → ``SignedLicense``
    public static let license = "/v1/upstream/license"
}

/// The keys the provincial system signs license data with.
public struct UpstreamIssuerKeys: Codable, Sendable, Equatable {
    /// A front trusts only issuer keys of its own profile: sandbox licenses never verify in production.
    public var profile: Profile
    public var keys: [PublishedKey]

    public init(profile: Profile, keys: [PublishedKey]) {
        self.profile = profile
        self.keys = keys
    }
}

public struct UpstreamLicenseRequest: Codable, Sendable, Equatable {
    public var authorization: String

    public init(authorization: String) { self.authorization = authorization }
}
