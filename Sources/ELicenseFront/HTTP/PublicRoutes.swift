import ELicenseCore
import ELicenseProtocol
import Hummingbird

/// Unauthenticated routes: health, metrics, and the page a person reaches from a material's QR.
struct PublicRoutes {
    let service: FrontService
    let metrics: FrontMetrics
    let metricsRules: [AddressRule]

    func register(on router: Router<FrontRequestContext>) {
        router.get("/healthz") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        router.get("/metrics") { _, context in
            let address = context.remoteAddress ?? ""
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
                body: .init(byteBuffer: ByteBuffer(string: VerifyPage.html(code: code, result: result))))
        }
    }
}
