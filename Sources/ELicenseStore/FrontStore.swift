import ELicenseCore
import ELicenseProtocol

/// Everything `elicense-front` keeps, behind one narrow interface: SQLite (``SQLiteStore``) for a
/// single instance, PostgreSQL (`PostgresStore`) shared by several instances. Everything below is
/// shared by the instances on one store: a nonce used on one is refused on another, a rate
/// budget is the cluster's, the audit chain has one order. Implementations throw only
/// ``ELicenseError``, never their driver's errors, and are safe to call concurrently.
public protocol FrontStore: Sendable {
    // MARK: Registry

    /// A duplicate id or a USCC already registered to another unit is `invalid_argument`.
    func insertUnit(_ unit: AccessUnit) async throws(ELicenseError)
    func unit(id: String) async throws(ELicenseError) -> AccessUnit?
    /// All units, oldest first.
    func units() async throws(ELicenseError) -> [AccessUnit]
    /// Disabling records `at` (the first time, if already disabled); enabling clears it.
    /// False when there is no such unit.
    func setUnitEnabled(id: String, enabled: Bool, at: Timestamp) async throws(ELicenseError) -> Bool
    /// Registers an app of an existing unit with its first key, atomically.
    func insertApp(_ app: AppSystem, key: AppKey) async throws(ELicenseError)
    func app(id: String) async throws(ELicenseError) -> AppSystem?
    /// The unit's apps, oldest first.
    func apps(unitID: String) async throws(ELicenseError) -> [AppSystem]
    /// As ``setUnitEnabled(id:enabled:at:)``, for an app.
    func setAppEnabled(id: String, enabled: Bool, at: Timestamp) async throws(ELicenseError) -> Bool
    /// Sets the app's calls per minute (the caller checks the range). False when there is no such app.
    func setAppRateLimit(id: String, perMinute: Int) async throws(ELicenseError) -> Bool
    /// At most two keys of an app are active at once (a changeover); a third is `invalid_argument`.
    func addKey(_ key: AppKey) async throws(ELicenseError)
    /// False when there is no such key; retiring a retired key keeps the first time.
    func retireKey(appID: String, keyID: String, at: Timestamp) async throws(ELicenseError) -> Bool
    /// The app, its unit and its active keys from one consistent read; nil for an unknown app.
    func authentication(appID: String) async throws(ELicenseError) -> AppAuthentication?

    // MARK: Admission of a signed call

    /// Steps 9 and 10 of docs/protocol.md §3.5 in one transaction: uses `nonce` for the app until
    /// `nonceExpiresAt` (a nonce seen before and not expired at `now` is ``CallAdmission/nonceReplayed``
    /// and changes nothing), then takes one call from the app's token bucket (a burst of up to
    /// `perMinute`, at least 1, refilled at `perMinute` per minute; an empty bucket is
    /// ``CallAdmission/rateLimited``, the nonce staying used). One bucket per app in the store, so
    /// every instance on it spends the same budget. Expired nonces are purged now and then.
    ///
    /// The commit does not wait for the disk: it is visible at once (to every instance), and the
    /// next synced commit — the call's audit record, before any answer — makes it durable, since
    /// the database's log is written in order. A power cut can only forget the admission of a
    /// call whose result was never delivered.
    func admitCall(appID: String, nonce: String, nonceExpiresAt: Timestamp, perMinute: Int, now: Timestamp)
        async throws(ELicenseError) -> CallAdmission

    // MARK: Login sessions

    func insertLogin(_ login: LoginRecord) async throws(ELicenseError)
    func login(id: String) async throws(ELicenseError) -> LoginRecord?
    func login(qrToken: String) async throws(ELicenseError) -> LoginRecord?
    /// Replaces the stored session's state, upstream ticket, subject and grant only while its state
    /// is still `expected`; false otherwise, `login_not_found` when there is no such login.
    /// Concurrent handlers (a poll and the enterprise's confirmation, possibly on two front
    /// instances) use it so that neither overwrites the other's state change. The poll fields
    /// (`interval`, `lastPolledAt`) are left alone: only ``recordPoll(loginID:at:slowDownSeconds:)``
    /// changes them.
    func updateLogin(_ login: LoginRecord, expecting expected: LoginState) async throws(ELicenseError) -> Bool
    /// Records a poll of the login at `at` as one compare-and-set on its poll fields, so that
    /// concurrent polls (on one or several front instances) each see the one before: a poll less
    /// than `interval` seconds after the previous one, while the state is not final, is too soon
    /// and lengthens the interval by `slowDownSeconds`. Nil when there is no such login.
    func recordPoll(loginID: String, at: Timestamp, slowDownSeconds: Int) async throws(ELicenseError) -> LoginPoll?

