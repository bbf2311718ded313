import ELicenseCore
import ELicenseProtocol
import ELicenseStore
import ELicenseUpstream
import HTTPTypes
import Hummingbird
import Logging

/// The cross-cutting checks of every /v1 call (docs/protocol.md §3.5), its audit record, and
/// the front's signature on the response — success or error alike.
///
/// It wraps every route and the router's not-found answer, and takes a request as a /v1 call by
/// the same path segments the router matches on (so `//v1/whoami` is one), because Hummingbird
/// runs a group's middleware only for routes that match: an unknown /v1 path or method must
/// still get a signed, audited, rate-limited answer. Endpoints themselves run in an
/// ``AuthenticatedContext``, which only a request this middleware authenticated can have.
struct ProtocolMiddleware: RouterMiddleware {
    typealias Context = FrontRequestContext

    let authenticator: RequestAuthenticator
    /// Per source address, for requests that fail authentication (step 0): in memory, each
    /// instance turns away what reaches it. The per-application budget (step 10) is the store's,
    /// one for every instance on it (``FrontStore/admitCall(appID:nonce:nonceExpiresAt:perMinute:now:)``).
    let rejections: RateLimiter
    let rejectionsPerMinute: Int
    /// Endpoint paths (as the router names them) that take a query string.
    let queryEndpoints: Set<String>
    /// Group commit of the records of concurrent calls.
    let audit: AuditAppender
    let frontKey: SigningKey
    let metrics: FrontMetrics
    let clock: @Sendable () -> Timestamp
    /// The longest a call spends on the provincial system (`upstream.timeout_seconds`), in ms.
    let upstreamLimitMilliseconds: Int

    /// The longest path and detail an audit record keeps; longer ones keep a prefix and a digest.
    static let auditTextLimit = 256

    /// Whether the router would take `path` as one under /v1: it ignores empty segments.
    static func isProtocolPath(_ path: String) -> Bool {
        path.split(separator: "/").first == ProtocolV1.pathPrefix.dropFirst()
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard Self.isProtocolPath(request.uri.path) else { return try await next(request, context) }
        let started = ContinuousClock.now
        let requestID = Identifiers.request()
        let nonce = request.headers[HTTPField.Name(ProtocolV1.Header.nonce)!] ?? ""
        let source = AddressRule.sourceKey(context.clientAddress)
        let gate = rejections.allow(
            source, perMinute: rejectionsPerMinute, now: Double(clock().secondsSince1970), take: false)
        var request = request
        var response: Response
        var outcome = "ok"
        var detail: String?
        do {
            guard gate.allowed else {
                throw ELicenseError(
                    .rateLimited, "该来源地址未通过认证的请求过多 (too many unauthenticated requests from \(source))",
                    retryAfter: gate.retryAfter)
            }
            response = try await UpstreamDeadline.$current.withValue(
                upstreamDeadline(request, from: started)
            ) { try await serve(&request, context: context, next: next) }
        } catch {
            let failure = Self.failure(error)
            outcome = failure.code.rawValue
            detail = failure.detail.isEmpty ? nil : failure.detail
            response = errorResponse(failure, requestID: requestID, context: context)
        }
        let caller = context.exchange.read(\.caller)
        let facts = context.exchange.read(\.facts)
        if caller == nil, gate.allowed {
            _ = rejections.allow(source, perMinute: rejectionsPerMinute, now: Double(clock().secondsSince1970))
        }
        // A throttled address leaves one audit record a minute; its other refusals are only
        // counted, so they cannot fill the disk.
        if gate.allowed || gate.firstRefusal {
            do {
                _ = try await audit.append(
                    AuditEvent(
                        time: clock(), requestID: requestID, unitID: caller?.unit.id,
                        appID: caller?.app.appID
                            ?? request.headers[HTTPField.Name(ProtocolV1.Header.appID)!].map { String($0.prefix(64)) },
                        method: request.method.rawValue, endpoint: Self.bounded(request.uri.path),
                        subjectUSCC: facts.subjectUSCC,
                        purpose: facts.purpose, outcome: outcome, httpStatus: Int(response.status.code),
                        remoteAddress: context.clientAddress, detail: detail.map(Self.bounded)))
            } catch {
                // Fail closed: nothing is served that the audit log does not hold.
                outcome = ELicenseError(.auditUnavailable).code.rawValue
                context.logger.error(
                    "审计日志写入失败 audit append failed",
                    metadata: ["request_id": .string(requestID), "error": .string("\(error)")])
                response = errorResponse(ELicenseError(.auditUnavailable), requestID: requestID, context: context)
            }
        } else {
            metrics.recordUnaudited()
        }
        // Grants, subjects and license data must not linger in shared caches.
        response.headers[.cacheControl] = "no-store"
        sign(
            &response, requestID: requestID, nonce: ProtocolV1.isValidNonce(nonce) ? nonce : "",
            body: context.exchange.read(\.reply) ?? [])
        metrics.record(
            endpoint: context.endpointPath ?? "unmatched", outcome: outcome, duration: ContinuousClock.now - started)
        var metadata: Logger.Metadata = [
            "request_id": .string(requestID), "app_id": .string(caller?.app.appID ?? "-"),
            "method": .string(request.method.rawValue),
            "endpoint": .string(context.endpointPath ?? Self.bounded(request.uri.path)),
            "outcome": .string(outcome),
            "status": .stringConvertible(response.status.code),
            "subject": .string(facts.subjectUSCC.map(PersonalData.maskNumber) ?? "-"),
        ]
        // The provincial system failing is the operator's to chase: the reason (its code, the
        // transport's error, the provincial request id — never a ticket, an authorization or
        // personal data) goes in the log, as in the audit record.
        if outcome == ErrorCode.upstreamFailed.rawValue || outcome == ErrorCode.upstreamTimeout.rawValue {
            metadata["reason"] = .string(detail.map(Self.bounded) ?? "-")
            context.logger.warning("上游调用失败 provincial call failed", metadata: metadata)
        } else {
            context.logger.info("v1 request", metadata: metadata)
        }
        return response
    }

