import ELicenseCore
import ELicenseProtocol
import Logging
import NIOSSL

/// Applies a reload (SIGHUP): reads the configuration, the key files and the certificate
/// again, and only when all of them are good replaces the router (keys and settings) and the
/// TLS context for what comes next. Anything wrong leaves the running front as it was.
/// Reloads run one at a time.
actor FrontReloader {
    private var current: FrontApplication
    private let responder: ReloadableResponder
    private let contexts: Locked<NIOSSLContext>?
    private let maintenance: StoreMaintenance
    private let load: @Sendable () throws -> FrontConfig
    private let logger: Logger

    init(
        current: FrontApplication, responder: ReloadableResponder, contexts: Locked<NIOSSLContext>?,
        maintenance: StoreMaintenance, load: @escaping @Sendable () throws -> FrontConfig, logger: Logger
    ) {
        self.current = current
        self.responder = responder
        self.contexts = contexts
        self.maintenance = maintenance
        self.load = load
        self.logger = logger
    }

    func reload() async {
        logger.info("收到 SIGHUP，重新加载密钥、证书与设置 reloading keys, TLS certificate and settings")
        let metrics = current.runtime.metrics
        do {
            let (config, needRestart) = current.config.reloading(try load())
            let keyring = try Keyring.reload(directory: config.dataDirectory + "/keys", profile: config.profile)
            let certificate = contexts == nil ? nil : try config.tls.map(ServedCertificate.load)
            let next = try current.reloaded(config: config, keyring: keyring)
            try await next.confirmUpstreamProfile(logger: logger)

            responder.replace(with: next.router().buildResponder())
            if let certificate, let contexts {
                contexts.withLock { $0 = certificate.context }
                next.report(certificate, logger: logger)
            }
            await maintenance.reload(settings: config.storage, signing: keyring.signing)
            metrics.publish(keys: keyring.published, signing: keyring.signing.keyID)
            let previous = current.keyring
            current = next
            metrics.recordReload(.ok)
            logger.info(
                "已重新加载 reloaded",
                metadata: [
                    "front_key_id": .string(keyring.signing.keyID),
                    "published_key_ids": .string(keyring.published.map(\.keyID).joined(separator: ",")),
                ])
            if keyring.signing.keyID != previous.signing.keyID,
                !previous.published.contains(where: { $0.keyID == keyring.signing.keyID })
            {
                logger.warning(
                    "新签名密钥此前未公布 the new signing key was not published before this reload: SDKs that have not pinned it refuse every answer (docs/protocol.md §7)",
                    metadata: ["front_key_id": .string(keyring.signing.keyID)])
            }
            if !needRestart.isEmpty {
                logger.warning(
                    "以下设置已修改但需重启才能生效 these settings changed but take effect only after a restart",
                    metadata: ["settings": .string(needRestart.joined(separator: ", "))])
            }
        } catch {
            metrics.recordReload(.refused)
            let failure = (error as? ELicenseError) ?? ELicenseError(.invalidConfig, "\(error)")
            logger.error(
                "重新加载被拒绝，继续使用原有密钥、证书与设置 reload refused; the running keys, certificate and settings stay",
                metadata: ["error": .string(failure.code.rawValue), "detail": .string(failure.detail)])
        }
    }
}
