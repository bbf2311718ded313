import ArgumentParser
import ELicenseCore
import ELicenseFront
import ELicenseProtocol
import ELicenseStore
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
        return config
    }

    /// The application over its store and keys, as every command sees it.
    func open(_ config: FrontConfig) throws -> FrontApplication {
        try DataDirectoryProfile.check(config)
        let keys = config.dataDirectory + "/keys"
        let keyring = try Keyring.load(directory: keys, profile: config.profile)
        let store = try SQLiteStore(path: config.dataDirectory + "/front.sqlite")
        let issuer =
            config.upstream.kind == .sandbox && config.role == .front
            ? try SigningKey(Keyring.loadOrCreate(keys + "/sandbox-issuer.key.pem")) : nil
        return try FrontApplication(config: config, store: store, keyring: keyring, sandboxIssuer: issuer)
    }
}
