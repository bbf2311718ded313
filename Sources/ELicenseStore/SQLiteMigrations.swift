import ELicenseCore
import ELicenseProtocol
import GRDB

/// The schema, one named migration per released change; never edit a released one.
///
/// Times are Unix seconds (INTEGER); arrays and nested wire types are their wire JSON (TEXT,
/// columns named `…_json`). A UNIQUE constraint doubles as the index of its lookup.
enum SQLiteMigrations {
    /// `key` seals the secrets that v1 kept in clear.
    static func migrator(key: StoreKey) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: registry + sessions + materials + audit)
        }
        migrator.registerMigration("v2-sealed-secrets-retention-sandbox") { db in
            try sealClearSecrets(db, key: key)
            try db.execute(sql: retentionAndSandbox)
            let rows = try Row.fetchAll(db, sql: "SELECT id, record_json FROM material")
            for row in rows {
                let record = try row.json(MaterialRecord.self, "record_json")
                try db.execute(
                    sql: "UPDATE material SET expires_at = ? WHERE id = ?",
                    arguments: [record.expiresAt.secondsSince1970, record.id])
            }
        }
        migrator.registerMigration("v3-rate-buckets-front-keys") { db in try db.execute(sql: cluster) }
        return migrator
    }

    /// The per-app token buckets and the fingerprint of the front's key set (see ``FrontStore``).
    private static let cluster = """
        CREATE TABLE rate_bucket (
            app_id TEXT PRIMARY KEY NOT NULL,
            tokens REAL NOT NULL,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE front_keys (
            id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
            fingerprint TEXT NOT NULL
        );

        """

    /// Rewrites the grant tokens and provincial authorizations v1 stored in clear as sealed text.
    private static func sealClearSecrets(_ db: Database, key: StoreKey) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, grant_json FROM login_session WHERE grant_json IS NOT NULL") {
            let id: String = try row.decode(forColumn: "id")
            let clear: String = try row.decode(forColumn: "grant_json")
            try db.execute(
                sql: "UPDATE login_session SET grant_json = ? WHERE id = ?",
                arguments: [try key.seal(clear, context: Sealed.loginGrant(id)), id])
        }
        for row in try Row.fetchAll(db, sql: "SELECT token_sm3, upstream_authorization FROM grant_record") {
            let digest: String = try row.decode(forColumn: "token_sm3")
            let clear: String = try row.decode(forColumn: "upstream_authorization")
            try db.execute(
                sql: "UPDATE grant_record SET upstream_authorization = ? WHERE token_sm3 = ?",
                arguments: [try key.seal(clear, context: Sealed.grantAuthorization(digest)), digest])
        }
    }

    /// Expiry columns and indexes the purge (``RetentionPolicy``) walks, and the sandbox
    /// provincial system's state, so that a restart of a sandbox front keeps its logins and
    /// authorizations. `value` is sealed; `key` of an authorization is the SM3 of it.
    private static let retentionAndSandbox = """
        ALTER TABLE material ADD COLUMN expires_at INTEGER;
        CREATE INDEX material_by_expiry ON material(expires_at);
        CREATE INDEX login_session_by_expiry ON login_session(expires_at);
        CREATE INDEX grant_record_by_expiry ON grant_record(expires_at);
        CREATE TABLE sandbox_state (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (kind, key)
        ) WITHOUT ROWID;
        CREATE INDEX sandbox_state_by_expiry ON sandbox_state(expires_at);

        """

    private static let registry = """
        CREATE TABLE access_unit (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            nature TEXT NOT NULL,
            uscc TEXT NOT NULL UNIQUE,
            address TEXT NOT NULL,
            contact_name TEXT NOT NULL,
            contact_position TEXT NOT NULL,
            phone TEXT NOT NULL,
            email TEXT NOT NULL,
            enabled INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            disabled_at INTEGER
        );
        CREATE TABLE app_system (
            app_id TEXT PRIMARY KEY NOT NULL,
            unit_id TEXT NOT NULL REFERENCES access_unit(id),
            name TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            business_description TEXT NOT NULL,
            allowed_addresses_json TEXT NOT NULL,
            profile TEXT NOT NULL,
            enabled INTEGER NOT NULL,
            rate_limit_per_minute INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            disabled_at INTEGER
        );
        CREATE INDEX app_system_by_unit ON app_system(unit_id, created_at);
        CREATE TABLE app_key (
            app_id TEXT NOT NULL REFERENCES app_system(app_id),
            key_id TEXT NOT NULL,
            public_key_pem TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            retired_at INTEGER,
            PRIMARY KEY (app_id, key_id)
        );
        -- No foreign key: the front has authenticated the app before it asks, and this is the
        -- table every request writes to.
        CREATE TABLE nonce (
            app_id TEXT NOT NULL,
            nonce TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (app_id, nonce)
        ) WITHOUT ROWID;
        CREATE INDEX nonce_by_expiry ON nonce(expires_at);

        """

    private static let sessions = """
        CREATE TABLE login_session (
            id TEXT PRIMARY KEY NOT NULL,
            app_id TEXT NOT NULL REFERENCES app_system(app_id),
            purpose TEXT NOT NULL,
            scope_json TEXT NOT NULL,
            qr_token TEXT NOT NULL UNIQUE,
            upstream_ticket TEXT,
            state TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            poll_interval INTEGER NOT NULL,
            last_polled_at INTEGER,
            subject_json TEXT,
            grant_json TEXT
        );
        CREATE TABLE grant_record (
            token_sm3 TEXT PRIMARY KEY NOT NULL,
            app_id TEXT NOT NULL REFERENCES app_system(app_id),
            uscc TEXT NOT NULL,
            purpose TEXT NOT NULL,
            scope_json TEXT NOT NULL,
            issued_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            subject_json TEXT NOT NULL,
            upstream_authorization TEXT NOT NULL,
            revoked_at INTEGER
        );

        """

    private static let materials = """
        CREATE TABLE material (
            id TEXT PRIMARY KEY NOT NULL,
            code TEXT NOT NULL UNIQUE,
            app_id TEXT NOT NULL REFERENCES app_system(app_id),
            record_json TEXT NOT NULL,
            revoked_at INTEGER,
            revocation_reason TEXT
        );
        -- Documents apart, so lookups that need only the record never page the BLOBs in.
        CREATE TABLE material_document (
            material_id TEXT NOT NULL REFERENCES material(id),
            format TEXT NOT NULL,
            content BLOB NOT NULL,
            PRIMARY KEY (material_id, format)
        );

        """

    /// The chain (see ``AuditChain``) and its head. The triggers make the log append-only for
    /// every client of the file, not just this code, and keep the head in step with the log, so
    /// a cut tail or a record slipped in without the head shows at verification.
    private static let audit = """
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY NOT NULL,
            time INTEGER NOT NULL,
            request_id TEXT NOT NULL,
            unit_id TEXT,
            app_id TEXT,
            method TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            subject_uscc TEXT,
            purpose TEXT,
            outcome TEXT NOT NULL,
            http_status INTEGER NOT NULL,
            remote_address TEXT,
            detail TEXT,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '\(AuditChain.genesisHash)');

        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_extends_head BEFORE INSERT ON audit_log
        WHEN NEW.seq IS NOT (SELECT seq + 1 FROM audit_head)
          OR NEW.previous_hash IS NOT (SELECT hash FROM audit_head)
        BEGIN SELECT RAISE(ABORT, 'audit_log records must extend the head'); END;
        CREATE TRIGGER audit_head_follows_log BEFORE UPDATE ON audit_head
        WHEN NEW.id IS NOT OLD.id OR NEW.seq IS NOT OLD.seq + 1
          OR NEW.hash IS NOT (SELECT hash FROM audit_log WHERE seq = NEW.seq)
        BEGIN SELECT RAISE(ABORT, 'audit_head only advances to the newest record'); END;
        CREATE TRIGGER audit_head_no_insert BEFORE INSERT ON audit_head
        BEGIN SELECT RAISE(ABORT, 'audit_head has exactly one row'); END;
        CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
        BEGIN SELECT RAISE(ABORT, 'audit_head has exactly one row'); END;

        """
}
