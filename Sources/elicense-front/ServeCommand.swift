import ArgumentParser
import ELicenseCore
import ELicenseFront
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "运行前置系统 — run the front system (SIGHUP reloads keys, certificate and settings; SIGTERM drains, then stops)."
    )

    @OptionGroup var options: FrontOptions

    @Option(help: "Address to listen on.")
    var host: String?

    @Option(help: "Port to listen on.")
    var port: Int?

    @Flag(help: "Allow plain HTTP on a non-loopback address (behind a TLS-terminating gateway only).")
    var allowPlainHttp = false

    func run() async throws {
        let config = try settings()
        let front = try await options.open(config)
        var logger = Logger(label: "elicense-front")
        logger.logLevel = .info
        logger.info(
            "启动前置系统 starting front system",
            metadata: [
                "profile": .string(config.profile.rawValue), "url": .string(config.baseURL),
                "role": .string(config.role.rawValue), "upstream": .string(config.upstreamLabel),
                "data": .string(config.dataDirectory), "front_key_id": .string(front.keyring.signing.keyID),
            ])
        let pidFile = PidFile(dataDirectory: config.dataDirectory)
        try pidFile.write()
        defer { pidFile.remove() }
        try await front.serve(logger: logger, reload: settings)
    }

    /// The configuration as at start: file, environment, then this command's flags. A reload
    /// reads it the same way.
    @Sendable func settings() throws -> FrontConfig {
        var config = try options.load()
        if let host { config.host = host }
        if let port { config.port = port }
        if allowPlainHttp { config.allowPlainHTTP = true }
        return config
    }
}
