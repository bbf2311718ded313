import ELicenseCore
import ELicenseProtocol
import ELicenseStore

/// A store whose audit log can be made to fail, to prove the front then refuses to serve; and
/// whose readiness probe can, as when the database is unreachable.
final class FailingAuditStore: FrontStore {
    private let inner: any FrontStore
    private let failing = Locked(false)
    private let unready = Locked(false)

    init(_ inner: any FrontStore) { self.inner = inner }

    func fail(_ on: Bool) { failing.withLock { $0 = on } }
    func failReadiness(_ on: Bool) { unready.withLock { $0 = on } }

    func appendAudit(_ events: [AuditEvent]) async throws(ELicenseError) -> [AuditRecord] {
        if failing.withLock({ $0 }) { throw ELicenseError(.auditUnavailable, "disk full (simulated)") }
        return try await inner.appendAudit(events)
    }

    func insertUnit(_ unit: AccessUnit) async throws(ELicenseError) { try await inner.insertUnit(unit) }
    func unit(id: String) async throws(ELicenseError) -> AccessUnit? { try await inner.unit(id: id) }
    func units() async throws(ELicenseError) -> [AccessUnit] { try await inner.units() }
    func setUnitEnabled(id: String, enabled: Bool, at: Timestamp) async throws(ELicenseError) -> Bool {
        try await inner.setUnitEnabled(id: id, enabled: enabled, at: at)
    }
    func insertApp(_ app: AppSystem, key: AppKey) async throws(ELicenseError) {
        try await inner.insertApp(app, key: key)
    }
    func app(id: String) async throws(ELicenseError) -> AppSystem? { try await inner.app(id: id) }
    func apps(unitID: String) async throws(ELicenseError) -> [AppSystem] { try await inner.apps(unitID: unitID) }
    func setAppEnabled(id: String, enabled: Bool, at: Timestamp) async throws(ELicenseError) -> Bool {
        try await inner.setAppEnabled(id: id, enabled: enabled, at: at)
    }
    func setAppRateLimit(id: String, perMinute: Int) async throws(ELicenseError) -> Bool {
        try await inner.setAppRateLimit(id: id, perMinute: perMinute)
    }
    func addKey(_ key: AppKey) async throws(ELicenseError) { try await inner.addKey(key) }
    func retireKey(appID: String, keyID: String, at: Timestamp) async throws(ELicenseError) -> Bool {
        try await inner.retireKey(appID: appID, keyID: keyID, at: at)
    }
    func authentication(appID: String) async throws(ELicenseError) -> AppAuthentication? {
        try await inner.authentication(appID: appID)
    }
    func admitCall(appID: String, nonce: String, nonceExpiresAt: Timestamp, perMinute: Int, now: Timestamp)
        async throws(ELicenseError) -> CallAdmission
    {
        try await inner.admitCall(
            appID: appID, nonce: nonce, nonceExpiresAt: nonceExpiresAt, perMinute: perMinute, now: now)
    }
    func insertLogin(_ login: LoginRecord) async throws(ELicenseError) { try await inner.insertLogin(login) }
    func login(id: String) async throws(ELicenseError) -> LoginRecord? { try await inner.login(id: id) }
    func login(qrToken: String) async throws(ELicenseError) -> LoginRecord? { try await inner.login(qrToken: qrToken) }
    func updateLogin(_ login: LoginRecord, expecting expected: LoginState) async throws(ELicenseError) -> Bool {
        try await inner.updateLogin(login, expecting: expected)
    }
    func recordPoll(loginID: String, at: Timestamp, slowDownSeconds: Int) async throws(ELicenseError) -> LoginPoll? {
        try await inner.recordPoll(loginID: loginID, at: at, slowDownSeconds: slowDownSeconds)
    }
    func insertGrant(_ grant: GrantRecord) async throws(ELicenseError) { try await inner.insertGrant(grant) }
    func grant(tokenSM3: String) async throws(ELicenseError) -> GrantRecord? {
        try await inner.grant(tokenSM3: tokenSM3)
    }
    func insertMaterial(_ material: StoredMaterial) async throws(ELicenseError) {
        try await inner.insertMaterial(material)
    }
    func material(id: String) async throws(ELicenseError) -> StoredMaterial? { try await inner.material(id: id) }
    func material(code: String) async throws(ELicenseError) -> StoredMaterial? { try await inner.material(code: code) }
    func revokeMaterial(id: String, reason: String, at: Timestamp) async throws(ELicenseError) -> StoredMaterial? {
        try await inner.revokeMaterial(id: id, reason: reason, at: at)
    }
    func purge(_ policy: RetentionPolicy, now: Timestamp) async throws(ELicenseError) -> PurgeReport {
        try await inner.purge(policy, now: now)
    }
    func saveSandboxState(kind: String, key: String, value: [UInt8], expiresAt: Timestamp) async throws(ELicenseError) {
        try await inner.saveSandboxState(kind: kind, key: key, value: value, expiresAt: expiresAt)
    }
    func sandboxState(kind: String, key: String, now: Timestamp) async throws(ELicenseError) -> [UInt8]? {
        try await inner.sandboxState(kind: kind, key: key, now: now)
    }
    func claimFrontKeys(fingerprint: String) async throws(ELicenseError) -> String? {
        try await inner.claimFrontKeys(fingerprint: fingerprint)
    }
    func replaceFrontKeys(fingerprint: String) async throws(ELicenseError) {
        try await inner.replaceFrontKeys(fingerprint: fingerprint)
    }
    func ping() async throws(ELicenseError) {
        if unready.withLock({ $0 }) { throw ELicenseError(.internal, "database unreachable (simulated)") }
        try await inner.ping()
    }
    func auditRecords(after seq: Int64, limit: Int) async throws(ELicenseError) -> [AuditRecord] {
        try await inner.auditRecords(after: seq, limit: limit)
    }
    func auditHead() async throws(ELicenseError) -> AuditAnchor {
        return try await inner.auditHead()
    }
    func verifyAudit(anchors: [AuditAnchor]) async throws(ELicenseError) -> AuditVerification {
        try await inner.verifyAudit(anchors: anchors)
    }
}
