import ELicenseCore
import ELicenseProtocol
import Foundation
import Yams

/// Everything an operator can set. Sources, later overriding earlier: built-in defaults, a
/// YAML or JSON file, `ELICENSE_FRONT_*` environment variables, command-line flags.
public struct FrontConfig: Codable, Sendable, Equatable {
    public var profile: Profile = .sandbox
    public var role: Role = .front
    public var host = "127.0.0.1"
    public var port = 8680
    /// Base URL printed in QR codes and verification links; defaults to the listening address.
    public var publicURL: String?
    public var dataDirectory = "elicense-data"
    /// Name printed on materials and shown to enterprises, e.g. 济南市政务服务电子营业执照验证前置系统.
    public var frontName = "政务服务电子营业执照验证前置系统"
    public var tls: TLSFiles?
    /// Plain HTTP on a non-loopback address must be asked for explicitly.
    public var allowPlainHTTP = false
    public var clockSkewSeconds = 300
    public var loginTTLSeconds = 300
    public var pollIntervalSeconds = 2
    public var grantTTLSeconds = 1800
    public var materialValidityDays = 90
    public var defaultRateLimitPerMinute = 600
    /// Addresses allowed to read /metrics; empty = loopback only.
    public var metricsAllowedAddresses: [String] = []
    public var upstream = UpstreamSettings()
    public var sandbox = SandboxSettings()
    public var limits = ConnectionLimits()
    public var storage = StorageSettings()
    /// 市级 or 省级 front, its region, its reverse proxies and instance name (DeploymentSettings.swift).
    public var level = FrontLevel.city
    public var region: Region?
    public var trustedProxies: [String] = []
    public var instanceName: String?
    public var gateway = GatewaySettings()
    public var store = StoreSettings()

    public init() {}

    public struct TLSFiles: Codable, Sendable, Equatable {
        public var certificateFile: String
        public var privateKeyFile: String

        public init(certificateFile: String, privateKeyFile: String) {
            self.certificateFile = certificateFile
            self.privateKeyFile = privateKeyFile
        }

        enum CodingKeys: String, CodingKey {
            case certificateFile = "certificate_file", privateKeyFile = "private_key_file"
        }
    }

