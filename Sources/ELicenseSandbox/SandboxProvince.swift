import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import ELicenseUpstream

/// The built-in stand-in for the provincial e-license verification system: demo enterprises
/// (``SandboxDataset``), a simulated e-license app (``scan(qrContent:uscc:role:operatorName:decision:)``)
/// and license data signed by a sandbox issuer key that no production front trusts.
///
/// The same simulation, in the production profile, is a provincial gateway's `rehearsal`
/// adapter (docs/upstream.md §9): production keys, the sandbox's enterprises, and every license
/// it signs marked ``SignedLicense/isRehearsal`` so that the documents made from it say 演练.
public actor SandboxProvince: Upstream {
    public struct Knobs: Sendable {
        /// Added before every upstream answer.
        public var latencyMilliseconds: Int
        /// Fraction of upstream calls that fail with `upstream_failed`.
        public var failureRate: Double

        public init(latencyMilliseconds: Int = 0, failureRate: Double = 0) {
            self.latencyMilliseconds = latencyMilliseconds
            self.failureRate = failureRate
        }
    }

    /// What the person in the e-license app does.
    public enum Decision: String, Sendable, Codable, CaseIterable {
        case scan, confirm, deny
    }

    private struct Ticket: Codable {
        var request: UpstreamLoginRequest
        var state: LoginState
        var subject: Subject?
        var authorization: String?
    }

    private struct Authorization: Codable {
        var uscc: USCC
        var expiresAt: Timestamp
    }

    private let issuer: SigningKey
    private let appBaseURL: String
    /// A production rehearsal rather than the sandbox.
    public nonisolated let isRehearsal: Bool
    private let clock: @Sendable () -> Timestamp
    private var knobs: Knobs
    /// Entries in memory; with `persistence`, a cache of what the store keeps.
    private var tickets: [String: Ticket] = [:]
    /// Keyed by the SM3 of the authorization, the form in which the store keeps it.
    private var authorizations: [String: Authorization] = [:]
    private let persistence: (any SandboxPersistence)?

    /// - Parameters:
    ///   - appBaseURL: where the simulated app page lives; QR contents point there.
    ///   - persistence: where tickets and authorizations outlive a restart; memory only when nil.
    ///   - rehearsal: serve the production profile, marking every license as rehearsal data.
    public init(
        issuer: SigningKey, appBaseURL: String, knobs: Knobs = Knobs(), persistence: (any SandboxPersistence)? = nil,
        rehearsal: Bool = false, clock: @escaping @Sendable () -> Timestamp
    ) {
        self.issuer = issuer
        self.appBaseURL = appBaseURL
        self.isRehearsal = rehearsal
        self.knobs = knobs
        self.persistence = persistence
        self.clock = clock
    }

    public func setKnobs(_ knobs: Knobs) { self.knobs = knobs }

    public nonisolated var profile: Profile { isRehearsal ? .production : .sandbox }

    /// Where the simulated e-license app lives under the base URL: `/sandbox` or `/rehearsal`.
    public nonisolated var appPath: String { isRehearsal ? "/rehearsal" : "/sandbox" }

    public nonisolated func issuerKeys() async throws(ELicenseError) -> [SM2PublicKey] { [issuer.privateKey.publicKey] }

    public func startLogin(_ request: UpstreamLoginRequest) async throws(ELicenseError) -> UpstreamLoginTicket {
        try await simulateNetwork()
        prune()
        let ticket = try Self.random("tk_")
        try await save(Ticket(request: request, state: .pending), ticket: ticket)
        return UpstreamLoginTicket(
            ticket: ticket, qrContent: "\(appBaseURL)\(appPath)/?t=\(ticket)", expiresAt: request.expiresAt)
    }

    public func loginState(ticket: String) async throws(ELicenseError) -> UpstreamLoginState {
        try await simulateNetwork()
        guard var entry = try await storedTicket(ticket) else { throw ELicenseError(.loginNotFound, "unknown ticket") }
        if !entry.state.isFinal, clock() >= entry.request.expiresAt {
            entry.state = .expired
            try await save(entry, ticket: ticket)
        }
        return UpstreamLoginState(state: entry.state, subject: entry.subject, authorization: entry.authorization)
    }

    public func license(authorization: String) async throws(ELicenseError) -> SignedLicense {
        try await simulateNetwork()
        guard let granted = try await storedAuthorization(authorization), clock() < granted.expiresAt else {
            throw ELicenseError(.grantInvalid, "upstream authorization unknown or expired")
        }
        guard let enterprise = SandboxDataset.enterprise(granted.uscc) else {
            throw ELicenseError(.enterpriseNotFound, granted.uscc.value)
        }
        return try sign(enterprise.license)
    }

    /// Signs license data as the issuer does.
    public func sign(_ license: License) throws(ELicenseError) -> SignedLicense {
        let at = clock()
        let value = try issuer.sign(CanonicalRecord.license(license, issuerKeyID: issuer.keyID, signedAt: at).string)
        return SignedLicense(
            license: license, issuerSignature: Signature(keyID: issuer.keyID, signedAt: at, value: value),
            isRehearsal: isRehearsal)
    }

    /// What the simulated e-license app shows before the person decides: who asks, for what, and
    /// the confirmation code to compare with the department's page. Nil for an unknown ticket.
    public func request(qrContent: String) -> UpstreamLoginRequest? {
        Self.ticket(in: qrContent).flatMap { tickets[$0]?.request }
    }

    /// The simulated e-license app: the person scans the QR content, then confirms or denies as
    /// an operator of `uscc`. Returns the login's new state.
    public func scan(
        qrContent: String, uscc: USCC?, role: OperatorRole, operatorName: String?,
        decision: Decision
    ) async throws(ELicenseError) -> LoginState {
        guard let ticket = Self.ticket(in: qrContent), var entry = try await storedTicket(ticket) else {
            throw ELicenseError(.loginNotFound, "二维码无效或不是本模拟系统签发的 (QR content not issued by this simulation)")
        }
        let now = clock()
        if !entry.state.isFinal, now >= entry.request.expiresAt { entry.state = .expired }
        guard !entry.state.isFinal else {
            try await save(entry, ticket: ticket)
            throw ELicenseError(
                entry.state == .expired ? .loginExpired : .invalidArgument, "login already \(entry.state.rawValue)")
        }
        switch decision {
        case .scan:
            entry.state = .scanned
        case .deny:
            entry.state = .denied
        case .confirm:
            guard let uscc else { throw ELicenseError(.invalidArgument, "confirm needs the enterprise (uniscid)") }
            guard let enterprise = SandboxDataset.enterprise(uscc) else {
                throw ELicenseError(.enterpriseNotFound, uscc.value)
            }
            let person = enterprise.operators.first {
                $0.role == role && (operatorName == nil || $0.name == operatorName)
            }
            guard let person else {
                throw ELicenseError(
                    .invalidArgument,
                    "\(enterprise.license.name) 没有该身份的人员 has no \(role.rawValue)\(operatorName.map { " named \($0)" } ?? "")"
                )
            }
            let authorization = try Self.random("au_")
            try await save(
                Authorization(uscc: uscc, expiresAt: entry.request.expiresAt.adding(seconds: 86_400)),
                authorization: authorization)
            entry.subject = Subject(
                uscc: uscc, name: enterprise.license.name,
                operator: Operator(
                    role: role, nameMasked: PersonalData.maskName(person.name),
                    scope: entry.request.scope,
                    authorizationExpiresAt: now.adding(seconds: Self.authorizationLifetime(role))))
            entry.authorization = authorization
            entry.state = .authorized
        }
        try await save(entry, ticket: ticket)
        return entry.state
    }

    /// How long an enterprise's authorisation of each role lasts in the sandbox: a legal
    /// representative's stands, an agent's is for the matter at hand.
    static func authorizationLifetime(_ role: OperatorRole) -> Int64 {
        switch role {
        case .legalRepresentative: 365 * 86_400
        case .licenseAdministrator: 180 * 86_400
        case .agent: 30 * 86_400
        }
    }

    /// The ticket in a QR content of this sandbox (`…/sandbox/?t=<ticket>`, `…/rehearsal/?t=<ticket>`),
    /// or a bare ticket.
    static func ticket(in qrContent: String) -> String? {
        let text = qrContent.split(separator: "t=").last.map(String.init) ?? qrContent
        let ticket = text.prefix { $0 != "&" && $0 != "#" }
        return ticket.hasPrefix("tk_") ? String(ticket) : nil
    }

    /// Forgets tickets and authorizations a day past their expiry, so memory stays bounded (the
    /// front's purge does the same in the store).
    private func prune() {
        let cutoff = clock().adding(seconds: -86_400)
        tickets = tickets.filter { $0.value.request.expiresAt > cutoff }
        authorizations = authorizations.filter { $0.value.expiresAt > clock() }
    }

    // MARK: State, in memory and in the store

    private static let ticketKind = "ticket"
    private static let authorizationKind = "authorization"

    private func save(_ entry: Ticket, ticket: String) async throws(ELicenseError) {
        tickets[ticket] = entry
        try await persistence?.saveSandboxState(
            kind: Self.ticketKind, key: ticket, value: try WireJSON.encode(entry),
            expiresAt: entry.request.expiresAt.adding(seconds: 86_400))
    }

    private func storedTicket(_ ticket: String) async throws(ELicenseError) -> Ticket? {
        if let entry = tickets[ticket] { return entry }
        guard let bytes = try await persistence?.sandboxState(kind: Self.ticketKind, key: ticket, now: clock()) else {
            return nil
        }
        let entry = try WireJSON.decode(Ticket.self, from: bytes)
        tickets[ticket] = entry
        return entry
    }

    private func save(_ granted: Authorization, authorization: String) async throws(ELicenseError) {
        let digest = try Digest.sm3Hex(authorization)
        authorizations[digest] = granted
        try await persistence?.saveSandboxState(
            kind: Self.authorizationKind, key: digest, value: try WireJSON.encode(granted),
            expiresAt: granted.expiresAt)
    }

    private func storedAuthorization(_ authorization: String) async throws(ELicenseError) -> Authorization? {
        let digest = try Digest.sm3Hex(authorization)
        if let granted = authorizations[digest] { return granted }
        guard let bytes = try await persistence?.sandboxState(kind: Self.authorizationKind, key: digest, now: clock())
        else {
            return nil
        }
        let granted = try WireJSON.decode(Authorization.self, from: bytes)
        authorizations[digest] = granted
        return granted
    }

    private func simulateNetwork() async throws(ELicenseError) {
        if knobs.latencyMilliseconds > 0 {
            try? await Task.sleep(for: .milliseconds(knobs.latencyMilliseconds))
        }
        if knobs.failureRate > 0, Double.random(in: 0..<1) < knobs.failureRate {
            throw ELicenseError(.upstreamFailed, "沙箱模拟的上游故障 (simulated provincial system failure)")
        }
    }

    private static func random(_ prefix: String) throws(ELicenseError) -> String {
        do { return prefix + (try SecureRandom.hex(byteCount: 16)) } catch {
            throw ELicenseError(.internal, error.message)
        }
    }
}
