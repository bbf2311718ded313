import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import ELicenseStore
import ELicenseUpstream
import Foundation

/// What an endpoint reports for the audit log besides the outcome.
struct AuditFacts: Sendable {
    var subjectUSCC: String?
    var purpose: String?
}

/// The front system's behaviour behind protocol v1, independent of HTTP: each method is one
/// endpoint of docs/protocol.md §4.
struct FrontService: Sendable {
    let config: FrontConfig
    let store: any FrontStore
    let upstream: any Upstream
    let frontKey: SigningKey
    let publishedFrontKeys: [PublishedKey]
    let materials: MaterialFactory
    let clock: @Sendable () -> Timestamp

    func whoami(_ caller: AuthenticatedCaller) -> WhoAmI {
        WhoAmI(
            appID: caller.app.appID, appName: caller.app.name, unitName: caller.unit.name, profile: config.profile,
            keyID: caller.keyID, serverTime: clock(), frontName: config.frontName, level: config.level,
            regionCode: config.servedRegion.code, regionName: config.servedRegion.name, instance: config.instance)
    }

    func keySet() async throws(ELicenseError) -> KeySet {
        let issuer = try await upstream.issuerKeys().map { key throws(ELicenseError) in try PublishedKey(key) }
        return KeySet(profile: config.profile, front: publishedFrontKeys, issuer: issuer)
    }

    // MARK: login

    func createLogin(_ caller: AuthenticatedCaller, _ request: LoginRequest) async throws(ELicenseError) -> LoginCreated
    {
        try DisplayText.purpose.validate(request.purpose)
        var scope = request.scope ?? Scope.allCases
        if !scope.contains(.identity) { scope.insert(.identity, at: 0) }
        let format = request.qrFormat ?? "png"
        guard ["png", "svg", "none"].contains(format) else {
            throw ELicenseError(.invalidArgument, "qr_format must be png, svg or none")
        }
        let now = clock()
        let expiresAt = now.adding(seconds: Int64(config.loginTTLSeconds))
        let loginID = try Identifiers.login()
        let code = try Identifiers.confirmationCode(loginID: loginID)
        let ticket = try await upstream.startLogin(
            UpstreamLoginRequest(
                requester: "\(caller.unit.name) · \(caller.app.name)", purpose: request.purpose, scope: scope,
                expiresAt: expiresAt,
                confirmationCode: code))
        let login = LoginRecord(
            id: loginID, appID: caller.app.appID, purpose: request.purpose, scope: scope,
            qrToken: ticket.ticket, upstreamTicket: ticket.ticket, state: .pending, createdAt: now,
            expiresAt: min(expiresAt, ticket.expiresAt), interval: config.pollIntervalSeconds,
            lastPolledAt: nil, subject: nil, grant: nil)
        try await store.insertLogin(login)
        var png: String?
        if format == "png" { png = try await QRImages.pngBase64(ticket.qrContent, on: materials.renderer) }
        return LoginCreated(
            loginID: login.id, qrContent: ticket.qrContent, qrPNG: png,
            qrSVG: format == "svg" ? try QRImages.svg(ticket.qrContent) : nil,
            expiresAt: login.expiresAt, interval: login.interval, confirmationCode: code)
    }

    /// RFC 8628-style polling: a poll sooner than the interval is `slow_down` and lengthens the
    /// interval by 5 s for the rest of the session. The store records each poll atomically, so
    /// polls sent in parallel are measured against each other too.
    func pollLogin(_ caller: AuthenticatedCaller, loginID: String, facts: inout AuditFacts) async throws(ELicenseError)
        -> LoginStatus
    {
        let now = clock()
        guard let found = try await store.login(id: loginID), found.appID == caller.app.appID,
            let poll = try await store.recordPoll(loginID: loginID, at: now, slowDownSeconds: 5)
        else {
            throw ELicenseError(.loginNotFound, "login \(loginID.prefix(11))…")
        }
        facts.purpose = found.purpose
        var login = poll.login
        if poll.tooSoon {
            throw ELicenseError(.slowDown, "interval is now \(login.interval) s", retryAfter: login.interval)
        }
        let previous = login.state
        if !login.state.isFinal {
            if now >= login.expiresAt {
                login.state = .expired
            } else if let ticket = login.upstreamTicket {
                let upstreamState = try await upstream.loginState(ticket: ticket)
                if upstreamState.state == .authorized {
                    try await authorize(&login, upstreamState, now: now)
                } else {
                    login.state = upstreamState.state
                }
            }
        }
        // Two concurrent polls may both see the authorization: only one may hand out a grant.
        if login.state != previous, !(try await store.updateLogin(login, expecting: previous)),
            let current = try await store.login(id: loginID)
        {
            login = current
        }
        facts.subjectUSCC = login.subject?.uscc.value
        return LoginStatus(
            loginID: login.id, state: login.state, interval: login.interval, expiresAt: login.expiresAt,
            subject: login.subject, grant: login.grant)
    }

