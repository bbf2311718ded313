import ELicenseProtocol
import Hummingbird

/// `POST /v1/license`
struct LicenseRoutes {
    let service: FrontService

    func register(on v1: RouterGroup<AuthenticatedContext>) {
        v1.post("license") { _, context in
            var facts = AuditFacts()
            defer { context.record(facts) }
            let request = try context.decode(LicenseRequest.self)
            return try context.json(try await service.license(context.caller, request, facts: &facts))
        }
    }
}
