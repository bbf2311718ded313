import ELicenseCore
import ELicenseProtocol
import Hummingbird

/// `POST /v1/materials`, `GET /v1/materials/{id}`, `GET /v1/materials/{id}/document`,
/// `POST /v1/materials/verify`, `POST /v1/materials/{id}/revoke`
struct MaterialRoutes {
    let service: FrontService

    func register(on router: Router<FrontRequestContext>) {
        router.post("/v1/materials") { _, context in
            var facts = AuditFacts()
            defer { context.record(facts) }
            let request = try context.decode(MaterialRequest.self)
            return try context.json(try await service.issueMaterial(try context.caller(), request, facts: &facts), status: .created)
        }
        router.post("/v1/materials/verify") { _, context in
            var facts = AuditFacts()
            defer { context.record(facts) }
            _ = try context.caller()
            return try context.json(try await service.verify(try context.decode(VerifyRequest.self), facts: &facts))
        }
        router.get("/v1/materials/:id") { _, context in
            var facts = AuditFacts()
            defer { context.record(facts) }
            _ = try context.caller()
            let stored = try await service.material(id: try context.parameters.require("id"), facts: &facts)
            return try context.json(service.result(stored))
        }
        router.get("/v1/materials/:id/document") { request, context in
            var facts = AuditFacts()
            defer { context.record(facts) }
            _ = try context.caller()
            let format = request.uri.queryParameters["format"].map(String.init) ?? "pdf"
            let stored = try await service.material(id: try context.parameters.require("id"), facts: &facts)
            guard let bytes = stored.documents[format] else {
                throw ELicenseError(.invalidArgument, "format must be one of \(stored.documents.keys.sorted().joined(separator: ", "))")
            }
            return context.bytes(bytes, contentType: MaterialFactory.contentType(format))
        }
        router.post("/v1/materials/:id/revoke") { _, context in
            var facts = AuditFacts()
            defer { context.record(facts) }
            let id = try context.parameters.require("id")
            return try context.json(try await service.revoke(try context.caller(), id: id,
                                                             try context.decode(RevokeRequest.self), facts: &facts))
        }
    }
}
