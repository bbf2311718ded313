import ELicenseCore
import ELicenseProtocol
import ELicenseStore
import Hummingbird

/// Unauthenticated routes: health, metrics, and the page a person reaches from a material's QR.
struct PublicRoutes {
    let service: FrontService
    let store: any FrontStore
    let metrics: FrontMetrics
    let metricsRules: [AddressRule]

    /// Health for a load balancer, each with GET and HEAD: `/healthz` and `/livez` answer while
    /// the process serves at all (nothing else is touched); `/readyz` also asks the store, so
    /// an instance that lost its database is taken out of rotation instead of failing calls.
    /// The keys and the schema were checked before the server started listening.
    func register(on router: Router<FrontRequestContext>) {
        for path in ["/healthz", "/livez"] {
            router.get(RouterPath(path)) { _, _ in Self.status(.ok, #"{"status":"ok"}"#) }
            router.head(RouterPath(path)) { _, _ in Self.status(.ok, #"{"status":"ok"}"#).createHeadResponse() }
        }
        router.get("/readyz") { _, context in try await ready(context) }
        router.head("/readyz") { _, context in try await ready(context).createHeadResponse() }
        router.get("/metrics") { _, context in
            let address = context.clientAddress ?? ""
            let allowed =
                metricsRules.isEmpty
                ? ProtocolV1.isLoopbackHost(address) : metricsRules.contains { $0.matches(address) }
            guard allowed else { return Response(status: .forbidden) }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        router.get("/verify") { request, _ in
            var facts = AuditFacts()
            let code = request.uri.queryParameters["code"].map(String.init) ?? ""
            let result =
                code.isEmpty
                ? VerifyResult(state: .unknown)
                : try await service.verify(VerifyRequest(code: code), facts: &facts)
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(
                    byteBuffer: ByteBuffer(
                        string: VerifyPage.html(code: code, result: result, front: service.config))))
        }
    }

    private func ready(_ context: FrontRequestContext) async throws -> Response {
        do {
            try await store.ping()
            return Self.status(.ok, #"{"status":"ready"}"#)
        } catch {
            context.logger.warning("存储不可用 store unavailable", metadata: ["error": .string("\(error)")])
            let body = ErrorBody(ELicenseError(.unavailable, "store unavailable"), requestID: Identifiers.request())
            return Response(
                status: .serviceUnavailable, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: (try? WireJSON.encode(body)) ?? [])))
        }
    }

    private static func status(_ status: HTTPResponse.Status, _ json: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: json)))
    }
}