    private func authorize(_ login: inout LoginRecord, _ upstreamState: UpstreamLoginState, now: Timestamp)
        async throws(ELicenseError)
    {
        guard let subject = upstreamState.subject, let authorization = upstreamState.authorization else {
            throw ELicenseError(.upstreamFailed, "authorized login without subject or authorization")
        }
        let token = try Identifiers.grantToken()
        // The grant never outlives the operator's own authorisation by the enterprise.
        let expiresAt = min(now.adding(seconds: Int64(config.grantTTLSeconds)), subject.operator.authorizationExpiresAt)
        let scope = login.scope.filter { subject.operator.scope.contains($0) || $0 == .identity }
        let grant = Grant(
            token: token, appID: login.appID, uscc: subject.uscc, purpose: login.purpose, scope: scope,
            issuedAt: now, expiresAt: expiresAt)
        try await store.insertGrant(
            GrantRecord(
                tokenSM3: try Digest.sm3Hex(token), appID: login.appID, uscc: subject.uscc,
                purpose: login.purpose, scope: scope, issuedAt: now, expiresAt: expiresAt,
                subject: subject, upstreamAuthorization: authorization, revokedAt: nil))
        login.state = .authorized
        login.subject = subject
        login.grant = grant
    }

    // MARK: license and material

    /// The grant a call presents, checked for this caller, time and scope.
    func grant(_ token: String, for caller: AuthenticatedCaller, scope: Scope, facts: inout AuditFacts)
        async throws(ELicenseError) -> GrantRecord
    {
        guard !token.isEmpty else { throw ELicenseError(.grantMissing) }
        guard let grant = try await store.grant(tokenSM3: try Digest.sm3Hex(token)), grant.appID == caller.app.appID,
            grant.revokedAt == nil
        else {
            throw ELicenseError(.grantInvalid)
        }
        facts.subjectUSCC = grant.uscc.value
        facts.purpose = grant.purpose
        guard clock() < grant.expiresAt else { throw ELicenseError(.grantExpired, "expired at \(grant.expiresAt)") }
        guard grant.scope.contains(scope) else {
            throw ELicenseError(.scopeDenied, "grant scope lacks \(scope.rawValue)")
        }
        return grant
    }

    func license(_ caller: AuthenticatedCaller, _ request: LicenseRequest, facts: inout AuditFacts)
        async throws(ELicenseError) -> LicenseResponse
    {
        let grant = try await grant(request.grant, for: caller, scope: .license, facts: &facts)
        return LicenseResponse(signedLicense: try await verifiedLicense(grant), subject: grant.subject)
    }

    /// License data from upstream, whose issuer signature the front checks before passing it on.
    func verifiedLicense(_ grant: GrantRecord) async throws(ELicenseError) -> SignedLicense {
        let signed = try await upstream.license(authorization: grant.upstreamAuthorization)
        guard signed.license.uscc == grant.uscc else {
            throw ELicenseError(.upstreamFailed, "upstream returned another enterprise's license")
        }
        guard signed.verify(with: try TrustedKeys(try await upstream.issuerKeys())) else {
            throw ELicenseError(.upstreamFailed, "license issuer signature does not verify")
        }
        return signed
    }

    func issueMaterial(_ caller: AuthenticatedCaller, _ request: MaterialRequest, facts: inout AuditFacts)
        async throws(ELicenseError) -> MaterialIssued
    {
        try DisplayText.purpose.validate(request.purpose)
        let format = request.format ?? "pdf"
        guard ["pdf", "png", "none"].contains(format) else {
            throw ELicenseError(.invalidArgument, "format must be pdf, png or none")
        }
        let grant = try await grant(request.grant, for: caller, scope: .material, facts: &facts)
        facts.purpose = request.purpose
        let stored = try await materials.make(
            license: try await verifiedLicense(grant), appID: caller.app.appID,
            purpose: request.purpose, format: format == "png" ? "png" : "pdf", now: clock())
        try await store.insertMaterial(stored)
        return MaterialIssued(
            material: stored.record, document: format == "none" ? nil : Base64.encode(stored.documents[format] ?? []))
    }

    func verify(_ request: VerifyRequest, facts: inout AuditFacts) async throws(ELicenseError) -> VerifyResult {
        let given = [request.id, request.code, request.qrPayload].compactMap { $0 }
        guard given.count == 1 else {
            throw ELicenseError(.invalidArgument, "give exactly one of id, code, qr_payload")
        }
        let stored: StoredMaterial?
        if let id = request.id {
            stored = try await store.material(id: id)
        } else if let code = request.code ?? request.qrPayload.flatMap(MaterialFactory.code(inVerifyURL:)) {
            stored = try await store.material(code: code.uppercased())
        } else {
            stored = nil
        }
        facts.subjectUSCC = stored?.record.signedLicense.license.uscc.value
        return result(stored)
    }

    func material(id: String, facts: inout AuditFacts) async throws(ELicenseError) -> StoredMaterial {
        guard let stored = try await store.material(id: id) else { throw ELicenseError(.materialNotFound) }
        facts.subjectUSCC = stored.record.signedLicense.license.uscc.value
        return stored
    }

    func revoke(_ caller: AuthenticatedCaller, id: String, _ request: RevokeRequest, facts: inout AuditFacts)
        async throws(ELicenseError) -> VerifyResult
    {
        let existing = try await material(id: id, facts: &facts)
        guard existing.record.appID == caller.app.appID else {
            throw ELicenseError(.permissionDenied, "only the issuing application may revoke a material")
        }
        let reason = try DisplayText.revocationReason.trimmedAndValidated(request.reason)
        return result(try await store.revokeMaterial(id: id, reason: reason, at: clock()))
    }

    /// The state of a stored material now.
    func result(_ stored: StoredMaterial?) -> VerifyResult {
        guard let stored else { return VerifyResult(state: .unknown) }
        var record = stored.record
        record.state = stored.revokedAt != nil ? .revoked : clock() >= record.expiresAt ? .expired : .valid
        return VerifyResult(
            state: record.state, material: record, revokedAt: stored.revokedAt,
            revocationReason: stored.revocationReason)
    }
}
