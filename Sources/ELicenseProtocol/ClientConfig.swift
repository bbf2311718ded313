import ELicenseCore

/// The configuration file a department receives when its application is registered: everything
/// the SDK needs to call the front. It holds the application's private key: keep it mode 0600.
public struct ClientConfig: Codable, Sendable, Equatable {
    public var version = 1
    public var profile: Profile
    /// Base URL of the front system, e.g. `https://front.example.gov.cn:8443`.
    public var frontURL: String
    public var appID: String
    /// PKCS#8 PEM, inline; or give `privateKeyFile` instead.
    public var privateKeyPEM: String?
    public var privateKeyFile: String?
    /// The front's response-signing keys the SDK pins (two during a changeover).
    public var frontPublicKeysPEM: [String]
    public var caBundle: String?
    public var proxy: String?
    public var connectTimeoutMilliseconds = 5_000
    public var timeoutMilliseconds = 30_000
    /// Retries of idempotent calls after network failures.
    public var retries = 2

    public init(profile: Profile, frontURL: String, appID: String, privateKeyPEM: String?, frontPublicKeysPEM: [String]) {
        self.profile = profile
        self.frontURL = frontURL
        self.appID = appID
        self.privateKeyPEM = privateKeyPEM
        self.frontPublicKeysPEM = frontPublicKeysPEM
    }

    enum CodingKeys: String, CodingKey {
        case version, profile, proxy, retries
        case frontURL = "front_url", appID = "app_id", privateKeyPEM = "private_key_pem", privateKeyFile = "private_key_file"
        case frontPublicKeysPEM = "front_public_keys_pem", caBundle = "ca_bundle"
        case connectTimeoutMilliseconds = "connect_timeout_ms", timeoutMilliseconds = "timeout_ms"
    }
}
