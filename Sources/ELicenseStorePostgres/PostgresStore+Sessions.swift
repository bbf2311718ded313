import ELicenseCore
import ELicenseProtocol
import ELicenseStore
import PostgresNIO

/// Replay protection, QR login sessions and grants: the state two instances must agree on.
extension PostgresStore {
    public func admitCall(
        appID: String, nonce: String, nonceExpiresAt: Timestamp, perMinute: Int,
        now: Timestamp
    ) async throws(ELicenseError) -> CallAdmission {
        let capacity = StoreRules.rateCapacity(perMinute)
        let seconds = now.secondsSince1970
        if noncePurge.isDue(now) {
            _ = try await rows("purging expired nonces", "DELETE FROM nonce WHERE expires_at <= \(seconds)")
        }
        // One statement, so one round trip and one transaction, atomic across instances:
        // - `relaxed`: the commit does not wait for the WAL flush (set_config local to this
        //   transaction); it is visible to every instance at once and durable with the next synced
        //   commit (the call's audit record), which flushes the WAL up to itself;
        // - `fresh`: the primary key admits one insert of a fresh nonce; a seen one is taken over
        //   only once it has expired;
        // - `taken`: only for a fresh nonce, refill the app's bucket since the last call (never
        //   backwards, whatever the instances' clocks say), then take a token only when there is one.
        let answer = try await rows(
            "admitting a call of app '\(appID)'",
            """
            WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)),
            fresh AS (
                INSERT INTO nonce (app_id, nonce, expires_at)
                VALUES (\(appID), \(nonce), \(nonceExpiresAt.secondsSince1970))
                ON CONFLICT (app_id, nonce) DO UPDATE SET expires_at = excluded.expires_at
                WHERE nonce.expires_at <= \(seconds)
                RETURNING 1
            ),
            taken AS (
                INSERT INTO rate_bucket (app_id, tokens, updated_at)
                SELECT \(appID), \(capacity) - 1, \(seconds) WHERE EXISTS (SELECT 1 FROM fresh)
                ON CONFLICT (app_id) DO UPDATE
                SET tokens = least(\(capacity), rate_bucket.tokens
                                    + greatest(0, \(seconds) - rate_bucket.updated_at) * \(capacity) / 60.0) - 1,
                    updated_at = greatest(rate_bucket.updated_at, \(seconds))
                WHERE least(\(capacity), rate_bucket.tokens
                             + greatest(0, \(seconds) - rate_bucket.updated_at) * \(capacity) / 60.0) >= 1
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM relaxed) AS relaxed, (SELECT count(*) FROM fresh) AS fresh,
                   (SELECT count(*) FROM taken) AS taken
            """)
        return try decode("admitting a call of app '\(appID)'", answer) { row throws in
            if try row.value(Int64.self, "fresh") == 0 { return CallAdmission.nonceReplayed }
            return try row.value(Int64.self, "taken") == 0 ? .rateLimited : .admitted
        }.first ?? .nonceReplayed
    }

    // MARK: Login sessions

    public func insertLogin(_ login: LoginRecord) async throws(ELicenseError) {
        let columns = try LoginColumns(login, key: key)
        _ = try await rows(
            "inserting login '\(login.id)'",
            """
            INSERT INTO login_session (id, app_id, purpose, scope_json, qr_token, upstream_ticket, state, created_at,
                                       expires_at, subject_json, grant_json, poll_interval, last_polled_at)
            VALUES (\(login.id), \(login.appID), \(login.purpose), \(columns.scope), \(login.qrToken),
                    \(login.upstreamTicket), \(login.state.rawValue), \(login.createdAt.secondsSince1970),
                    \(login.expiresAt.secondsSince1970), \(columns.subject), \(columns.grant), \(login.interval),
                    \(login.lastPolledAt?.secondsSince1970))
            """)
    }

    public func login(id: String) async throws(ELicenseError) -> LoginRecord? {
        let action = "reading login '\(id)'"
        return try await decode(action, rows(action, "SELECT * FROM login_session WHERE id = \(id)")) {
            [key] row throws in try Self.login(from: row, key: key)
        }.first
    }

    public func login(qrToken: String) async throws(ELicenseError) -> LoginRecord? {
        let action = "reading a login by QR token"
        return try await decode(action, rows(action, "SELECT * FROM login_session WHERE qr_token = \(qrToken)")) {
            [key] row throws in try Self.login(from: row, key: key)
        }.first
    }

