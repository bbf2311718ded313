import ELicenseProtocol
import Hummingbird

/// `GET /v1/whoami`, `GET /v1/keys`
struct ServiceRoutes {
    let service: FrontService

    func register(on v1: RouterGroup<AuthenticatedContext>) {
        v1.get("whoami") { _, context in
            try context.json(service.whoami(context.caller))
        }
        v1.get("keys") { _, context in
            return try context.json(try await service.keySet())
        }
    }
}
