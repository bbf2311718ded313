import ELicenseCore
import ELicenseProtocol

/// An issued material with its rendered documents and its revocation, if any.
///
/// `record` is kept exactly as issued and signed; whether it is revoked or expired at a given
/// moment is the front's answer from `revokedAt` and `record.expiresAt`, not `record.state`.
public struct StoredMaterial: Sendable, Equatable {
    public var record: MaterialRecord
    /// Format (`pdf`, `png`) → document bytes.
    public var documents: [String: [UInt8]]
    public var revokedAt: Timestamp?
    public var revocationReason: String?

    public init(
        record: MaterialRecord, documents: [String: [UInt8]], revokedAt: Timestamp? = nil,
        revocationReason: String? = nil
    ) {
        self.record = record
        self.documents = documents
        self.revokedAt = revokedAt
        self.revocationReason = revocationReason
    }
}
