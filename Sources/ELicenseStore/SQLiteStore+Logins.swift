import ELicenseCore
import ELicenseProtocol
import GRDB

/// QR login sessions.
extension SQLiteStore {
    public func insertLogin(_ login: LoginRecord) async throws(ELicenseError) {
        let columns = try LoginColumns(login)
        try await write("inserting login '\(login.id)'") { db in
            try db.execute(sql: """
                INSERT INTO login_session (id, app_id, purpose, scope_json, qr_token, upstream_ticket, state, created_at,
                                           expires_at, poll_interval, last_polled_at, subject_json, grant_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [login.id] + columns.arguments)
        }
    }

    public func login(id: String) async throws(ELicenseError) -> LoginRecord? {
        try await read("reading login '\(id)'") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM login_session WHERE id = ?", arguments: [id]).map(Self.login(from:))
        }
    }

    public func login(qrToken: String) async throws(ELicenseError) -> LoginRecord? {
        try await read("reading a login by QR token") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM login_session WHERE qr_token = ?",
                             arguments: [qrToken]).map(Self.login(from:))
        }
    }

    public func updateLogin(_ login: LoginRecord) async throws(ELicenseError) {
        guard try await replaceLogin(login, expecting: nil) else {
            throw ELicenseError(.loginNotFound, "no login '\(login.id)' to update")
        }
    }

    public func updateLogin(_ login: LoginRecord, expecting expected: LoginState) async throws(ELicenseError) -> Bool {
        try await replaceLogin(login, expecting: expected)
    }

    /// False when `expected` is given and the stored state differs; `login_not_found` when there
    /// is no such login at all.
    private func replaceLogin(_ login: LoginRecord, expecting expected: LoginState?) async throws(ELicenseError) -> Bool {
        let columns = try LoginColumns(login)
        return try await write("updating login '\(login.id)'") { db in
            try db.execute(sql: """
                UPDATE login_session SET app_id = ?, purpose = ?, scope_json = ?, qr_token = ?, upstream_ticket = ?,
                    state = ?, created_at = ?, expires_at = ?, poll_interval = ?, last_polled_at = ?,
                    subject_json = ?, grant_json = ?
                WHERE id = ? AND (? IS NULL OR state = ?)
                """, arguments: columns.arguments + [login.id, expected?.rawValue, expected?.rawValue])
            if db.changesCount > 0 { return true }
            guard try Self.exists(db, "SELECT 1 FROM login_session WHERE id = ?", [login.id]) else {
                throw ELicenseError(.loginNotFound, "no login '\(login.id)' to update")
            }
            return false
        }
    }

    private static func login(from row: Row) throws -> LoginRecord {
        LoginRecord(id: try row.decode(forColumn: "id"), appID: try row.decode(forColumn: "app_id"),
                    purpose: try row.decode(forColumn: "purpose"), scope: try row.json([Scope].self, "scope_json"),
                    qrToken: try row.decode(forColumn: "qr_token"), upstreamTicket: try row.decode(forColumn: "upstream_ticket"),
                    state: try row.enumValue(LoginState.self, "state"), createdAt: try row.timestamp("created_at"),
                    expiresAt: try row.timestamp("expires_at"), interval: try row.decode(forColumn: "poll_interval"),
                    lastPolledAt: try row.optionalTimestamp("last_polled_at"),
                    subject: try row.optionalJSON(Subject.self, "subject_json"),
                    grant: try row.optionalJSON(Grant.self, "grant_json"))
    }
}

/// A login's columns after its id, in the order the statements above list them; encoded before
/// the transaction so JSON work does not hold the write lock.
private struct LoginColumns: Sendable {
    let arguments: StatementArguments

    init(_ login: LoginRecord) throws(ELicenseError) {
        let scope = try jsonText(login.scope)
        let subject = try login.subject.map { subject throws(ELicenseError) in try jsonText(subject) }
        let grant = try login.grant.map { grant throws(ELicenseError) in try jsonText(grant) }
        arguments = [login.appID, login.purpose, scope, login.qrToken, login.upstreamTicket, login.state.rawValue,
                     login.createdAt.secondsSince1970, login.expiresAt.secondsSince1970, login.interval,
                     login.lastPolledAt?.secondsSince1970, subject, grant]
    }
}
