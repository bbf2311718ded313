import ELicenseCore
import ELicenseProtocol
import Hummingbird

/// `POST /v1/materials`, `GET /v1/materials/{id}`, `GET /v1/materials/{id}/document`,
/// `POST /v1/materials/verify`, `POST /v1/materials/{id}/revoke`
struct MaterialRoutes {
    let service: FrontService

    /// The one /v1 endpoint that takes a query (`format`); elsewhere a query makes the target unknown.
    static let documentPath = "materials/:id/document"

    func register(on v1: RouterGroup<AuthenticatedContext>) {
        v1.post("materials") { _, context in
            var facts = AuditFacts()
            defer { context.record(facts) }
            let request = try context.decode(MaterialRequest.self)
            return try context.json(
                try await service.issueMaterial(context.caller, request, facts: &facts), status: .created)
        }
        v1.post("materials/verify") { _, context in
            var facts = AuditFacts()
            defer { context.record(facts) }
            return try context.json(try await service.verify(try context.decode(VerifyRequest.self), facts: &facts))
        }
        v1.get("materials/:id") { _, context in
            var facts = AuditFacts()
            defer { context.record(facts) }
            let stored = try await service.material(id: try context.parameters.require("id"), facts: &facts)
            return try context.json(service.result(stored))
        }
        v1.get(RouterPath(Self.documentPath)) { request, context in
            var facts = AuditFacts()
            defer { context.record(facts) }
            let format = request.uri.queryParameters["format"].map(String.init) ?? "pdf"
            let stored = try await service.material(id: try context.parameters.require("id"), facts: &facts)
            guard let bytes = stored.documents[format] else {
                throw ELicenseError(
                    .invalidArgument, "format must be one of \(stored.documents.keys.sorted().joined(separator: ", "))")
            }
            return context.bytes(bytes, contentType: MaterialFactory.contentType(format))
        }
        v1.post("materials/:id/revoke") { _, context in
            var facts = AuditFacts()
            defer { context.record(facts) }
            let id = try context.parameters.require("id")
            return try context.json(
                try await service.revoke(
                    context.caller, id: id,
                    try context.decode(RevokeRequest.self), facts: &facts))
        }
    }
}
