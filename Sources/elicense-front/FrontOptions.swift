import ArgumentParser
import ELicenseCore
import ELicenseCrypto
import ELicenseFront
import ELicenseProtocol
import ELicenseStore
import ELicenseStorePostgres
import Foundation

/// Options every command shares: where the configuration and the data live.
struct FrontOptions: ParsableArguments {
    @Option(name: .long, help: "YAML or JSON configuration file.")
    var config: String?

    @Option(name: .long, help: "Data directory (store, keys, client configurations).")
    var dataDir: String?

    @Flag(
        name: .long,
        help: "Sandbox profile with the built-in provincial system (the default without a configuration file).")
    var sandbox = false

    /// Defaults, then the file, then the environment, then these flags.
    func load() throws -> FrontConfig {
        var config = try self.config.map(FrontConfig.load(file:)) ?? FrontConfig()
        try config.apply(environment: ProcessInfo.processInfo.environment)
        if let dataDir { config.dataDirectory = dataDir }
        if sandbox {
            config.profile = .sandbox
            config.upstream.kind = .sandbox
        }
        try config.checkRanges()
        try config.store.validate()
        return config
    }

    /// The application over its store and keys, as every command sees it. On PostgreSQL the
    /// instance's key set must be the cluster's (``checkKeys(_:keyring:issuer:)``).
    func open(_ config: FrontConfig) async throws -> FrontApplication {
        try DataDirectoryProfile.check(config)
        let (keyring, issuer) = try Self.keys(config)
        let store = try await openStore(config)
        if config.store.kind == .postgres {
            try await Self.checkKeys(store, fingerprint: try Self.fingerprint(keyring, issuer: issuer))
        }
        return try FrontApplication(config: config, store: store, keyring: keyring, sandboxIssuer: issuer)
    }

    /// The configured store: the SQLite file in the data directory (created and migrated on
    /// open), or the PostgreSQL database (never migrated here: `db migrate` does it).
    func openStore(_ config: FrontConfig) async throws(ELicenseError) -> any FrontStore {
        switch config.store.kind {
        case .sqlite:
            return try SQLiteStore(path: Self.sqlitePath(config))
        case .postgres:
            return try await PostgresStore.open(
                try Self.postgres(config), key: try StoreKey.load(Self.storeKeyPath(config)))
        }
    }

    /// The front's keys and, with the sandbox upstream, the sandbox issuer's (created when missing).
    static func keys(_ config: FrontConfig) throws(ELicenseError) -> (Keyring, SigningKey?) {
        let keys = config.dataDirectory + "/keys"
        let keyring = try Keyring.load(directory: keys, profile: config.profile)
        let issuer =
            config.upstream.kind == .sandbox && config.role == .front
            ? try SigningKey(Keyring.loadOrCreate(keys + "/sandbox-issuer.key.pem")) : nil
        return (keyring, issuer)
    }

    static func sqlitePath(_ config: FrontConfig) -> String { config.dataDirectory + "/front.sqlite" }
    static func storeKeyPath(_ config: FrontConfig) -> String { config.dataDirectory + "/keys/store.key" }

    static func postgres(_ config: FrontConfig) throws(ELicenseError) -> PostgresStoreConfiguration {
        let settings = config.store
        return PostgresStoreConfiguration(
            url: settings.url ?? "",
            password: try settings.passwordFile.map { file throws(ELicenseError) in
                try PostgresStoreConfiguration.password(file: file)
            },
            poolSize: settings.poolSize, tls: settings.tls.flatMap { .init(rawValue: $0.rawValue) },
            caFile: settings.caFile)
    }

    /// The SM3 of the key set every instance of a cluster must share: the front's published
    /// public keys and, in the sandbox, the sandbox issuer's (a material signed on one instance
    /// must verify on another).
    static func fingerprint(_ keyring: Keyring, issuer: SigningKey?) throws(ELicenseError) -> String {
        var keys = keyring.published
        if let issuer { keys.append(try PublishedKey(issuer.privateKey.publicKey)) }
        let text = keys.map { "\($0.keyID)\n\($0.publicKeyPEM)" }.sorted().joined(separator: "\n")
        do { return try SM3.hex(Array(text.utf8)) } catch { throw ELicenseError(.internal, "SM3: \(error)") }
    }

    /// The first instance records its key set; another with different keys is refused.
    static func checkKeys(_ store: any FrontStore, fingerprint: String) async throws(ELicenseError) {
        if let recorded = try await store.claimFrontKeys(fingerprint: fingerprint) {
            throw ELicenseError(
                .invalidConfig,
                "本实例的前置系统密钥与集群中其他实例不同，拒绝启动：请从其他实例复制 keys/ 目录；有意轮换密钥后运行 "
                    + "elicense-front db record-keys (this instance's front keys (SM3 \(fingerprint.prefix(16))…) differ "
                    + "from the ones the other instances on this store use (\(recorded.prefix(16))…): copy keys/ from "
                    + "them, or after a deliberate key rotation run elicense-front db record-keys)")
        }
    }

    /// `audit verify`: the SQLite file read-only (nothing created or migrated), or the
    /// PostgreSQL store as opened for serving (which never migrates either).
    func verifyAudit(_ config: FrontConfig, anchors: [AuditAnchor]) async throws(ELicenseError) -> AuditVerification {
        switch config.store.kind {
        case .sqlite: try SQLiteStore.verifyAudit(path: Self.sqlitePath(config), anchors: anchors)
        case .postgres: try await openStore(config).verifyAudit(anchors: anchors)
        }
    }
}