    /// The provincial verification system: the built-in sandbox, or an endpoint speaking the
    /// HTTP wire format of docs/upstream.md (a sandbox front, or a provincial adapter).
    public struct UpstreamSettings: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case sandbox, http }
        public var kind: Kind = .sandbox
        /// Kind `http`: the client configuration file (docs/protocol.md §10) the provincial
        /// endpoint issued to this front — its URL, this front's app id and key, its pinned keys.
        public var clientConfig: String?
        /// The longest one call spends on the provincial system, all attempts included (a
        /// caller's `X-Elicense-Timeout-Ms` shortens it); replaces the file's `timeout_ms`. Below
        /// the SDK's default 10 s, so a department sees `upstream_timeout` rather than its own
        /// call to the front timing out (docs/upstream.md §5).
        public var timeoutSeconds = 8
        /// Provincial calls in flight at once; beyond it a call fails at once with `upstream_failed`.
        public var maxConcurrentCalls = 64

        public init() {}

        enum CodingKeys: String, CodingKey {
            case kind, clientConfig = "client_config", timeoutSeconds = "timeout_seconds", maxConcurrentCalls =
                "max_concurrent_calls"
        }
    }

    /// Knobs of the built-in sandbox provincial system.
    public struct SandboxSettings: Codable, Sendable, Equatable {
        /// Added to every upstream call, to rehearse a slow provincial system.
        public var latencyMilliseconds = 0
        /// Fraction (0…1) of upstream calls that fail with `upstream_failed`.
        public var failureRate = 0.0

        public init() {}

        enum CodingKeys: String, CodingKey { case latencyMilliseconds = "latency_ms", failureRate = "failure_rate" }
    }

    /// What one connection or one source address may cost the front before it is authenticated.
    public struct ConnectionLimits: Codable, Sendable, Equatable {
        /// A connection that sends no request part (and a TLS handshake, a request head or the
        /// next body chunk that does not arrive) for this long is closed.
        public var idleTimeoutSeconds = 30
        /// A TLS handshake not finished this long after the connection opened closes it.
        public var tlsHandshakeTimeoutSeconds = 10
        /// Open connections at once; further ones are closed as soon as they are accepted.
        public var maxConnections = 1024
        /// Unauthenticated /v1 requests answered per source address (an IPv6 address counts by
        /// its /64) per minute, as a token bucket; beyond it `429 rate_limited`.
        public var rejectionsPerMinute = 60

        public init() {}

        enum CodingKeys: String, CodingKey {
            case idleTimeoutSeconds = "idle_timeout_seconds", tlsHandshakeTimeoutSeconds =
                "tls_handshake_timeout_seconds"
            case maxConnections = "max_connections", rejectionsPerMinute = "rejections_per_minute"
        }
    }

    enum CodingKeys: String, CodingKey {
        case profile, host, port, tls, upstream, sandbox, limits, storage, store
        case role, gateway
        case publicURL = "public_url", dataDirectory = "data_directory", frontName = "front_name"
        case allowPlainHTTP = "allow_plain_http", clockSkewSeconds = "clock_skew_seconds"
        case loginTTLSeconds = "login_ttl_seconds", pollIntervalSeconds = "poll_interval_seconds"
        case grantTTLSeconds = "grant_ttl_seconds", materialValidityDays = "material_validity_days"
        case defaultRateLimitPerMinute = "default_rate_limit_per_minute"
        case metricsAllowedAddresses = "metrics_allowed_addresses"
        case level, region, trustedProxies = "trusted_proxies", instanceName = "instance_name"
    }

    /// Missing keys keep their defaults, so a file need only name what it changes.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func take<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
            if let v = try c.decodeIfPresent(T.self, forKey: key) { value = v }
        }
        try take(.profile, &profile)
        try take(.host, &host)
        try take(.port, &port)
        publicURL = try c.decodeIfPresent(String.self, forKey: .publicURL)
        try take(.dataDirectory, &dataDirectory)
        try take(.frontName, &frontName)
        tls = try c.decodeIfPresent(TLSFiles.self, forKey: .tls)
        try take(.allowPlainHTTP, &allowPlainHTTP)
        try take(.clockSkewSeconds, &clockSkewSeconds)
        try take(.loginTTLSeconds, &loginTTLSeconds)
        try take(.pollIntervalSeconds, &pollIntervalSeconds)
        try take(.grantTTLSeconds, &grantTTLSeconds)
        try take(.materialValidityDays, &materialValidityDays)
        try take(.defaultRateLimitPerMinute, &defaultRateLimitPerMinute)
        try take(.metricsAllowedAddresses, &metricsAllowedAddresses)
        try take(.upstream, &upstream)
        try take(.sandbox, &sandbox)
        try take(.limits, &limits)
        try take(.storage, &storage)
        try take(.level, &level)
        region = try c.decodeIfPresent(Region.self, forKey: .region)
        try take(.trustedProxies, &trustedProxies)
        instanceName = try c.decodeIfPresent(String.self, forKey: .instanceName)
        try take(.role, &role)
        try take(.gateway, &gateway)
        try take(.store, &store)
    }
}

extension FrontConfig.UpstreamSettings {
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let v = try c.decodeIfPresent(Kind.self, forKey: .kind) { kind = v }
        clientConfig = try c.decodeIfPresent(String.self, forKey: .clientConfig)
        if let v = try c.decodeIfPresent(Int.self, forKey: .timeoutSeconds) { timeoutSeconds = v }
        if let v = try c.decodeIfPresent(Int.self, forKey: .maxConcurrentCalls) { maxConcurrentCalls = v }
    }
}

extension FrontConfig.ConnectionLimits {
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let v = try c.decodeIfPresent(Int.self, forKey: .idleTimeoutSeconds) { idleTimeoutSeconds = v }
        if let v = try c.decodeIfPresent(Int.self, forKey: .tlsHandshakeTimeoutSeconds) {
            tlsHandshakeTimeoutSeconds = v
        }
        if let v = try c.decodeIfPresent(Int.self, forKey: .maxConnections) { maxConnections = v }
        if let v = try c.decodeIfPresent(Int.self, forKey: .rejectionsPerMinute) { rejectionsPerMinute = v }
    }
}

extension FrontConfig.SandboxSettings {
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let v = try c.decodeIfPresent(Int.self, forKey: .latencyMilliseconds) { latencyMilliseconds = v }
        if let v = try c.decodeIfPresent(Double.self, forKey: .failureRate) { failureRate = v }
    }
}

