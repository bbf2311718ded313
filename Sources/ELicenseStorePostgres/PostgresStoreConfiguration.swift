import ELicenseCore
import Foundation
import NIOSSL
import PostgresNIO

/// Where a ``PostgresStore`` connects and how: the `store:` settings of docs/front.md.
public struct PostgresStoreConfiguration: Sendable {
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, require
        case verifyFull = "verify-full"
    }

    /// `postgres://USER@HOST[:PORT]/DATABASE`, or `postgres://USER@/DATABASE?host=/socket/dir`
    /// for a unix socket. Never a password: that comes from ``password`` (a file of the operator's).
    public var url: String
    public var password: String?
    /// Connections each instance keeps open at most.
    public var poolSize: Int
    /// Nil: `disable` over a unix socket or to a loopback address, else `verify-full`.
    public var tls: TLSMode?
    /// Trusted certificate authorities (PEM) for `verify-full`; the system's when nil.
    public var caFile: String?
    /// The schema the store's tables live in (`search_path`); the server's default when nil.
    /// The tests give each test a schema of its own in one database.
    public var schema: String?

    public init(
        url: String, password: String? = nil, poolSize: Int = 8, tls: TLSMode? = nil, caFile: String? = nil,
        schema: String? = nil
    ) {
        self.url = url
        self.password = password
        self.poolSize = poolSize
        self.tls = tls
        self.caFile = caFile
        self.schema = schema
    }

    /// Reads the password from `file` (the first line; a file of the operator's, never the YAML).
    public static func password(file: String) throws(ELicenseError) -> String {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw ELicenseError(.ioError, "无法读取数据库密码文件 (cannot read the store's password_file \(file))")
        }
        return String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
    }

    /// The parts of ``url``, checked.
    struct Endpoint: Equatable {
        enum Address: Equatable {
            case tcp(host: String, port: Int)
            case socket(path: String)
        }
        var address: Address
        var user: String
        var database: String

        /// For messages: never the password (the URL has none).
        var text: String {
            switch address {
            case .tcp(let host, let port): "\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
            case .socket(let path): "\(user)@\(path)/\(database)"
            }
        }
    }

    func endpoint() throws(ELicenseError) -> Endpoint {
        func invalid(_ why: String) -> ELicenseError {
            ELicenseError(.invalidConfig, "store.url 无效 (store.url is not postgres://USER@HOST:PORT/DATABASE: \(why))")
        }
        guard let parts = URLComponents(string: url), let scheme = parts.scheme,
            ["postgres", "postgresql"].contains(scheme.lowercased())
        else {
            throw invalid("the scheme must be postgres")
        }
        guard parts.password == nil else {
            throw ELicenseError(
                .invalidConfig,
                "store.url 不能包含密码，请使用 password_file (store.url must not carry a password: use store.password_file)")
        }
        guard let user = parts.user, !user.isEmpty else { throw invalid("no user") }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw invalid("no database") }
        var socketDirectory: String?
        for item in parts.queryItems ?? [] {
            guard item.name == "host", let value = item.value, value.hasPrefix("/") else {
                throw invalid("the only parameter is host=/unix/socket/directory")
            }
            socketDirectory = value
        }
        let port = parts.port ?? 5432
        guard (1...65535).contains(port) else { throw invalid("port \(port)") }
        if let socketDirectory {
            return Endpoint(
                address: .socket(path: socketDirectory + "/.s.PGSQL.\(port)"), user: user, database: database)
        }
        guard let host = parts.host, !host.isEmpty else { throw invalid("no host") }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return Endpoint(address: .tcp(host: bare, port: port), user: user, database: database)
    }

    /// The TLS mode in effect (see ``tls``).
    func tlsMode(_ endpoint: Endpoint) -> TLSMode {
        if let tls { return tls }
        switch endpoint.address {
        case .socket: return .disable
        case .tcp(let host, _):
            return ["localhost", "127.0.0.1", "::1"].contains(host) || host.hasPrefix("127.") ? .disable : .verifyFull
        }
    }

    func tlsConfiguration(_ mode: TLSMode) throws(ELicenseError) -> TLSConfiguration? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable:
            return nil
        case .require:
            // Encrypted, but anyone's certificate: protects against a passive listener only.
            configuration.certificateVerification = .none
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
            if let caFile {
                do { configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile)) } catch {
                    throw ELicenseError(
                        .invalidConfig, "无法读取 store.ca_file (cannot read the CA file \(caFile)): \(error)")
                }
            }
        }
        return configuration
    }

    /// The configuration of one connection (migrations, the start-up checks).
    func connection() throws(ELicenseError) -> PostgresConnection.Configuration {
        let endpoint = try endpoint()
        var configuration: PostgresConnection.Configuration
        switch endpoint.address {
        case .tcp(let host, let port):
            let tls = try tlsConfiguration(tlsMode(endpoint))
            let mode: PostgresConnection.Configuration.TLS
            do { mode = try tls.map { .require(try NIOSSLContext(configuration: $0)) } ?? .disable } catch {
                throw ELicenseError(.invalidConfig, "TLS 配置无效 (store TLS settings): \(error)")
            }
            configuration = PostgresConnection.Configuration(
                host: host, port: port, username: endpoint.user, password: password, database: endpoint.database,
                tls: mode)
        case .socket(let path):
            configuration = PostgresConnection.Configuration(
                unixSocketPath: path, username: endpoint.user, password: password, database: endpoint.database)
        }
        configuration.options.connectTimeout = .seconds(10)
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        return configuration
    }

    /// The configuration of the pool the store serves from.
    func pool() throws(ELicenseError) -> PostgresClient.Configuration {
        let endpoint = try endpoint()
        var configuration: PostgresClient.Configuration
        switch endpoint.address {
        case .tcp(let host, let port):
            let tls = try tlsConfiguration(tlsMode(endpoint))
            configuration = PostgresClient.Configuration(
                host: host, port: port, username: endpoint.user, password: password, database: endpoint.database,
                tls: tls.map { .require($0) } ?? .disable)
        case .socket(let path):
            configuration = PostgresClient.Configuration(
                unixSocketPath: path, username: endpoint.user, password: password, database: endpoint.database)
        }
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.maximumConnections = max(1, poolSize)
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        return configuration
    }
}
