import ELicenseStore

/// The schema, one named migration per released change, applied in order by
/// `elicense-front db migrate` only (``PostgresStore/migrate(_:key:)``); never edit a released one.
///
/// The tables and their meaning are the SQLite store's (SQLiteMigrations): times are Unix
/// seconds (BIGINT), arrays and nested wire types their wire JSON (TEXT, `…_json`), secrets
/// sealed with the store key (TEXT), documents BYTEA. Each migration is a list of statements
/// (the extended query protocol runs one at a time).
enum PostgresMigrations {
    static let all: [(identifier: String, statements: [String])] = [
        ("v1", registry + sessions + materials + audit + cluster)
    ]

    /// The newest migration this build knows.
    static var current: String { all.last?.identifier ?? "" }

    static let ledger = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            identifier TEXT PRIMARY KEY NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """

    private static let registry = [
        """
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
            enabled BOOLEAN NOT NULL,
            created_at BIGINT NOT NULL,
            disabled_at BIGINT
        )
        """,
        """
        CREATE TABLE app_system (
            app_id TEXT PRIMARY KEY NOT NULL,
            unit_id TEXT NOT NULL REFERENCES access_unit(id),
            name TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            business_description TEXT NOT NULL,
            allowed_addresses_json TEXT NOT NULL,
            profile TEXT NOT NULL,
            enabled BOOLEAN NOT NULL,
            rate_limit_per_minute BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            disabled_at BIGINT
        )
        """,
        "CREATE INDEX app_system_by_unit ON app_system(unit_id, created_at)",
        """
        CREATE TABLE app_key (
            app_id TEXT NOT NULL REFERENCES app_system(app_id),
            key_id TEXT NOT NULL,
            public_key_pem TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            retired_at BIGINT,
            PRIMARY KEY (app_id, key_id)
        )
        """,
        // No foreign key: the front has authenticated the app before it asks, and this is the
        // table every request writes to.
        """
        CREATE TABLE nonce (
            app_id TEXT NOT NULL,
            nonce TEXT NOT NULL,
            expires_at BIGINT NOT NULL,
            PRIMARY KEY (app_id, nonce)
        )
        """,
        "CREATE INDEX nonce_by_expiry ON nonce(expires_at)",
    ]

    private static let sessions = [
        """
        CREATE TABLE login_session (
            id TEXT PRIMARY KEY NOT NULL,
            app_id TEXT NOT NULL REFERENCES app_system(app_id),
            purpose TEXT NOT NULL,
            scope_json TEXT NOT NULL,
            qr_token TEXT NOT NULL UNIQUE,
            upstream_ticket TEXT,
            state TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            poll_interval BIGINT NOT NULL,
            last_polled_at BIGINT,
            subject_json TEXT,
            grant_json TEXT
        )
        """,
        "CREATE INDEX login_session_by_expiry ON login_session(expires_at)",
        """
        CREATE TABLE grant_record (
            token_sm3 TEXT PRIMARY KEY NOT NULL,
            app_id TEXT NOT NULL REFERENCES app_system(app_id),
            uscc TEXT NOT NULL,
            purpose TEXT NOT NULL,
            scope_json TEXT NOT NULL,
            issued_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            subject_json TEXT NOT NULL,
            upstream_authorization TEXT NOT NULL,
            revoked_at BIGINT
        )
        """,
        "CREATE INDEX grant_record_by_expiry ON grant_record(expires_at)",
        """
        CREATE TABLE sandbox_state (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            expires_at BIGINT NOT NULL,
            PRIMARY KEY (kind, key)
        )
        """,
        "CREATE INDEX sandbox_state_by_expiry ON sandbox_state(expires_at)",
    ]

    private static let materials = [
        """
        CREATE TABLE material (
            id TEXT PRIMARY KEY NOT NULL,
            code TEXT NOT NULL UNIQUE,
            app_id TEXT NOT NULL REFERENCES app_system(app_id),
            record_json TEXT NOT NULL,
            revoked_at BIGINT,
            revocation_reason TEXT,
            expires_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX material_by_expiry ON material(expires_at)",
        """
        CREATE TABLE material_document (
            material_id TEXT NOT NULL REFERENCES material(id),
            format TEXT NOT NULL,
            content BYTEA NOT NULL,
            PRIMARY KEY (material_id, format)
        )
        """,
    ]

    /// The chain (see AuditChain) and its head, with the SQLite store's triggers: the log is
    /// append-only for every client of the database, and the head moves only to the newest record.
    private static let audit = [
        """
        CREATE TABLE audit_log (
            seq BIGINT PRIMARY KEY NOT NULL,
            time BIGINT NOT NULL,
            request_id TEXT NOT NULL,
            unit_id TEXT,
            app_id TEXT,
            method TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            subject_uscc TEXT,
            purpose TEXT,
            outcome TEXT NOT NULL,
            http_status BIGINT NOT NULL,
            remote_address TEXT,
            detail TEXT,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
            seq BIGINT NOT NULL,
            hash TEXT NOT NULL
        )
        """,
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '\(AuditChain.genesisHash)')",
        """
        CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$
        """,
        """
        CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()
        """,
        """
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()
        """,
        """
        CREATE FUNCTION audit_log_extends_head() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.seq IS DISTINCT FROM (SELECT seq + 1 FROM audit_head)
               OR NEW.previous_hash IS DISTINCT FROM (SELECT hash FROM audit_head) THEN
                RAISE EXCEPTION 'audit_log records must extend the head';
            END IF;
            RETURN NEW;
        END $$
        """,
        """
        CREATE TRIGGER audit_log_extends_head BEFORE INSERT ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_extends_head()
        """,
        """
        CREATE FUNCTION audit_head_follows_log() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'UPDATE' THEN RAISE EXCEPTION 'audit_head has exactly one row'; END IF;
            IF NEW.id IS DISTINCT FROM OLD.id OR NEW.seq IS DISTINCT FROM OLD.seq + 1
               OR NEW.hash IS DISTINCT FROM (SELECT hash FROM audit_log WHERE seq = NEW.seq) THEN
                RAISE EXCEPTION 'audit_head only advances to the newest record';
            END IF;
            RETURN NEW;
        END $$
        """,
        """
        CREATE TRIGGER audit_head_follows_log BEFORE INSERT OR UPDATE OR DELETE ON audit_head
        FOR EACH ROW EXECUTE FUNCTION audit_head_follows_log()
        """,
        """
        CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()
        """,
    ]

    /// The per-app token buckets, the fingerprint of the front's key set, and a value sealed
    /// with the store key so an instance started with another key file is refused.
    private static let cluster = [
        """
        CREATE TABLE rate_bucket (
            app_id TEXT PRIMARY KEY NOT NULL,
            tokens DOUBLE PRECISION NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE front_keys (
            id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
            fingerprint TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE store_key_check (
            id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
            sealed TEXT NOT NULL
        )
        """,
    ]
}
