import ELicenseCore
import ELicenseStore

extension FrontConfig {
    /// How long the store keeps what it no longer needs, and how often the front publishes a
    /// signed checkpoint of the audit chain (docs/front.md, "Retention" and "Audit log").
    public struct StorageSettings: Codable, Sendable, Equatable {
        /// Login sessions are deleted this long after they expire.
        public var loginSessionRetentionDays = 7
        /// Grants are deleted this long after they expire.
        public var grantRetentionDays = 30
        /// An expired material's documents (PDF, PNG) are deleted this long after its expiry; its
        /// record and digests stay, so verification still answers `expired`.
        public var materialDocumentRetentionDays = 30
        public var purgeIntervalMinutes = 60
        /// A checkpoint is published once this many records were appended since the last one…
        public var auditCheckpointRecords = 1000
        /// …or this long after the last one, when records were appended meanwhile.
        public var auditCheckpointMinutes = 60

        public init() {}

        enum CodingKeys: String, CodingKey {
            case loginSessionRetentionDays = "login_session_retention_days", grantRetentionDays = "grant_retention_days"
            case materialDocumentRetentionDays = "material_document_retention_days"
            case purgeIntervalMinutes = "purge_interval_minutes", auditCheckpointRecords = "audit_checkpoint_records"
            case auditCheckpointMinutes = "audit_checkpoint_minutes"
        }

        /// Missing keys keep their defaults.
        public init(from decoder: any Decoder) throws {
            self.init()
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func take(_ key: CodingKeys, _ value: inout Int) throws {
                if let v = try c.decodeIfPresent(Int.self, forKey: key) { value = v }
            }
            try take(.loginSessionRetentionDays, &loginSessionRetentionDays)
            try take(.grantRetentionDays, &grantRetentionDays)
            try take(.materialDocumentRetentionDays, &materialDocumentRetentionDays)
            try take(.purgeIntervalMinutes, &purgeIntervalMinutes)
            try take(.auditCheckpointRecords, &auditCheckpointRecords)
            try take(.auditCheckpointMinutes, &auditCheckpointMinutes)
        }

        public func validate() throws(ELicenseError) {
            try SettingRange.check("storage.login_session_retention_days", loginSessionRetentionDays, 0...3650)
            try SettingRange.check("storage.grant_retention_days", grantRetentionDays, 0...3650)
            try SettingRange.check("storage.material_document_retention_days", materialDocumentRetentionDays, 0...3650)
            try SettingRange.check("storage.purge_interval_minutes", purgeIntervalMinutes, 1...1440)
            try SettingRange.check("storage.audit_checkpoint_records", auditCheckpointRecords, 1...1_000_000)
            try SettingRange.check("storage.audit_checkpoint_minutes", auditCheckpointMinutes, 1...1440)
        }

        public var retentionPolicy: RetentionPolicy {
            RetentionPolicy(
                loginSessionSeconds: Int64(loginSessionRetentionDays) * 86_400,
                grantSeconds: Int64(grantRetentionDays) * 86_400,
                materialDocumentSeconds: Int64(materialDocumentRetentionDays) * 86_400)
        }
    }
}