    // MARK: Grants

    /// `tokenSM3` must be a lower-case hex SM3 digest: the token itself is never stored.
    func insertGrant(_ grant: GrantRecord) async throws(ELicenseError)
    func grant(tokenSM3: String) async throws(ELicenseError) -> GrantRecord?

    // MARK: Materials

    func insertMaterial(_ material: StoredMaterial) async throws(ELicenseError)
    func material(id: String) async throws(ELicenseError) -> StoredMaterial?
    func material(code: String) async throws(ELicenseError) -> StoredMaterial?
    /// The material after revocation, nil when unknown. Revoking again keeps the first time and
    /// reason.
    func revokeMaterial(id: String, reason: String, at: Timestamp) async throws(ELicenseError) -> StoredMaterial?

    // MARK: Retention

    /// Deletes what `policy` no longer keeps at `now` (see ``RetentionPolicy``), in one transaction.
    func purge(_ policy: RetentionPolicy, now: Timestamp) async throws(ELicenseError) -> PurgeReport

    // MARK: Sandbox provincial system

    /// Keeps an entry of the sandbox's state (`kind` `ticket` or `authorization`) until
    /// `expiresAt`, sealed at rest; saving the same kind and key again replaces it.
    func saveSandboxState(kind: String, key: String, value: [UInt8], expiresAt: Timestamp) async throws(ELicenseError)
    /// The entry, nil when unknown or expired at `now`.
    func sandboxState(kind: String, key: String, now: Timestamp) async throws(ELicenseError) -> [UInt8]?

    // MARK: Cluster

    /// Records `fingerprint` (of the front's published public key set) as the store's the first
    /// time; nil when it is the recorded one, else the recorded one: this instance was started
    /// with other keys than the instances before it.
    func claimFrontKeys(fingerprint: String) async throws(ELicenseError) -> String?
    /// Records `fingerprint` as the store's key set whatever was recorded before: a deliberate
    /// key rotation, after which instances with the old keys refuse to start.
    func replaceFrontKeys(fingerprint: String) async throws(ELicenseError)
    /// Answers when the store does (a trivial query), for readiness checks.
    func ping() async throws(ELicenseError)

    // MARK: Audit log (append-only, SM3 hash chain)

    /// Appends `events`, in order, as the next records of the chain, in one transaction whose
    /// commit is durable before it returns (one synced commit however many records: the front's
    /// ``AuditAppender`` gathers concurrent calls' records into one such batch). All or none:
    /// any failure is `audit_unavailable`, and the front then refuses the calls rather than serve
    /// them unrecorded.
    func appendAudit(_ events: [AuditEvent]) async throws(ELicenseError) -> [AuditRecord]
    /// Up to `limit` records with `seq > after`, in order (export, tailing).
    func auditRecords(after seq: Int64, limit: Int) async throws(ELicenseError) -> [AuditRecord]
    /// The newest record's place and hash (seq 0 and the genesis hash for an empty log).
    func auditHead() async throws(ELicenseError) -> AuditAnchor
    /// Recomputes the whole chain, compares it with the head and checks that each anchor's
    /// record is still in the chain with the anchored hash (so a cut tail shows even when the
    /// head was rewritten to match it).
    func verifyAudit(anchors: [AuditAnchor]) async throws(ELicenseError) -> AuditVerification
}

extension FrontStore {
    public func verifyAudit() async throws(ELicenseError) -> AuditVerification { try await verifyAudit(anchors: []) }

    /// Appends one record in a transaction of its own (see ``appendAudit(_:)-([AuditEvent])``).
    public func appendAudit(_ event: AuditEvent) async throws(ELicenseError) -> AuditRecord {
        let records = try await appendAudit([event])
        guard records.count == 1, let record = records.first else {
            throw StoreErrors.auditRecordCount(sent: 1, returned: records.count)
        }
        return record
    }
}

/// What ``FrontStore/admitCall(appID:nonce:nonceExpiresAt:perMinute:now:)`` decided.
public enum CallAdmission: Sendable, Equatable {
    case admitted
    /// The nonce was used before and has not expired: nothing changed.
    case nonceReplayed
    /// The app's bucket is empty: no call was taken; the nonce is used.
    case rateLimited
}
