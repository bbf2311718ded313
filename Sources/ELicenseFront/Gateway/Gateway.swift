import ELicenseCore
import ELicenseProtocol
import ELicenseSandbox
import ELicenseStore
import ELicenseUpstream
import Hummingbird

/// The provincial gateway (`role: gateway`, docs/upstream.md §9): the same server as a front,
/// with its own registry (each city or provincial front is an application of its operator's
/// unit), its own keys and its own audit chain, serving the upstream interface of
/// docs/upstream.md §3 instead of protocol v1's department endpoints.
///
/// Its connection to the 电子营业执照验证系统 is an ``Upstream`` (Sources/ELicenseUpstream):
/// the one seam a real adapter implements, chosen by `gateway.adapter`.
enum Gateway {
    /// The rehearsal adapter's license-signing key, under `<data>/keys/`: a production-profile
    /// key of its own, never the real issuer's, so rehearsal data stays apart from real data.
    static let rehearsalIssuerFile = "rehearsal-issuer.key.pem"

    /// The adapter `gateway.adapter` names. A real adapter is a new ``FrontConfig/GatewaySettings/Adapter``
    /// case built here: a type implementing ``Upstream`` for the production profile that keeps the
    /// contract of docs/upstream.md §1.
    static func adapter(config: FrontConfig, store: any FrontStore, clock: @escaping @Sendable () -> Timestamp)
        throws(ELicenseError) -> any Upstream
    {
        switch config.gateway.adapter {
        case .rehearsal:
            let keys = config.dataDirectory + "/keys"
            try Keyring.ensure(directory: keys)
            return SandboxProvince(
                issuer: try SigningKey(Keyring.loadOrCreate(keys + "/" + rehearsalIssuerFile)),
                appBaseURL: config.baseURL,
                knobs: .init(
                    latencyMilliseconds: config.sandbox.latencyMilliseconds, failureRate: config.sandbox.failureRate),
                persistence: SandboxStateInStore(store: store), rehearsal: true, clock: clock)
        }
    }

    /// The gateway's routes besides the public ones and `/v1/keys`, `/v1/whoami`: the upstream
    /// interface for the registered fronts and, with the rehearsal adapter, its simulated
    /// e-license app under `/rehearsal/`, where the enterprise's confirmation is played.
    static func register(
        upstream: any Upstream, front: FrontConfig, on v1: RouterGroup<AuthenticatedContext>,
        public router: Router<FrontRequestContext>
    ) {
        UpstreamRoutes(province: upstream).register(on: v1)
        if let rehearsal = upstream as? SandboxProvince, rehearsal.isRehearsal {
            SandboxRoutes(province: rehearsal, front: front).register(on: router)
        }
    }
}
