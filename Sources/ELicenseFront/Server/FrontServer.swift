import ELicenseCore
import ELicenseProtocol
import ELicenseUpstream
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import UnixSignals

extension FrontApplication {
    /// How long a shutdown lets in-flight requests run before it cancels them; systemd's
    /// `TimeoutStopSec` must be longer (docs/front.md "Reload and shutdown").
    public static let drainTime = Duration.seconds(10)
    /// How long cancelled requests get to unwind before the process exits regardless.
    static let cancellationTime = Duration.seconds(2)

    /// Runs the server until SIGTERM or SIGINT: HTTPS when certificate files are configured,
    /// plain HTTP otherwise (which ``FrontConfig/validate()`` allows only on loopback or when
    /// asked for). SIGHUP reloads the keys, the TLS certificate and the settings `reload` reads,
    /// without closing a connection. Shutdown stops accepting, lets in-flight requests finish
    /// within ``drainTime`` and closes kept-alive connections with `Connection: close`.
    public func serve(logger: Logger, reload: @escaping @Sendable () throws -> FrontConfig) async throws {
        // Trapped first, so a SIGHUP during the start never meets the default action (exit).
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let certificate = try config.tls.map(ServedCertificate.load)
        if let certificate { report(certificate, logger: logger) }
        try await confirmUpstreamProfile(logger: logger)
        runtime.metrics.publish(keys: keyring.published, signing: keyring.signing.keyID)

        let responder = ReloadableResponder(router().buildResponder())
        let contexts = certificate.map { Locked($0.context) }
        let maintenance = maintenance(logger: logger)
        let reloader = FrontReloader(
            current: self, responder: responder, contexts: contexts, maintenance: maintenance, load: reload,
            logger: logger)
        let application = Application(
            responder: responder, server: serverBuilder(contexts: contexts),
            configuration: ApplicationConfiguration(
                address: .hostname(config.host, port: config.port), serverName: "elicense-front"),
            services: [maintenance], logger: logger)
        let shutdown = Locked<ContinuousClock.Instant?>(nil)
        var group = ServiceGroupConfiguration(
            services: [
                .init(service: application),
                .init(service: SignalWatcher(hangups: hangups, reloader: reloader, shutdown: shutdown, logger: logger)),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = Self.drainTime
        group.maximumCancellationDuration = Self.cancellationTime
        try await ServiceGroup(configuration: group).run()
        let took = shutdown.withLock { $0 }.map { ContinuousClock.now - $0 }
        logger.info(
            "前置系统已停止 front system stopped",
            metadata: ["shutdown_seconds": .string(took.map { String(format: "%.2f", Self.seconds($0)) } ?? "-")])
    }

    /// HTTP/1.1 with the connection limits and the shutdown drain, under TLS whose context a
    /// reload can replace.
    private func serverBuilder(contexts: Locked<NIOSSLContext>?) -> HTTPServerBuilder {
        let limits = config.limits
        let connections = ConnectionCap(limit: limits.maxConnections)
        let handshakeSeconds = contexts == nil ? nil : Int64(limits.tlsHandshakeTimeoutSeconds)
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: connections.handlers(tlsHandshakeSeconds: handshakeSeconds) + [DrainHandler()],
            idleTimeout: .seconds(Int64(limits.idleTimeoutSeconds)),
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: HeaderLimits.fieldBytes, maxHeaderListSize: HeaderLimits.totalBytes,
                maxHeaderFieldCount: HeaderLimits.fields))
        return HTTPServerBuilder { responder in
            let http = HTTP1Channel(responder: responder, configuration: http1)
            guard let contexts else { return http }
            return ReloadableTLSChannel(base: http, contexts: contexts)
        }
    }

    /// This front with `config` and `keyring` in place of its own, for a reload: the same
    /// store, clock, metrics and rate-limit buckets. The built-in sandbox stays (its state is
    /// in memory too); an HTTP upstream is built again from its client configuration file,
    /// which the operator may have changed (a newly pinned provincial key, a new app key).
    func reloaded(config new: FrontConfig, keyring: Keyring) throws(ELicenseError) -> FrontApplication {
        try FrontApplication(
            config: new, store: store, keyring: keyring, upstream: config.upstream.kind == .sandbox ? upstream : nil,
            sandboxIssuer: nil, clock: clock, runtime: runtime)
    }

    /// Asks the provincial endpoint which profile it serves, rather than trusting the label of
    /// its client configuration file; refuses to run against the other profile. An endpoint
    /// that does not answer is logged, not fatal: the front starts and its provincial calls
    /// fail until the endpoint is back.
    func confirmUpstreamProfile(logger: Logger) async throws(ELicenseError) {
        guard let http = upstream as? HTTPUpstream else {
            logger.info(
                "上游在本进程内（沙箱或网关适配器）the upstream is in-process: the sandbox, or a gateway's adapter",
                metadata: ["profile": .string(config.profile.rawValue), "upstream": .string(config.upstreamLabel)])
            return
        }
        let served: Profile
        do throws(ELicenseError) { served = try await http.servedProfile() } catch {
            logger.warning(
                "无法向省级端点确认其环境 could not ask the provincial endpoint which profile it serves; provincial calls fail until it answers",
                metadata: ["error": .string(error.code.rawValue), "detail": .string(error.detail)])
            return
        }
        guard served == config.profile else {
            throw ELicenseError(
                .invalidConfig,
                "省级端点与本前置系统的环境不一致 (the provincial endpoint serves profile \(served.rawValue) by its GET /v1/whoami, this front is \(config.profile.rawValue))"
            )
        }
        logger.info(
            "省级端点环境已确认 the provincial endpoint serves this front's profile (its GET /v1/whoami)",
            metadata: ["profile": .string(served.rawValue)])
    }

    func report(_ certificate: ServedCertificate, logger: Logger) {
        runtime.metrics.certificate(notAfter: certificate.notAfter)
        let metadata: Logger.Metadata = [
            "subject": .string(certificate.subject),
            "not_before": .string(ServedCertificate.date(certificate.notBefore)),
            "not_after": .string(ServedCertificate.date(certificate.notAfter)),
        ]
        if let warning = certificate.validityWarning(now: clock().secondsSince1970) {
            logger.warning("\(warning)", metadata: metadata)
        } else {
            logger.info("TLS 证书 TLS certificate", metadata: metadata)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Reloads on SIGHUP until shutdown begins, then logs that it has.
private struct SignalWatcher: Service {
    let hangups: UnixSignalsSequence
    let reloader: FrontReloader
    let shutdown: Locked<ContinuousClock.Instant?>
    let logger: Logger

    func run() async {
        for await _ in hangups.cancelOnGracefulShutdown() {
            await reloader.reload()
        }
        shutdown.withLock { $0 = .now }
        logger.info(
            "开始停止：不再接受连接，等待处理中的请求 shutting down: no new connections, in-flight requests finish",
            metadata: ["drain_seconds": .stringConvertible(FrontApplication.drainTime.components.seconds)])
    }
}
