import ELicenseCore

/// Where the sandbox provincial system keeps its tickets and authorizations so that a restart of
/// a sandbox front does not lose them (the front's store, which seals them at rest).
public protocol SandboxPersistence: Sendable {
    func saveSandboxState(kind: String, key: String, value: [UInt8], expiresAt: Timestamp) async throws(ELicenseError)
    /// Nil when unknown or expired at `now`.
    func sandboxState(kind: String, key: String, now: Timestamp) async throws(ELicenseError) -> [UInt8]?
}
