import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol

/// The narrow interface between a city front system and the provincial e-license verification
/// system (电子营业执照验证系统), whose real interface is not public. Two implementations: the
/// in-process sandbox (SandboxProvince, in ELicenseSandbox) and the HTTP adapter (``HTTPUpstream``), whose wire
/// format docs/upstream.md documents. An adapter for the real provincial interface implements
/// this same protocol.
///
/// The flow mirrors what is known of the national system: the enterprise scans a QR code and
/// confirms in the e-license app; the front learns the outcome with its ticket and receives an
/// authorization, which it exchanges server-side for the license data, as often as its grant
/// needs until the authorization expires.
public protocol Upstream: Sendable {
    /// The profile whose enterprises and issuer keys this provincial system serves; a front
    /// refuses an upstream of the other profile.
    var profile: Profile { get }
    /// Keys that sign license data (the issuer's), for offline verification by callers.
    func issuerKeys() async throws(ELicenseError) -> [SM2PublicKey]
    /// Opens a login at the provincial system; the QR content is what the enterprise scans.
    func startLogin(_ request: UpstreamLoginRequest) async throws(ELicenseError) -> UpstreamLoginTicket
    func loginState(ticket: String) async throws(ELicenseError) -> UpstreamLoginState
    /// License data of the enterprise that authorised `authorization`; repeatable, so safe to retry.
    func license(authorization: String) async throws(ELicenseError) -> SignedLicense
}

public struct UpstreamLoginRequest: Sendable, Codable, Equatable {
    /// Shown to the enterprise: which system asks, and for which matter.
    public var requester: String
    public var purpose: String
    public var scope: [Scope]
    public var expiresAt: Timestamp
    /// Shown to the enterprise next to the request: the code the department's page shows
    /// beside the QR code (``LoginCreated/confirmationCode``).
    public var confirmationCode: String

    public init(requester: String, purpose: String, scope: [Scope], expiresAt: Timestamp, confirmationCode: String) {
        self.requester = requester
        self.purpose = purpose
        self.scope = scope
        self.expiresAt = expiresAt
        self.confirmationCode = confirmationCode
    }

    enum CodingKeys: String, CodingKey {
        case requester, purpose, scope, expiresAt = "expires_at", confirmationCode = "confirmation_code"
    }
}

public struct UpstreamLoginTicket: Sendable, Codable, Equatable {
    public var ticket: String
    public var qrContent: String
    public var expiresAt: Timestamp

    public init(ticket: String, qrContent: String, expiresAt: Timestamp) {
        self.ticket = ticket
        self.qrContent = qrContent
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey { case ticket, qrContent = "qr_content", expiresAt = "expires_at" }
}

/// What the provincial system says of a ticket.
public struct UpstreamLoginState: Sendable, Codable, Equatable {
    public var state: LoginState
    /// Present once authorized.
    public var subject: Subject?
    /// Authorization to exchange for license data; present once authorized.
    public var authorization: String?

    public init(state: LoginState, subject: Subject? = nil, authorization: String? = nil) {
        self.state = state
        self.subject = subject
        self.authorization = authorization
    }
}
