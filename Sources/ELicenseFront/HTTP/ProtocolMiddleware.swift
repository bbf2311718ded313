import ELicenseCore
import ELicenseProtocol
import ELicenseStore
import HTTPTypes
import Hummingbird
import Logging

/// The cross-cutting checks of every /v1 call (docs/protocol.md §3.5), its audit record, and
/// the front's signature on the response — success or error alike.
struct ProtocolMiddleware: RouterMiddleware {
    typealias Context = FrontRequestContext

    let authenticator: RequestAuthenticator
    let rateLimiter: RateLimiter
    let store: any FrontStore
    let frontKey: SigningKey
    let metrics: FrontMetrics
    let clock: @Sendable () -> Timestamp

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix(ProtocolV1.pathPrefix + "/") else { return try await next(request, context) }
        let started = ContinuousClock.now
        let requestID = Identifiers.request()
        let nonce = request.headers[HTTPField.Name(ProtocolV1.Header.nonce)!] ?? ""
        var request = request
        var response: Response
        var outcome = "ok"
        var detail: String?
        do {
            response = try await serve(&request, context: context, next: next)
        } catch {
            let failure = Self.failure(error)
            outcome = failure.code.rawValue
            detail = failure.detail.isEmpty ? nil : failure.detail
            response = errorResponse(failure, requestID: requestID, context: context)
        }
        let caller = context.exchange.read(\.caller)
        let facts = context.exchange.read(\.facts)
        do {
            _ = try await store.appendAudit(AuditEvent(
                time: clock(), requestID: requestID, unitID: caller?.unit.id,
                appID: caller?.app.appID ?? request.headers[HTTPField.Name(ProtocolV1.Header.appID)!].map { String($0.prefix(64)) },
                method: request.method.rawValue, endpoint: request.uri.path, subjectUSCC: facts.subjectUSCC,
                purpose: facts.purpose, outcome: outcome, httpStatus: Int(response.status.code),
                remoteAddress: context.remoteAddress, detail: detail))
        } catch {
            // Fail closed: nothing is served that the audit log does not hold.
            outcome = ELicenseError(.auditUnavailable).code.rawValue
            context.logger.error("审计日志写入失败 audit append failed", metadata: ["request_id": .string(requestID), "error": .string("\(error)")])
            response = errorResponse(ELicenseError(.auditUnavailable), requestID: requestID, context: context)
        }
        // Grants, subjects and license data must not linger in shared caches.
        response.headers[.cacheControl] = "no-store"
        sign(&response, requestID: requestID, nonce: ProtocolV1.isValidNonce(nonce) ? nonce : "", body: context.exchange.read(\.reply) ?? [])
        metrics.record(endpoint: context.endpointPath ?? "unmatched", outcome: outcome, duration: ContinuousClock.now - started)
        context.logger.info("v1 request", metadata: [
            "request_id": .string(requestID), "app_id": .string(caller?.app.appID ?? "-"), "method": .string(request.method.rawValue),
            "endpoint": .string(context.endpointPath ?? request.uri.path), "outcome": .string(outcome),
            "status": .stringConvertible(response.status.code),
            "subject": .string(facts.subjectUSCC.map(PersonalData.maskNumber) ?? "-"),
        ])
        return response
    }

    private func serve(_ request: inout Request, context: Context,
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        let body: [UInt8]
        do {
            body = Array(buffer: try await request.collectBody(upTo: ProtocolV1.maxRequestBodyBytes))
        } catch {
            throw ELicenseError(.payloadTooLarge, "limit \(ProtocolV1.maxRequestBodyBytes) bytes")
        }
        let headers = request.headers
        let caller = try await authenticator.authenticate(
            method: request.method.rawValue, target: request.head.path ?? request.uri.path,
            header: { name in HTTPField.Name(name).flatMap { headers[$0] } }, body: body,
            remoteAddress: context.remoteAddress, now: clock())
        context.exchange.update {
            $0.body = body
            $0.caller = caller
        }
        let limit = rateLimiter.allow(caller.app.appID, perMinute: caller.app.rateLimitPerMinute, now: Double(clock().secondsSince1970))
        guard limit.allowed else { throw ELicenseError(.rateLimited, retryAfter: limit.retryAfter) }
        return try await next(request, context)
    }

    private func errorResponse(_ failure: ELicenseError, requestID: String, context: Context) -> Response {
        let body = (try? WireJSON.encode(ErrorBody(failure, requestID: requestID))) ?? []
        var response = context.bytes(body, contentType: "application/json; charset=utf-8",
                                     status: .init(code: failure.code.httpStatus ?? 500))
        if let retryAfter = failure.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }

    private func sign(_ response: inout Response, requestID: String, nonce: String, body: [UInt8]) {
        guard let canonical = try? CanonicalResponse(status: Int(response.status.code), requestNonce: nonce, requestID: requestID,
                                                     timestamp: clock().secondsSince1970, body: body),
              let signature = try? ResponseSignature(signing: canonical, with: frontKey) else { return }
        for (name, value) in signature.headers {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
    }

    /// Every error becomes a catalogue error; nothing internal leaks to the caller.
    static func failure(_ error: any Error) -> ELicenseError {
        switch error {
        case let e as ELicenseError: return e
        case let e as HTTPError where e.status == .notFound: return ELicenseError(.notFound)
        case let e as HTTPError where e.status == .methodNotAllowed: return ELicenseError(.notFound, "method not allowed")
        case let e as HTTPError where e.status == .contentTooLarge: return ELicenseError(.payloadTooLarge)
        default: return ELicenseError(.internal)
        }
    }
}
