import ELicenseCore
import ELicenseProtocol

// What every store implementation shares: the rules the protocol promises, the text of their
// errors, and the column encodings, so SQLite and PostgreSQL answer alike.

/// Rules of ``FrontStore`` that every implementation enforces the same way.
package enum StoreRules {
    /// Active keys per app: the current one and its successor during a changeover.
    package static let maxActiveKeys = 2
    /// Seconds between purges of expired nonces: a purge per interval rather than per call keeps
    /// the hot path to one statement.
    package static let noncePurgeInterval: Int64 = 60

    /// `now - retention`, saturating, so no setting can overflow the arithmetic.
    package static func cutoff(_ now: Int64, _ retention: Int64) -> Int64 {
        let (value, overflow) = now.subtractingReportingOverflow(max(0, retention))
        return overflow ? .min : value
    }

    /// Refusing anything but a digest keeps a caller from storing the token itself by mistake.
    package static func checkDigest(_ tokenSM3: String) throws(ELicenseError) {
        guard tokenSM3.utf8.count == 64,
            tokenSM3.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else {
            throw ELicenseError(.invalidArgument, "tokenSM3 must be 64 lower-case hex digits")
        }
    }

    package static func checkKeyOwner(_ app: AppSystem, _ key: AppKey) throws(ELicenseError) {
        guard key.appID == app.appID else {
            throw ELicenseError(
                .invalidArgument, "key '\(key.keyID)' belongs to app '\(key.appID)', not '\(app.appID)'")
        }
    }

    package static func checkLimit(_ limit: Int) throws(ELicenseError) {
        guard limit > 0 else { throw ELicenseError(.invalidArgument, "limit must be positive, not \(limit)") }
    }

    /// Refills per second of a bucket of `perMinute` tokens (at least one), as ``FrontStore/admitCall(appID:nonce:nonceExpiresAt:perMinute:now:)``
    /// counts them; the capacity is `perMinute` itself.
    package static func rateCapacity(_ perMinute: Int) -> Double { Double(max(1, perMinute)) }
}

/// The errors both stores raise for the same refusal.
package enum StoreErrors {
    package static func unitExists(_ id: String) -> ELicenseError {
        ELicenseError(.invalidArgument, "unit id '\(id)' already exists")
    }
    package static func usccTaken(_ uscc: USCC, by other: String) -> ELicenseError {
        ELicenseError(.invalidArgument, "USCC \(uscc) is already registered as unit '\(other)'")
    }
    package static func unknownUnit(_ unitID: String, app: String) -> ELicenseError {
        ELicenseError(.invalidArgument, "unknown unit '\(unitID)' for app '\(app)'")
    }
    package static func appExists(_ id: String) -> ELicenseError {
        ELicenseError(.invalidArgument, "app id '\(id)' already exists")
    }
    package static func unknownApp(_ id: String) -> ELicenseError {
        ELicenseError(.invalidArgument, "unknown app '\(id)'")
    }
    package static func keyExists(_ key: AppKey) -> ELicenseError {
        ELicenseError(.invalidArgument, "app '\(key.appID)' already has a key '\(key.keyID)'")
    }
    package static func tooManyKeys(_ appID: String) -> ELicenseError {
        ELicenseError(
            .invalidArgument,
            "app '\(appID)' already has \(StoreRules.maxActiveKeys) active keys: retire one first")
    }
    package static func loginNotFound(_ id: String) -> ELicenseError {
        ELicenseError(.loginNotFound, "no login '\(id)' to update")
    }
    package static func auditHeadMissing() -> ELicenseError {
        ELicenseError(.auditUnavailable, "审计日志链头缺失 (the audit chain head is missing)")
    }
    package static func auditUnavailable(_ detail: String) -> ELicenseError {
        ELicenseError(.auditUnavailable, "appending to the audit log: \(detail)")
    }
    /// A store answered an append of `sent` records with another number of them.
    package static func auditRecordCount(sent: Int, returned: Int) -> ELicenseError {
        auditUnavailable("\(sent) records appended, \(returned) returned")
    }
    package static func newerSchema() -> ELicenseError {
        ELicenseError(
            .invalidConfig,
            "存储已由更新版本的 elicense-front 迁移，请升级本程序 (the store was migrated by a newer elicense-front)")
    }
}

/// When ``FrontStore/admitCall(appID:nonce:nonceExpiresAt:perMinute:now:)`` also purges expired nonces: once
/// per ``StoreRules/noncePurgeInterval`` of the callers' clock, per store object.
package final class NoncePurgeSchedule: Sendable {
    private let next = Locked<Int64>(.min)

    package init() {}

    /// Whether a purge is due at `now`; if so, the next one is scheduled.
    package func isDue(_ now: Timestamp) -> Bool {
        next.withLock { next in
            guard now.secondsSince1970 >= next else { return false }
            next = now.secondsSince1970 + StoreRules.noncePurgeInterval
            return true
        }
    }
}

