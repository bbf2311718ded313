import ELicenseProtocol
import Hummingbird

/// `GET /v1/whoami`, `GET /v1/keys`
struct ServiceRoutes {
    let service: FrontService

    func register(on router: Router<FrontRequestContext>) {
        router.get("/v1/whoami") { _, context in
            try context.json(service.whoami(try context.caller()))
        }
        router.get("/v1/keys") { _, context in
            _ = try context.caller()
            return try context.json(try await service.keySet())
        }
    }
}