extension FrontConfig {
    /// Reads a YAML (or JSON, a subset of YAML) configuration file.
    public static func load(file: String) throws(ELicenseError) -> FrontConfig {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw ELicenseError(.invalidConfig, "无法读取配置文件 cannot read \(file): \(error.localizedDescription)")
        }
        do { return try YAMLDecoder().decode(FrontConfig.self, from: text) } catch {
            throw ELicenseError(.invalidConfig, "\(file): \(describe(error))")
        }
    }

    /// Applies `ELICENSE_FRONT_<KEY>` variables for the scalar settings (e.g. ELICENSE_FRONT_PORT=8443).
    public mutating func apply(environment: [String: String]) throws(ELicenseError) {
        func value(_ key: CodingKeys) -> String? { environment["ELICENSE_FRONT_" + key.rawValue.uppercased()] }
        func int(_ key: CodingKeys, _ target: inout Int) throws(ELicenseError) {
            guard let text = value(key) else { return }
            guard let v = Int(text) else {
                throw ELicenseError(
                    .invalidConfig, "ELICENSE_FRONT_\(key.rawValue.uppercased())=\(text) is not an integer")
            }
            target = v
        }
        if let v = value(.profile) {
            guard let p = Profile(rawValue: v) else {
                throw ELicenseError(.invalidConfig, "ELICENSE_FRONT_PROFILE must be sandbox or production")
            }
            profile = p
        }
        if let v = value(.host) { host = v }
        try int(.port, &port)
        if let v = value(.publicURL) { publicURL = v }
        if let v = value(.dataDirectory) { dataDirectory = v }
        if let v = value(.frontName) { frontName = v }
        if let v = value(.instanceName) { instanceName = v }
        if let v = value(.allowPlainHTTP) { allowPlainHTTP = ["1", "true", "yes"].contains(v.lowercased()) }
        try int(.clockSkewSeconds, &clockSkewSeconds)
        try int(.defaultRateLimitPerMinute, &defaultRateLimitPerMinute)
        store.apply(environment: environment)
    }

    /// Refuses settings that would be unsafe or meaningless, naming the setting.
    public func validate() throws(ELicenseError) {
        if tls == nil, !allowPlainHTTP, !ProtocolV1.isLoopbackHost(host) {
            throw ELicenseError(
                .invalidConfig, "非回环地址必须启用 HTTPS (plain HTTP on \(host) needs allow_plain_http: true, or configure tls)"
            )
        }
        try validateRole()
        if profile == .production, upstream.kind == .sandbox, role == .front {
            throw ELicenseError(.invalidConfig, "生产环境不能使用沙箱上游 (profile production cannot use the sandbox upstream)")
        }
        if upstream.kind == .http, upstream.clientConfig?.isEmpty ?? true {
            throw ELicenseError(
                .invalidConfig,
                "upstream kind http needs client_config, the file the provincial endpoint issued to this front")
        }
        try checkRanges()
        try storage.validate()
        try validateMetricsAddresses()
        try validateDeployment()
        try store.validate()
    }

    /// Refuses any number out of its documented range (docs/front.md), naming the setting.
    public func checkRanges() throws(ELicenseError) {
        try SettingRange.check("port", port, 0...65535)
        try SettingRange.check("clock_skew_seconds", clockSkewSeconds, 1...3600)
        try SettingRange.check("login_ttl_seconds", loginTTLSeconds, 5...3600)
        try SettingRange.check("poll_interval_seconds", pollIntervalSeconds, 1...60)
        try SettingRange.check("grant_ttl_seconds", grantTTLSeconds, 60...86_400)
        try SettingRange.check("material_validity_days", materialValidityDays, 1...3650)
        try SettingRange.check("default_rate_limit_per_minute", defaultRateLimitPerMinute, SettingRange.ratePerMinute)
        try SettingRange.check("upstream.timeout_seconds", upstream.timeoutSeconds, 1...120)
        try SettingRange.check("upstream.max_concurrent_calls", upstream.maxConcurrentCalls, 1...4096)
        try SettingRange.check("sandbox.latency_ms", sandbox.latencyMilliseconds, 0...60_000)
        try SettingRange.check("sandbox.failure_rate", sandbox.failureRate, 0...1)
        try SettingRange.check("limits.idle_timeout_seconds", limits.idleTimeoutSeconds, 1...3600)
        try SettingRange.check("limits.tls_handshake_timeout_seconds", limits.tlsHandshakeTimeoutSeconds, 1...300)
        try SettingRange.check("limits.max_connections", limits.maxConnections, 1...100_000)
        try SettingRange.check("limits.rejections_per_minute", limits.rejectionsPerMinute, 1...100_000)
    }

    /// The base URL for links, without a trailing slash.
    public var baseURL: String {
        if let publicURL { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        let h = host.contains(":") ? "[\(host)]" : host
        return "\(tls == nil ? "http" : "https")://\(h):\(port)"
    }
}