extension RetentionPolicy {
    /// The expiry times at or before which `now` deletes login sessions, grants and material
    /// documents.
    package func cutoffs(now: Timestamp) -> (sessions: Int64, grants: Int64, documents: Int64) {
        let seconds = now.secondsSince1970
        return (
            StoreRules.cutoff(seconds, loginSessionSeconds), StoreRules.cutoff(seconds, grantSeconds),
            StoreRules.cutoff(seconds, materialDocumentSeconds)
        )
    }
}

/// The columns of a grant that are encoded or sealed, prepared before any statement.
package struct GrantColumns: Sendable {
    package let scope: String
    package let subject: String
    package let authorization: String

    package init(_ grant: GrantRecord, key: StoreKey) throws(ELicenseError) {
        try StoreRules.checkDigest(grant.tokenSM3)
        scope = try jsonText(grant.scope)
        subject = try jsonText(grant.subject)
        authorization = try key.seal(grant.upstreamAuthorization, context: Sealed.grantAuthorization(grant.tokenSM3))
    }
}

/// The columns of a login that are encoded or sealed, prepared before any statement so that
/// work holds no lock.
package struct LoginColumns: Sendable {
    package let scope: String
    package let subject: String?
    package let grant: String?

    package init(_ login: LoginRecord, key: StoreKey) throws(ELicenseError) {
        scope = try jsonText(login.scope)
        subject = try login.subject.map { subject throws(ELicenseError) in try jsonText(subject) }
        grant = try login.grant.map { grant throws(ELicenseError) in
            try key.seal(try WireJSON.encode(grant), context: Sealed.loginGrant(login.id))
        }
    }
}

extension LoginRecord {
    /// This login after a poll at `at` (``FrontStore/recordPoll(loginID:at:slowDownSeconds:)``): a
    /// poll less than `interval` seconds after the previous one, while the state is not final, is
    /// too soon and lengthens the interval by `slowDownSeconds`.
    package func polled(at: Timestamp, slowDownSeconds: Int) -> LoginPoll {
        let step = max(0, slowDownSeconds)
        var login = self
        let elapsed = lastPolledAt.map { at.secondsSince1970.subtractingReportingOverflow($0.secondsSince1970) }
        let tooSoon = !state.isFinal && elapsed.map { $0.overflow || $0.partialValue < Int64(interval) } == true
        if tooSoon { login.interval = min(interval, Int.max - step) + step }
        login.lastPolledAt = at
        return LoginPoll(login: login, tooSoon: tooSoon)
    }
}

/// The wire JSON of `value` as column text.
package func jsonText<T: Encodable>(_ value: T) throws(ELicenseError) -> String {
    String(decoding: try WireJSON.encode(value), as: UTF8.self)
}

/// A column's text holding the wire JSON of `T`.
package func storedJSON<T: Decodable>(_ type: T.Type, _ text: String, _ column: String) throws(ELicenseError) -> T {
    do { return try WireJSON.decode(type, from: Array(text.utf8)) } catch {
        throw ELicenseError(.internal, "stored \(column) is unreadable: \(error.detail)")
    }
}

package func storedEnum<T: RawRepresentable>(_ type: T.Type, _ raw: String, _ column: String) throws(ELicenseError)
    -> T where T.RawValue == String
{
    guard let value = T(rawValue: raw) else {
        throw ELicenseError(.internal, "stored \(column) '\(raw)' is not a \(T.self)")
    }
    return value
}

package func storedUSCC(_ raw: String, _ column: String) throws(ELicenseError) -> USCC {
    do { return try USCC(raw) } catch {
        throw ELicenseError(.internal, "stored \(column) '\(raw)' is not a valid USCC")
    }
}

/// The contexts under which secrets are sealed (``StoreKey``): column and row, so a sealed value
/// copied into another row or column does not open.
package enum Sealed {
    package static func loginGrant(_ loginID: String) -> String { "login_session.grant_json:" + loginID }
    package static func grantAuthorization(_ tokenSM3: String) -> String {
        "grant_record.upstream_authorization:" + tokenSM3
    }
    package static func sandbox(_ kind: String, _ key: String) -> String { "sandbox_state.value:\(kind):\(key)" }
}

/// What `elicense-front db migrate` did: the newest migration applied before and after (nil
/// for a store that had none).
public struct SchemaMigration: Sendable, Equatable {
    public var from: String?
    public var to: String?

    public init(from: String?, to: String?) {
        self.from = from
        self.to = to
    }
}
