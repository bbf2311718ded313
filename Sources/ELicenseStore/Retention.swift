import ELicenseCore

/// How long the store keeps what it no longer needs, counted from each row's expiry. Expired
/// materials keep their record and digests (verification still answers `expired`); only their
/// rendered documents go. Nonces go once their replay window has passed; the audit log and the
/// registry are never purged.
public struct RetentionPolicy: Sendable, Equatable {
    public var loginSessionSeconds: Int64
    public var grantSeconds: Int64
    public var materialDocumentSeconds: Int64

    public init(loginSessionSeconds: Int64, grantSeconds: Int64, materialDocumentSeconds: Int64) {
        self.loginSessionSeconds = loginSessionSeconds
        self.grantSeconds = grantSeconds
        self.materialDocumentSeconds = materialDocumentSeconds
    }
}

/// What one purge removed.
public struct PurgeReport: Sendable, Equatable {
    public var loginSessions = 0
    public var grants = 0
    public var nonces = 0
    public var materialDocuments = 0
    public var sandboxEntries = 0

    public init() {}

    public var total: Int { loginSessions + grants + nonces + materialDocuments + sandboxEntries }
}
