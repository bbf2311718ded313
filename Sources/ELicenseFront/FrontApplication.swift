import ELicenseCore
import ELicenseProtocol
import ELicenseSandbox
import ELicenseStore
import ELicenseUpstream
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL

/// The city front system assembled from its parts; dependencies come in explicitly so tests
/// build it in-process with their own store, clock and upstream.
public struct FrontApplication: Sendable {
    public let config: FrontConfig
    public let store: any FrontStore
    public let keyring: Keyring
    /// The in-process sandbox provincial system, when the upstream is the sandbox or a gateway's rehearsal adapter.
    public let sandbox: SandboxProvince?
    let service: FrontService
    /// What a reload keeps: metrics and rate-limit buckets.
    let runtime: FrontRuntime
    /// The audit records of concurrent calls, committed together.
    let audit: AuditAppender
    /// Kept so a reload that leaves the upstream settings alone reuses it (and its caches).
    let upstream: any Upstream
    let clock: @Sendable () -> Timestamp

    /// - Parameter upstream: the provincial system; by default the one `config.upstream` names.
    public init(
        config: FrontConfig, store: any FrontStore, keyring: Keyring, upstream: (any Upstream)? = nil,
        sandboxIssuer: SigningKey? = nil, clock: @escaping @Sendable () -> Timestamp = FrontApplication.systemClock
    ) throws(ELicenseError) {
        try self.init(
            config: config, store: store, keyring: keyring, upstream: upstream, sandboxIssuer: sandboxIssuer,
            clock: clock, runtime: FrontRuntime(profile: config.profile))
    }

    init(
        config: FrontConfig, store: any FrontStore, keyring: Keyring, upstream: (any Upstream)?,
        sandboxIssuer: SigningKey?, clock: @escaping @Sendable () -> Timestamp, runtime: FrontRuntime
    ) throws(ELicenseError) {
        try config.validate()
        self.config = config
        self.store = store
        self.keyring = keyring
        self.clock = clock
        self.runtime = runtime
        audit = AuditAppender(store: store)
        let chosen: any Upstream
        if let upstream {
            chosen = upstream
        } else if config.role == .gateway {
            chosen = try Gateway.adapter(config: config, store: store, clock: clock)
        } else if config.upstream.kind == .http {
            chosen = try config.upstream.httpUpstream()
        } else {
            guard let sandboxIssuer else {
                throw ELicenseError(.invalidConfig, "the sandbox upstream needs its issuer key")
            }
            chosen = SandboxProvince(
                issuer: sandboxIssuer, appBaseURL: config.baseURL,
                knobs: .init(
                    latencyMilliseconds: config.sandbox.latencyMilliseconds,
                    failureRate: config.sandbox.failureRate),
                persistence: SandboxStateInStore(store: store), clock: clock)
        }
        guard chosen.profile == config.profile else {
            throw ELicenseError(
                .invalidConfig,
                "上游与本前置系统的环境不一致 (the upstream serves profile \(chosen.profile.rawValue), this front is \(config.profile.rawValue))"
            )
        }
        sandbox = chosen as? SandboxProvince
        self.upstream = chosen
        service = FrontService(
            config: config, store: store, upstream: DeadlineBoundUpstream(chosen), frontKey: keyring.signing,
            publishedFrontKeys: keyring.published,
            materials: MaterialFactory(
                frontKey: keyring.signing, frontName: config.frontName, deployment: config.deploymentLabel,
                baseURL: config.baseURL,
                validityDays: config.materialValidityDays, isSandbox: config.profile == .sandbox),
            clock: clock)
    }

    /// The periodic purge and audit checkpoints of a running server.
    public func maintenance(logger: Logger) -> StoreMaintenance {
        StoreMaintenance(
            store: store, settings: config.storage, signing: keyring.signing,
            checkpointFile: config.dataDirectory + "/" + StoreMaintenance.checkpointFileName, clock: clock,
            logger: logger)
    }

    public var registry: Registry { Registry(store: store, config: config, keyring: keyring, clock: clock) }

    public static let systemClock: @Sendable () -> Timestamp = {
        Timestamp(secondsSince1970: Int64(Date().timeIntervalSince1970))
    }

    /// The router with every route and the protocol middleware.
    func router() -> Router<FrontRequestContext> {
        let router = Router(context: FrontRequestContext.self)
        router.add(
            middleware: EdgeMiddleware(
                forwardedFor: ForwardedFor(trustedProxies: config.trustedProxyRules), instance: config.instance))
        router.add(
            middleware: ProtocolMiddleware(
                authenticator: RequestAuthenticator(
                    store: store, profile: config.profile, skewSeconds: Int64(config.clockSkewSeconds)),
                rejections: runtime.rejections,
                rejectionsPerMinute: config.limits.rejectionsPerMinute,
                queryEndpoints: [RouterPath(ProtocolV1.pathPrefix + "/" + MaterialRoutes.documentPath).description],
                audit: audit, frontKey: keyring.signing, metrics: runtime.metrics, clock: clock,
                upstreamLimitMilliseconds: config.upstream.timeoutSeconds * 1000))
        let v1 = router.group(RouterPath(ProtocolV1.pathPrefix), context: AuthenticatedContext.self)
        ServiceRoutes(service: service).register(on: v1)
        if config.role == .gateway {
            Gateway.register(upstream: upstream, front: config, on: v1, public: router)
        } else {
            LoginRoutes(service: service).register(on: v1)
            LicenseRoutes(service: service).register(on: v1)
            MaterialRoutes(service: service).register(on: v1)
        }
        PublicRoutes(
            service: service, store: store, metrics: runtime.metrics, metricsRules: config.metricsAddressRules
        ).register(on: router)
        if config.profile == .sandbox, let sandbox {
            SandboxRoutes(province: sandbox, front: config).register(on: router)
            UpstreamRoutes(province: sandbox).register(on: v1)
        }
        return router
    }

    /// TLS 1.2 and 1.3 only; for TLS 1.2 only ECDHE key exchange with AEAD ciphers (forward
    /// secrecy, no CBC), as docs/front.md states.
    static func tlsConfiguration(certificateChain: [NIOSSLCertificateSource], privateKey: NIOSSLPrivateKeySource)
        -> TLSConfiguration
    {
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: certificateChain, privateKey: privateKey)
        tls.minimumTLSVersion = .tlsv12
        tls.cipherSuites = tls12CipherSuites
        return tls
    }

    static let tls12CipherSuites = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    ].joined(separator: ":")
}
