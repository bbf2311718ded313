import ELicenseCore
import ELicenseProtocol
import Hummingbird

/// `POST /v1/logins`, `GET /v1/logins/{login_id}`
struct LoginRoutes {
    let service: FrontService

    func register(on v1: RouterGroup<AuthenticatedContext>) {
        v1.post("logins") { _, context in
            let request = try context.decode(LoginRequest.self)
            if let scope = request.scope, Set(scope).count != scope.count {
                throw ELicenseError(.invalidArgument, "scope 中有重复的值 (scope lists a value more than once)")
            }
            context.record(AuditFacts(purpose: request.purpose))
            return try context.json(try await service.createLogin(context.caller, request), status: .created)
        }
        v1.get("logins/:login_id") { _, context in
            var facts = AuditFacts()
            defer { context.record(facts) }
            let id = try context.parameters.require("login_id")
            return try context.json(try await service.pollLogin(context.caller, loginID: id, facts: &facts))
        }
    }
}