    public func updateLogin(_ login: LoginRecord, expecting expected: LoginState) async throws(ELicenseError) -> Bool {
        let columns = try LoginColumns(login, key: key)
        // The compare-and-set is the UPDATE's own WHERE: PostgreSQL re-checks it on the newest
        // row after waiting for a concurrent writer, so of two instances only one wins.
        let updated = try await rows(
            "updating login '\(login.id)'",
            """
            UPDATE login_session SET app_id = \(login.appID), purpose = \(login.purpose), scope_json = \(columns.scope),
                qr_token = \(login.qrToken), upstream_ticket = \(login.upstreamTicket), state = \(login.state.rawValue),
                created_at = \(login.createdAt.secondsSince1970), expires_at = \(login.expiresAt.secondsSince1970),
                subject_json = \(columns.subject), grant_json = \(columns.grant)
            WHERE id = \(login.id) AND state = \(expected.rawValue)
            RETURNING 1
            """)
        if !updated.isEmpty { return true }
        guard
            try await !rows("reading login '\(login.id)'", "SELECT 1 FROM login_session WHERE id = \(login.id)").isEmpty
        else {
            throw StoreErrors.loginNotFound(login.id)
        }
        return false
    }

    public func recordPoll(loginID: String, at: Timestamp, slowDownSeconds: Int) async throws(ELicenseError)
        -> LoginPoll?
    {
        // The row is locked from the read to the commit: a concurrent poll on any instance waits
        // and then sees this one.
        try await transaction("recording a poll of login '\(loginID)'") { [key] connection in
            guard
                let row = try await connection.rows("SELECT * FROM login_session WHERE id = \(loginID) FOR UPDATE")
                    .first
            else {
                return nil
            }
            let poll = try Self.login(from: row, key: key).polled(at: at, slowDownSeconds: slowDownSeconds)
            try await connection.query(
                """
                UPDATE login_session SET poll_interval = \(poll.login.interval), last_polled_at = \(at.secondsSince1970)
                WHERE id = \(loginID)
                """, logger: Self.logger)
            return poll
        }
    }

    private static func login(from row: PostgresRandomAccessRow, key: StoreKey) throws -> LoginRecord {
        let id = try row.value(String.self, "id")
        let grant = try row.value(String?.self, "grant_json").map { sealed in
            try WireJSON.decode(Grant.self, from: try key.open(sealed, context: Sealed.loginGrant(id)))
        }
        return LoginRecord(
            id: id, appID: try row.value(String.self, "app_id"), purpose: try row.value(String.self, "purpose"),
            scope: try row.json([Scope].self, "scope_json"), qrToken: try row.value(String.self, "qr_token"),
            upstreamTicket: try row.value(String?.self, "upstream_ticket"),
            state: try row.enumValue(LoginState.self, "state"), createdAt: try row.timestamp("created_at"),
            expiresAt: try row.timestamp("expires_at"), interval: try row.value(Int.self, "poll_interval"),
            lastPolledAt: try row.optionalTimestamp("last_polled_at"),
            subject: try row.optionalJSON(Subject.self, "subject_json"), grant: grant)
    }

    // MARK: Grants

    public func insertGrant(_ grant: GrantRecord) async throws(ELicenseError) {
        let columns = try GrantColumns(grant, key: key)
        _ = try await rows(
            "inserting a grant of app '\(grant.appID)'",
            """
            INSERT INTO grant_record (token_sm3, app_id, uscc, purpose, scope_json, issued_at, expires_at,
                                      subject_json, upstream_authorization, revoked_at)
            VALUES (\(grant.tokenSM3), \(grant.appID), \(grant.uscc.value), \(grant.purpose), \(columns.scope),
                    \(grant.issuedAt.secondsSince1970), \(grant.expiresAt.secondsSince1970),
                    \(columns.subject), \(columns.authorization), \(grant.revokedAt?.secondsSince1970))
            """)
    }

    public func grant(tokenSM3: String) async throws(ELicenseError) -> GrantRecord? {
        let action = "reading a grant"
        return try await decode(action, rows(action, "SELECT * FROM grant_record WHERE token_sm3 = \(tokenSM3)")) {
            [key] row throws in
            let digest = try row.value(String.self, "token_sm3")
            let authorization = try key.openText(
                try row.value(String.self, "upstream_authorization"), context: Sealed.grantAuthorization(digest))
            return GrantRecord(
                tokenSM3: digest, appID: try row.value(String.self, "app_id"), uscc: try row.uscc("uscc"),
                purpose: try row.value(String.self, "purpose"), scope: try row.json([Scope].self, "scope_json"),
                issuedAt: try row.timestamp("issued_at"), expiresAt: try row.timestamp("expires_at"),
                subject: try row.json(Subject.self, "subject_json"), upstreamAuthorization: authorization,
                revokedAt: try row.optionalTimestamp("revoked_at"))
        }.first
    }
}
