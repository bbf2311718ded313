import ELicenseCore

/// What the grant obtained by a login allows.
public enum Scope: String, Codable, Sendable, CaseIterable {
    /// Who logged in (the subject) — always granted by a login.
    case identity
    /// 照面信息 through `POST /v1/license`.
    case license
    /// Material issue through `POST /v1/materials`.
    case material
}

/// `POST /v1/logins`
public struct LoginRequest: Codable, Sendable, Equatable {
    /// The matter being handled (办理事项), shown to the enterprise when it confirms; its rules
    /// are ``DisplayText/purpose``.
    public var purpose: String
    public var scope: [Scope]?
    /// `png`, `svg` or `none` (default `png`).
    public var qrFormat: String?

    public init(purpose: String, scope: [Scope]? = nil, qrFormat: String? = nil) {
        self.purpose = purpose
        self.scope = scope
        self.qrFormat = qrFormat
    }

    enum CodingKeys: String, CodingKey { case purpose, scope, qrFormat = "qr_format" }
}

/// `201` answer to `POST /v1/logins`.
public struct LoginCreated: Codable, Sendable, Equatable {
    public var loginID: String
    /// The text to encode in the QR code the enterprise scans; opaque to the caller.
    public var qrContent: String
    /// Base64 PNG of the rendered QR code (when `qr_format` was `png`).
    public var qrPNG: String?
    /// SVG document of the QR code (when `qr_format` was `svg`).
    public var qrSVG: String?
    public var expiresAt: Timestamp
    /// Seconds to wait between polls.
    public var interval: Int
    /// Four digits the department's page shows next to the QR code and the e-license app shows
    /// with the request, so the enterprise can tell a relayed QR code from the one before it.
    /// Always sent by this front; nil from a front that predates it.
    public var confirmationCode: String?

    public init(
        loginID: String, qrContent: String, qrPNG: String?, qrSVG: String?, expiresAt: Timestamp, interval: Int,
        confirmationCode: String?
    ) {
        self.loginID = loginID
        self.qrContent = qrContent
        self.qrPNG = qrPNG
        self.qrSVG = qrSVG
        self.expiresAt = expiresAt
        self.interval = interval
        self.confirmationCode = confirmationCode
    }

    enum CodingKeys: String, CodingKey {
        case loginID = "login_id", qrContent = "qr_content", qrPNG = "qr_png", qrSVG = "qr_svg"
        case expiresAt = "expires_at", interval, confirmationCode = "confirmation_code"
    }
}

/// States of a login session (RFC 8628-style). Denied and expired are states, not errors.
public enum LoginState: String, Codable, Sendable, CaseIterable {
    case pending, scanned, authorized, denied, expired

    public var isFinal: Bool { self == .authorized || self == .denied || self == .expired }

    /// For a page: what the person waiting at the counter sees.
    public var chinese: String {
        switch self {
        case .pending: "等待扫码"
        case .scanned: "已扫码，等待确认"
        case .authorized: "已授权"
        case .denied: "已拒绝"
        case .expired: "已过期"
        }
    }

    /// Stable small integers for C callers.
    public var code: Int32 {
        switch self {
        case .pending: 0
        case .scanned: 1
        case .authorized: 2
        case .denied: 3
        case .expired: 4
        }
    }
}

/// 经办人身份: the role of the person who confirmed in the e-license app.
public enum OperatorRole: String, Codable, Sendable, CaseIterable {
    /// 法定代表人 / 负责人
    case legalRepresentative = "legal_representative"
    /// 证照管理员
    case licenseAdministrator = "license_administrator"
    /// 经办人 (authorised by the enterprise for certain matters)
    case agent

    public var chinese: String {
        switch self {
        case .legalRepresentative: "法定代表人"
        case .licenseAdministrator: "证照管理员"
        case .agent: "经办人"
        }
    }

    public var code: Int32 {
        switch self {
        case .legalRepresentative: 1
        case .licenseAdministrator: 2
        case .agent: 3
        }
    }
}

/// Holder binding: who scanned, in which role, authorised for what and until when.
public struct Operator: Codable, Sendable, Equatable {
    public var role: OperatorRole
    /// Masked as the law on personal information requires (first character kept): `张*`, `欧***`.
    public var nameMasked: String
    /// The scopes the enterprise authorised this operator for.
    public var scope: [Scope]
    public var authorizationExpiresAt: Timestamp

    public init(role: OperatorRole, nameMasked: String, scope: [Scope], authorizationExpiresAt: Timestamp) {
        self.role = role
        self.nameMasked = nameMasked
        self.scope = scope
        self.authorizationExpiresAt = authorizationExpiresAt
    }

    enum CodingKeys: String, CodingKey {
        case role, scope, nameMasked = "name_masked", authorizationExpiresAt = "authorization_expires_at"
    }
}

/// The enterprise that logged in, and its operator.
public struct Subject: Codable, Sendable, Equatable {
    public var uscc: USCC
    public var name: String
    public var `operator`: Operator

    public init(uscc: USCC, name: String, operator: Operator) {
        self.uscc = uscc
        self.name = name
        self.operator = `operator`
    }

    enum CodingKeys: String, CodingKey { case uscc = "uniscid", name = "entname", `operator` }
}

/// The enterprise's consent for one application, for one purpose, until an expiry.
/// `token` is what later calls present; a web application keeps it in its session.
public struct Grant: Codable, Sendable, Equatable {
    public var token: String
    public var appID: String
    public var uscc: USCC
    public var purpose: String
    public var scope: [Scope]
    public var issuedAt: Timestamp
    public var expiresAt: Timestamp

    public init(
        token: String, appID: String, uscc: USCC, purpose: String, scope: [Scope], issuedAt: Timestamp,
        expiresAt: Timestamp
    ) {
        self.token = token
        self.appID = appID
        self.uscc = uscc
        self.purpose = purpose
        self.scope = scope
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case token, purpose, scope, appID = "app_id", uscc = "uniscid", issuedAt = "issued_at", expiresAt = "expires_at"
    }
}

/// `GET /v1/logins/{login_id}`
public struct LoginStatus: Codable, Sendable, Equatable {
    public var loginID: String
    public var state: LoginState
    public var interval: Int
    public var expiresAt: Timestamp
    /// Present once `authorized`.
    public var subject: Subject?
    /// Present once `authorized`.
    public var grant: Grant?

    public init(
        loginID: String, state: LoginState, interval: Int, expiresAt: Timestamp, subject: Subject? = nil,
        grant: Grant? = nil
    ) {
        self.loginID = loginID
        self.state = state
        self.interval = interval
        self.expiresAt = expiresAt
        self.subject = subject
        self.grant = grant
    }

    enum CodingKeys: String, CodingKey {
        case state, interval, subject, grant, loginID = "login_id", expiresAt = "expires_at"
    }
}
