import ELicenseProtocol
import Hummingbird

/// `POST /v1/logins`, `GET /v1/logins/{login_id}`
struct LoginRoutes {
    let service: FrontService

    func register(on router: Router<FrontRequestContext>) {
        router.post("/v1/logins") { _, context in
            let request = try context.decode(LoginRequest.self)
            context.record(AuditFacts(purpose: request.purpose))
            return try context.json(try await service.createLogin(try context.caller(), request), status: .created)
        }
        router.get("/v1/logins/:login_id") { _, context in
            var facts = AuditFacts()
            defer { context.record(facts) }
            let id = try context.parameters.require("login_id")
            return try context.json(try await service.pollLogin(try context.caller(), loginID: id, facts: &facts))
        }
    }
}
