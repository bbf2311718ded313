import ELicenseCore
import ELicenseProtocol

/// A QR login session (RFC 8628-style) as the front keeps it between polls.
public struct LoginRecord: Codable, Sendable, Equatable {
    public var id: String
    public var appID: String
    public var purpose: String
    public var scope: [Scope]
    /// The token inside the QR content; the e-license app presents it back.
    public var qrToken: String
    /// The provincial system's handle for this login, once it has one.
    public var upstreamTicket: String?
    public var state: LoginState
    public var createdAt: Timestamp
    public var expiresAt: Timestamp
    /// Advised seconds between polls; grows on `slow_down`.
    public var interval: Int
    public var lastPolledAt: Timestamp?
    /// Present once authorized.
    public var subject: Subject?
    /// Present once authorized. It carries the grant token so that every poll after the
    /// authorization can answer with it; a store keeps it sealed (``StoreKey``).
    public var grant: Grant?

    public init(
        id: String, appID: String, purpose: String, scope: [Scope], qrToken: String, upstreamTicket: String? = nil,
        state: LoginState, createdAt: Timestamp, expiresAt: Timestamp, interval: Int,
        lastPolledAt: Timestamp? = nil, subject: Subject? = nil, grant: Grant? = nil
    ) {
        self.id = id
        self.appID = appID
        self.purpose = purpose
        self.scope = scope
        self.qrToken = qrToken
        self.upstreamTicket = upstreamTicket
        self.state = state
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.interval = interval
        self.lastPolledAt = lastPolledAt
        self.subject = subject
        self.grant = grant
    }

    enum CodingKeys: String, CodingKey {
        case id, purpose, scope, state, interval, subject, grant
        case appID = "app_id", qrToken = "qr_token", upstreamTicket = "upstream_ticket"
        case createdAt = "created_at", expiresAt = "expires_at", lastPolledAt = "last_polled_at"
    }
}

/// A login as a poll left it (``FrontStore/recordPoll(loginID:at:slowDownSeconds:)``).
public struct LoginPoll: Sendable, Equatable {
    /// The session after this poll was recorded.
    public var login: LoginRecord
    /// The poll came sooner than the interval: the answer is `slow_down` with `login.interval`.
    public var tooSoon: Bool

    public init(login: LoginRecord, tooSoon: Bool) {
        self.login = login
        self.tooSoon = tooSoon
    }
}

/// An enterprise's consent as the front keeps it. Only the token's digest is stored, so a copy
/// of the database does not hand out working grants.
public struct GrantRecord: Codable, Sendable, Equatable {
    /// Lower-case hex SM3 of the grant token.
    public var tokenSM3: String
    public var appID: String
    public var uscc: USCC
    public var purpose: String
    public var scope: [Scope]
    public var issuedAt: Timestamp
    public var expiresAt: Timestamp
    public var subject: Subject
    /// What the provincial system handed over for this consent; needed to fetch license data,
    /// so a store keeps it sealed (``StoreKey``), never in clear.
    public var upstreamAuthorization: String
    public var revokedAt: Timestamp?

    public init(
        tokenSM3: String, appID: String, uscc: USCC, purpose: String, scope: [Scope], issuedAt: Timestamp,
        expiresAt: Timestamp, subject: Subject, upstreamAuthorization: String, revokedAt: Timestamp? = nil
    ) {
        self.tokenSM3 = tokenSM3
        self.appID = appID
        self.uscc = uscc
        self.purpose = purpose
        self.scope = scope
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.subject = subject
        self.upstreamAuthorization = upstreamAuthorization
        self.revokedAt = revokedAt
    }

    enum CodingKeys: String, CodingKey {
        case purpose, scope, subject
        case tokenSM3 = "token_sm3", appID = "app_id", uscc = "uniscid", issuedAt = "issued_at"
        case expiresAt = "expires_at", upstreamAuthorization = "upstream_authorization", revokedAt = "revoked_at"
    }
}
