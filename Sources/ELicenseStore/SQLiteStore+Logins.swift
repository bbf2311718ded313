import ELicenseCore
import ELicenseProtocol
import GRDB

/// QR login sessions. The grant of an authorised session is sealed (``StoreKey``): every later
/// poll must be able to answer with its token (protocol §4.4), so a digest would not do.
extension SQLiteStore {
    public func insertLogin(_ login: LoginRecord) async throws(ELicenseError) {
        let columns = try LoginArguments(login, key: key)
        try await write("inserting login '\(login.id)'") { db in
            try db.execute(
                sql: """
                    INSERT INTO login_session (id, app_id, purpose, scope_json, qr_token, upstream_ticket, state, created_at,
                                               expires_at, subject_json, grant_json, poll_interval, last_polled_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [login.id] + columns.arguments + [login.interval, login.lastPolledAt?.secondsSince1970])
        }
    }

    public func login(id: String) async throws(ELicenseError) -> LoginRecord? {
        try await read("reading login '\(id)'") { [key] db in
            try Row.fetchOne(db, sql: "SELECT * FROM login_session WHERE id = ?", arguments: [id]).map { row in
                try Self.login(from: row, key: key)
            }
        }
    }

    public func login(qrToken: String) async throws(ELicenseError) -> LoginRecord? {
        try await read("reading a login by QR token") { [key] db in
            try Row.fetchOne(db, sql: "SELECT * FROM login_session WHERE qr_token = ?", arguments: [qrToken]).map {
                row in
                try Self.login(from: row, key: key)
            }
        }
    }

    public func updateLogin(_ login: LoginRecord, expecting expected: LoginState) async throws(ELicenseError) -> Bool {
        let columns = try LoginArguments(login, key: key)
        return try await write("updating login '\(login.id)'") { db in
            try db.execute(
                sql: """
                    UPDATE login_session SET app_id = ?, purpose = ?, scope_json = ?, qr_token = ?, upstream_ticket = ?,
                        state = ?, created_at = ?, expires_at = ?, subject_json = ?, grant_json = ?
                    WHERE id = ? AND state = ?
                    """, arguments: columns.arguments + [login.id, expected.rawValue])
            if db.changesCount > 0 { return true }
            guard try Self.exists(db, "SELECT 1 FROM login_session WHERE id = ?", [login.id]) else {
                throw StoreErrors.loginNotFound(login.id)
            }
            return false
        }
    }

    public func recordPoll(loginID: String, at: Timestamp, slowDownSeconds: Int) async throws(ELicenseError)
        -> LoginPoll?
    {
        try await write("recording a poll of login '\(loginID)'") { [key] db in
            // The compare-and-set on both poll fields makes the update safe even where the
            // transaction does not hold the write lock from its start (another process): each
            // poll changes the pair (the interval only grows, the time never goes back), so a
            // concurrent poll in between makes the update miss and this poll look again.
            for _ in 0..<8 {
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT * FROM login_session WHERE id = ?", arguments: [loginID])
                else {
                    return nil
                }
                let login = try Self.login(from: row, key: key)
                let poll = login.polled(at: at, slowDownSeconds: slowDownSeconds)
                try db.execute(
                    sql: """
                        UPDATE login_session SET poll_interval = ?, last_polled_at = ?
                        WHERE id = ? AND poll_interval = ? AND last_polled_at IS ?
                        """,
                    arguments: [
                        poll.login.interval, at.secondsSince1970, loginID, login.interval,
                        login.lastPolledAt?.secondsSince1970,
                    ])
                if db.changesCount > 0 { return poll }
            }
            throw ELicenseError(.internal, "轮询状态更新冲突 (login '\(loginID)': poll state kept changing underneath)")
        }
    }

    private static func login(from row: Row, key: StoreKey) throws -> LoginRecord {
        let id: String = try row.decode(forColumn: "id")
        let grant = try row.decode(String?.self, forColumn: "grant_json").map { sealed in
            try WireJSON.decode(Grant.self, from: try key.open(sealed, context: Sealed.loginGrant(id)))
        }
        return LoginRecord(
            id: id, appID: try row.decode(forColumn: "app_id"),
            purpose: try row.decode(forColumn: "purpose"), scope: try row.json([Scope].self, "scope_json"),
            qrToken: try row.decode(forColumn: "qr_token"),
            upstreamTicket: try row.decode(forColumn: "upstream_ticket"),
            state: try row.enumValue(LoginState.self, "state"), createdAt: try row.timestamp("created_at"),
            expiresAt: try row.timestamp("expires_at"), interval: try row.decode(forColumn: "poll_interval"),
            lastPolledAt: try row.optionalTimestamp("last_polled_at"),
            subject: try row.optionalJSON(Subject.self, "subject_json"), grant: grant)
    }
}

/// A login's columns after its id except the poll fields, in the order the statements above list
/// them.
private struct LoginArguments: Sendable {
    let arguments: StatementArguments

    init(_ login: LoginRecord, key: StoreKey) throws(ELicenseError) {
        let columns = try LoginColumns(login, key: key)
        arguments = [
            login.appID, login.purpose, columns.scope, login.qrToken, login.upstreamTicket, login.state.rawValue,
            login.createdAt.secondsSince1970, login.expiresAt.secondsSince1970, columns.subject, columns.grant,
        ]
    }
}
