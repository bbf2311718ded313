import ELicenseCore
import ELicenseProtocol
import ELicenseUpstream
import Hummingbird

/// A provincial system offered to other fronts over HTTP (docs/upstream.md): by a sandbox front
/// its built-in sandbox, by a provincial gateway its adapter. A front with `upstream.kind: http`
/// calls these as an application registered here, so they are authenticated, rate-limited,
/// audited and signed like every /v1 call.
struct UpstreamRoutes {
    let province: any Upstream
    /// The same province inside the caller's deadline: a front serving as the provincial
    /// endpoint honours `X-Elicense-Timeout-Ms` as any front does (docs/protocol.md §10).
    private var bounded: DeadlineBoundUpstream { DeadlineBoundUpstream(province) }

    func register(on v1: RouterGroup<AuthenticatedContext>) {
        v1.get(.v1(UpstreamV1.issuerKeys)) { _, context in
            let keys = try await bounded.issuerKeys().map { key throws(ELicenseError) in try PublishedKey(key) }
            return try context.json(UpstreamIssuerKeys(profile: province.profile, keys: keys))
        }
        v1.post(.v1(UpstreamV1.logins)) { _, context in
            let request = try context.decode(UpstreamLoginRequest.self)
            context.record(AuditFacts(purpose: request.purpose))
            return try context.json(try await bounded.startLogin(request), status: .created)
        }
        v1.get(.v1(UpstreamV1.logins + "/:ticket")) { _, context in
            let state = try await bounded.loginState(ticket: try context.parameters.require("ticket"))
            context.record(AuditFacts(subjectUSCC: state.subject?.uscc.value))
            return try context.json(state)
        }
        v1.post(.v1(UpstreamV1.license)) { _, context in
            let signed = try await bounded.license(
                authorization: try context.decode(UpstreamLicenseRequest.self).authorization)
            context.record(AuditFacts(subjectUSCC: signed.license.uscc.value))
            return try context.json(signed)
        }
    }
}

extension RouterPath {
    /// A full /v1 path (as ``UpstreamV1`` names them) relative to the /v1 group.
    static func v1(_ path: String) -> RouterPath {
        RouterPath(
            path.hasPrefix(ProtocolV1.pathPrefix + "/") ? String(path.dropFirst(ProtocolV1.pathPrefix.count + 1)) : path
        )
    }
}
