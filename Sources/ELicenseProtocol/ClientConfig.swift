import ELicenseCore
#if canImport(Glibc)
import Glibc
#endif

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
    public var connectTimeoutMilliseconds = Self.defaultConnectTimeout
    /// The longest one call takes, all attempts and the pauses between them included.
    public var timeoutMilliseconds = Self.defaultTimeout
    /// Retries of idempotent calls after network failures.
    public var retries = Self.defaultRetries

    public init(profile: Profile, frontURL: String, appID: String, privateKeyPEM: String?, frontPublicKeysPEM: [String]) {
        self.profile = profile
        self.frontURL = frontURL
        self.appID = appID
        self.privateKeyPEM = privateKeyPEM
        self.frontPublicKeysPEM = frontPublicKeysPEM
    }

    /// Absent optional settings keep their defaults, so a hand-written file need only hold the
    /// essentials; `version` is not optional (a file of a later format must not pass for one).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        profile = try c.decode(Profile.self, forKey: .profile)
        frontURL = try c.decode(String.self, forKey: .frontURL)
        appID = try c.decode(String.self, forKey: .appID)
        privateKeyPEM = try c.decodeIfPresent(String.self, forKey: .privateKeyPEM)
        privateKeyFile = try c.decodeIfPresent(String.self, forKey: .privateKeyFile)
        frontPublicKeysPEM = try c.decode([String].self, forKey: .frontPublicKeysPEM)
        version = try c.decode(Int.self, forKey: .version)
        caBundle = try c.decodeIfPresent(String.self, forKey: .caBundle)
        proxy = try c.decodeIfPresent(String.self, forKey: .proxy)
        connectTimeoutMilliseconds = try c.decodeIfPresent(Int.self, forKey: .connectTimeoutMilliseconds) ?? Self.defaultConnectTimeout
        timeoutMilliseconds = try c.decodeIfPresent(Int.self, forKey: .timeoutMilliseconds) ?? Self.defaultTimeout
        retries = try c.decodeIfPresent(Int.self, forKey: .retries) ?? Self.defaultRetries
    }

    enum CodingKeys: String, CodingKey {
        case version, profile, proxy, retries
        case frontURL = "front_url", appID = "app_id", privateKeyPEM = "private_key_pem", privateKeyFile = "private_key_file"
        case frontPublicKeysPEM = "front_public_keys_pem", caBundle = "ca_bundle"
        case connectTimeoutMilliseconds = "connect_timeout_ms", timeoutMilliseconds = "timeout_ms"
    }
}

extension ClientConfig {
    /// Defaults for interactive use (docs/protocol.md §10): a stalled front fails a call in
    /// about 10 s, so a request thread of a web application is not held for minutes.
    public static let defaultConnectTimeout = 3_000
    public static let defaultTimeout = 10_000
    public static let defaultRetries = 1

    /// Ranges of the numeric settings (docs/protocol.md §10).
    public static let connectTimeoutRange = 1...600_000
    public static let timeoutRange = 1...3_600_000
    public static let retriesRange = 0...10

    /// Checks every setting the SDK can check without reading files or the network, naming the
    /// first one it cannot use (`invalid_config`): a client is refused before anything is sent.
    /// Returns `front_url` parsed.
    @discardableResult
    public func validate() throws(ELicenseError) -> FrontURL {
        guard version == 1 else {
            throw ELicenseError(.invalidConfig, "不支持的配置版本 version \(version) (unsupported configuration version; expected 1)")
        }
        guard ProtocolV1.isValidAppID(appID) else {
            throw ELicenseError(.invalidConfig, "app_id 格式错误 (app_id '\(appID.prefix(80))' is malformed: [A-Za-z0-9._-]{1,64})")
        }
        let url = try FrontURL(frontURL)
        func check(_ value: Int, _ range: ClosedRange<Int>, _ name: String) throws(ELicenseError) {
            guard range.contains(value) else {
                throw ELicenseError(.invalidConfig,
                                    "\(name) 超出范围 \(range.lowerBound)–\(range.upperBound) (\(name) \(value) is out of range)")
            }
        }
        try check(connectTimeoutMilliseconds, Self.connectTimeoutRange, "connect_timeout_ms")
        try check(timeoutMilliseconds, Self.timeoutRange, "timeout_ms")
        try check(retries, Self.retriesRange, "retries")
        return url
    }

    /// Reads a configuration from JSON text.
    public init(json: [UInt8]) throws(ELicenseError) {
        do { self = try WireJSON.decode(ClientConfig.self, from: json) } catch {
            throw ELicenseError(error.code == .invalidUTF8 ? .invalidUTF8 : .invalidConfig, error.detail)
        }
    }
}

/// `front_url` as the SDK uses it: `https://` or `http://`, a host and an optional port, nothing
/// else but a trailing `/`. libcurl, not this check, would decide where a packet goes, so what
/// curl could read differently is refused: user information (`http://127.0.0.1@192.0.2.1`
/// connects to 192.0.2.1), paths, queries, fragments, percent-encoding, spaces. Plain HTTP only
/// to a loopback address (``ProtocolV1/isLoopbackHost(_:)``), so no token crosses a network in clear.
public struct FrontURL: Sendable, Equatable {
    public let isTLS: Bool
    /// The host, without the brackets of an IPv6 literal.
    public let host: String
    public let port: Int?
    /// `scheme://authority` without a trailing `/`: request paths are appended to it.
    public let base: String

    public init(_ text: String) throws(ELicenseError) {
        func refuse(_ why: String) -> ELicenseError {
            ELicenseError(.invalidConfig, "front_url 无效 (front_url '\(text.prefix(120))' \(why))")
        }
        let url = text.hasSuffix("/") ? String(text.dropLast()) : text
        if url.hasPrefix("https://") { isTLS = true } else if url.hasPrefix("http://") { isTLS = false } else {
            throw refuse("must start with https:// or http://")
        }
        let authority = url.drop { $0 != "/" }.dropFirst(2)
        guard !authority.isEmpty else { throw refuse("has no host") }
        guard !authority.contains(where: { "/?#@\\%".contains($0) }) else {
            throw refuse("may hold only a host and a port: no user information, path, query, fragment or %-escapes")
        }
        let portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw refuse("has an unclosed [") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            var v6 = in6_addr()
            guard inet_pton(AF_INET6, host, &v6) == 1 else { throw refuse("has an invalid IPv6 address") }
            let rest = authority[authority.index(after: close)...]
            guard rest.isEmpty || rest.hasPrefix(":") else { throw refuse("has text after the IPv6 address") }
            portText = rest.isEmpty ? nil : rest.dropFirst()
        } else {
            let parts = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = String(parts[0])
            guard !host.isEmpty, host.utf8.allSatisfy({ ProtocolV1.isTokenByte($0) || $0 == UInt8(ascii: ".") }) else {
                throw refuse("has an invalid host name (letters, digits, '.', '-' only)")
            }
            portText = parts.count == 2 ? parts[1] : nil
        }
        if let portText {
            guard (1...5).contains(portText.utf8.count), portText.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                  let port = Int(portText), (1...65535).contains(port) else {
                throw refuse("has an invalid port (1–65535)")
            }
            self.port = port
        } else {
            port = nil
        }
        guard isTLS || ProtocolV1.isLoopbackHost(host) else {
            throw refuse("uses plain HTTP to another machine; only https:// may leave this machine " +
                         "(http:// is for localhost, 127.0.0.0/8 and [::1])")
        }
        base = url
    }
}