    private func serve(
        _ request: inout Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let limit = ProtocolV1.maxRequestBodyBytes
        if let length = request.headers[.contentLength], (Int(length) ?? Int.max) > limit {
            throw ELicenseError(.payloadTooLarge, "Content-Length \(length.prefix(20)) exceeds \(limit) bytes")
        }
        let headers = request.headers
        let target = request.head.path ?? request.uri.path
        // The headers decide steps 2–7 before a byte of the body is buffered.
        let admitted = try await authenticator.admit(
            method: request.method.rawValue, target: target,
            values: { name in HTTPField.Name(name).map { headers[values: $0] } ?? [] },
            remoteAddress: context.clientAddress, now: clock())
        let body: [UInt8]
        do {
            body = Array(buffer: try await request.collectBody(upTo: limit))
        } catch {
            throw ELicenseError(.payloadTooLarge, "limit \(limit) bytes")
        }
        let caller = try await authenticator.verify(admitted, body: body, now: clock())
        context.exchange.update {
            $0.body = body
            $0.caller = caller
        }
        guard let endpoint = context.endpointPath,
            Self.isCanonical(target: target, acceptsQuery: queryEndpoints.contains(endpoint))
        else {
            throw ELicenseError(.notFound, "unknown path \(Self.bounded(target))")
        }
        return try await next(request, context)
    }

    /// When the provincial work of this call must be over (docs/protocol.md §10): the caller's
    /// time left (`X-Elicense-Timeout-Ms`, ignored unless one well-formed value) or this front's
    /// own limit, whichever is shorter, less the margin kept for the answer.
    func upstreamDeadline(_ request: Request, from started: ContinuousClock.Instant) -> ContinuousClock.Instant {
        let values = HTTPField.Name(ProtocolV1.Header.timeoutMilliseconds).map { request.headers[values: $0] } ?? []
        let asked = values.count == 1 ? ProtocolV1.Deadline.milliseconds(header: values[0]) : nil
        let budget = min(asked ?? upstreamLimitMilliseconds, upstreamLimitMilliseconds)
        return started + .milliseconds(budget - ProtocolV1.Deadline.replyMarginMilliseconds)
    }

    /// A /v1 request-target names an endpoint only in its one spelling: `/v1/` and non-empty
    /// segments, none `.` or `..`, no trailing slash, and a query only where the endpoint takes one.
    static func isCanonical(target: String, acceptsQuery: Bool) -> Bool {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 1 || acceptsQuery, parts[0].hasPrefix(ProtocolV1.pathPrefix + "/") else { return false }
        return parts[0].dropFirst().split(separator: "/", omittingEmptySubsequences: false)
            .allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    /// `text` when short; otherwise its first bytes (whole characters) and the SM3 of all of it.
    static func bounded(_ text: String) -> String {
        guard text.utf8.count > auditTextLimit else { return text }
        var kept = ""
        for scalar in text.unicodeScalars {
            guard kept.utf8.count + scalar.utf8.count <= auditTextLimit else { break }
            kept.unicodeScalars.append(scalar)
        }
        let digest = (try? Digest.sm3Hex(text)) ?? "-"
        return "\(kept)…[\(text.utf8.count) bytes, sm3 \(digest)]"
    }

    private func errorResponse(_ failure: ELicenseError, requestID: String, context: Context) -> Response {
        let body = (try? WireJSON.encode(ErrorBody(failure, requestID: requestID))) ?? []
        var response = context.exchange.reply(
            body, contentType: "application/json; charset=utf-8", status: .init(code: failure.code.httpStatus ?? 500))
        if let retryAfter = failure.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }

    private func sign(_ response: inout Response, requestID: String, nonce: String, body: [UInt8]) {
        guard
            let canonical = try? CanonicalResponse(
                status: Int(response.status.code), requestNonce: nonce, requestID: requestID,
                timestamp: clock().secondsSince1970, body: body),
            let signature = try? ResponseSignature(signing: canonical, with: frontKey)
        else { return }
        for (name, value) in signature.headers {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
    }

    /// Every error becomes a catalogue error; nothing internal leaks to the caller.
    static func failure(_ error: any Error) -> ELicenseError {
        switch error {
        case let e as ELicenseError: return e
        case let e as HTTPError where e.status == .notFound: return ELicenseError(.notFound)
        case let e as HTTPError where e.status == .methodNotAllowed:
            return ELicenseError(.notFound, "method not allowed")
        case let e as HTTPError where e.status == .contentTooLarge: return ELicenseError(.payloadTooLarge)
        default: return ELicenseError(.internal)
        }
    }
}
