import ELicenseCore

extension FrontConfig {
    /// Which store the front keeps its data in (docs/front.md, "Stores 存储"): the embedded
    /// SQLite file in the data directory (one instance), or a PostgreSQL database shared by every
    /// instance of a cluster. The database password is read from `password_file`, never written
    /// here; `ELICENSE_FRONT_STORE_URL` sets `url` (and selects postgres).
    public struct StoreSettings: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case sqlite, postgres }
        public enum TLS: String, Codable, Sendable, CaseIterable {
            case disable, require
            case verifyFull = "verify-full"
        }

        public var kind: Kind = .sqlite
        /// `postgres://USER@HOST:PORT/DATABASE`, or `postgres://USER@/DATABASE?host=/socket/dir`.
        public var url: String?
        public var passwordFile: String?
        public var poolSize = 8
        /// Unset: `disable` over a unix socket or to a loopback address, else `verify-full`.
        public var tls: TLS?
        /// CA certificates (PEM) `verify-full` trusts instead of the system's.
        public var caFile: String?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case kind, url, tls
            case passwordFile = "password_file", poolSize = "pool_size", caFile = "ca_file"
        }

        /// Missing keys keep their defaults.
        public init(from decoder: any Decoder) throws {
            self.init()
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let v = try c.decodeIfPresent(Kind.self, forKey: .kind) { kind = v }
            url = try c.decodeIfPresent(String.self, forKey: .url)
            passwordFile = try c.decodeIfPresent(String.self, forKey: .passwordFile)
            if let v = try c.decodeIfPresent(Int.self, forKey: .poolSize) { poolSize = v }
            tls = try c.decodeIfPresent(TLS.self, forKey: .tls)
            caFile = try c.decodeIfPresent(String.self, forKey: .caFile)
        }

        mutating func apply(environment: [String: String]) {
            if let url = environment["ELICENSE_FRONT_STORE_URL"], !url.isEmpty {
                self.url = url
                kind = .postgres
            }
        }

        public func validate() throws(ELicenseError) {
            try SettingRange.check("store.pool_size", poolSize, 1...1000)
            guard kind == .postgres else { return }
            guard let url, !url.isEmpty else {
                throw ELicenseError(
                    .invalidConfig, "store.kind 为 postgres 时须设置 store.url (store kind postgres needs store.url)")
            }
            if caFile != nil, tls != .verifyFull {
                throw ELicenseError(
                    .invalidConfig, "store.ca_file 仅用于 tls: verify-full (store.ca_file needs store.tls: verify-full)")
            }
        }
    }
}
