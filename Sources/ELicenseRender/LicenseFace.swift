import ELicenseCore

/// Everything printed on a license material document: the license face and what the front
/// system adds to it (purpose, verification code and URL, validity, issuer).
public struct LicenseFace: Sendable, Hashable {
    /// 照面信息 as the upstream system returned it.
    public var license: License
    /// 用途/办理事项, in the watermark.
    public var purpose: String
    /// The code a person types to verify the material, e.g. `7KQ4-M2P9-XWD3`.
    public var verificationCode: String
    /// Encoded in the document's QR code and printed in the footer.
    public var verifyURL: String
    /// When the front system issued the material.
    public var issuedAt: Timestamp
    /// Until when the material may be relied on.
    public var expiresAt: Timestamp
    /// The issuing front system, e.g. 济南市政务服务电子营业执照验证前置系统.
    public var issuerName: String
    /// The issuing front's level and region, e.g. 市级前置系统 · 济南市（370100）; printed under its name.
    public var issuerDeployment: String
    /// Adds a prominent 沙箱样例 SANDBOX — 非真实证照 marking.
    public var isSandbox: Bool
    /// Adds a prominent 演练 REHEARSAL marking: production-profile material made from a
    /// rehearsal gateway's data (``SignedLicense/isRehearsal`` in ELicenseProtocol).
    public var isRehearsal: Bool

    public init(
        license: License, purpose: String, verificationCode: String, verifyURL: String,
        issuedAt: Timestamp, expiresAt: Timestamp, issuerName: String, issuerDeployment: String, isSandbox: Bool,
        isRehearsal: Bool = false
    ) {
        self.license = license
        self.purpose = purpose
        self.verificationCode = verificationCode
        self.verifyURL = verifyURL
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.issuerName = issuerName
        self.issuerDeployment = issuerDeployment
        self.isSandbox = isSandbox
        self.isRehearsal = isRehearsal
    }
}
