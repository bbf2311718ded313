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

    /// Absent optional settings keep their defaults, so a hand-written file need only hold the
    /// essentials.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 1
        profile = try c.decode(Profile.self, forKey: .profile)
        frontURL = try c.decode(String.self, forKey: .frontURL)
        appID = try c.decode(String.self, forKey: .appID)
        privateKeyPEM = try c.decodeIfPresent(String.self, forKey: .privateKeyPEM)
        privateKeyFile = try c.decodeIfPresent(String.self, forKey: .privateKeyFile)
        frontPublicKeysPEM = try c.decode([String].self, forKey: .frontPublicKeysPEM)
        caBundle = try c.decodeIfPresent(String.self, forKey: .caBundle)
        proxy = try c.decodeIfPresent(String.self, forKey: .proxy)
        connectTimeoutMilliseconds = try c.decodeIfPresent(Int.self, forKey: .connectTimeoutMilliseconds) ?? 5_000
        timeoutMilliseconds = try c.decodeIfPresent(Int.self, forKey: .timeoutMilliseconds) ?? 30_000
        retries = try c.decodeIfPresent(Int.self, forKey: .retries) ?? 2
    }

    enum CodingKeys: String, CodingKey {
        case version, profile, proxy, retries
        case frontURL = "front_url", appID = "app_id", privateKeyPEM = "private_key_pem", privateKeyFile = "private_key_file"
        case frontPublicKeysPEM = "front_public_keys_pem", caBundle = "ca_bundle"
        case connectTimeoutMilliseconds = "connect_timeout_ms", timeoutMilliseconds = "timeout_ms"
    }
}

extension ClientConfig {
    /// Reads a configuration from JSON text.
    public init(json: [UInt8]) throws(ELicenseError) {
        do { self = try WireJSON.decode(ClientConfig.self, from: json) } catch {
            throw ELicenseError(error.code == .invalidUTF8 ? .invalidUTF8 : .invalidConfig, error.detail)
        }
    }
}
