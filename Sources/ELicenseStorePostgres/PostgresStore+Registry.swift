import ELicenseCore
import ELicenseProtocol
import ELicenseStore
import PostgresNIO

/// Access units, their application systems and the apps' keys.
extension PostgresStore {
    public func insertUnit(_ unit: AccessUnit) async throws(ELicenseError) {
        try await transaction("inserting unit '\(unit.id)'") { connection in
            if try await !connection.rows("SELECT 1 FROM access_unit WHERE id = \(unit.id)").isEmpty {
                throw StoreErrors.unitExists(unit.id)
            }
            if let other = try await connection.rows("SELECT id FROM access_unit WHERE uscc = \(unit.uscc.value)").first
            {
                throw StoreErrors.usccTaken(unit.uscc, by: try other.value(String.self, "id"))
            }
            // Another instance inserting the same unit meanwhile: the constraints refuse the second.
            try await connection.query(
                """
                INSERT INTO access_unit (id, name, nature, uscc, address, contact_name, contact_position, phone,
                                         email, enabled, created_at, disabled_at)
                VALUES (\(unit.id), \(unit.name), \(unit.nature.rawValue), \(unit.uscc.value), \(unit.address),
                        \(unit.contactName), \(unit.contactPosition), \(unit.phone), \(unit.email), \(unit.enabled),
                        \(unit.createdAt.secondsSince1970), \(unit.disabledAt?.secondsSince1970))
                """, logger: Self.logger)
        }
    }

    public func unit(id: String) async throws(ELicenseError) -> AccessUnit? {
        try await decode(
            "reading unit '\(id)'", rows("reading unit '\(id)'", "SELECT * FROM access_unit WHERE id = \(id)")
        ) { row throws in try Self.unit(from: row) }.first
    }

    public func units() async throws(ELicenseError) -> [AccessUnit] {
        try await decode("listing units", rows("listing units", "SELECT * FROM access_unit ORDER BY created_at, id")) {
            row throws in try Self.unit(from: row)
        }
    }

    public func setUnitEnabled(id: String, enabled: Bool, at: Timestamp) async throws(ELicenseError) -> Bool {
        try await setEnabled(table: "access_unit", key: "id", id: id, enabled: enabled, at: at)
    }

    public func insertApp(_ app: AppSystem, key: AppKey) async throws(ELicenseError) {
        try StoreRules.checkKeyOwner(app, key)
        let addresses = try jsonText(app.allowedAddresses)
        try await transaction("inserting app '\(app.appID)'") { connection in
            // The unit's row is locked so that it cannot go while its app is added.
            if try await connection.rows("SELECT 1 FROM access_unit WHERE id = \(app.unitID) FOR SHARE").isEmpty {
                throw StoreErrors.unknownUnit(app.unitID, app: app.appID)
            }
            if try await !connection.rows("SELECT 1 FROM app_system WHERE app_id = \(app.appID)").isEmpty {
                throw StoreErrors.appExists(app.appID)
            }
            try await connection.query(
                """
                INSERT INTO app_system (app_id, unit_id, name, endpoint, business_description, allowed_addresses_json,
                                        profile, enabled, rate_limit_per_minute, created_at, disabled_at)
                VALUES (\(app.appID), \(app.unitID), \(app.name), \(app.endpoint), \(app.businessDescription),
                        \(addresses), \(app.profile.rawValue), \(app.enabled), \(app.rateLimitPerMinute),
                        \(app.createdAt.secondsSince1970), \(app.disabledAt?.secondsSince1970))
                """, logger: Self.logger)
            try await Self.insertKey(connection, key)
        }
    }

    public func app(id: String) async throws(ELicenseError) -> AppSystem? {
        try await decode(
            "reading app '\(id)'", rows("reading app '\(id)'", "SELECT * FROM app_system WHERE app_id = \(id)")
        ) { row throws in try Self.app(from: row) }.first
    }

    public func apps(unitID: String) async throws(ELicenseError) -> [AppSystem] {
        let action = "listing apps of unit '\(unitID)'"
        return try await decode(
            action, rows(action, "SELECT * FROM app_system WHERE unit_id = \(unitID) ORDER BY created_at, app_id")
        ) { row throws in try Self.app(from: row) }
    }

    public func setAppEnabled(id: String, enabled: Bool, at: Timestamp) async throws(ELicenseError) -> Bool {
        try await setEnabled(table: "app_system", key: "app_id", id: id, enabled: enabled, at: at)
    }

    public func setAppRateLimit(id: String, perMinute: Int) async throws(ELicenseError) -> Bool {
        try await !rows(
            "setting the rate limit of app '\(id)'",
            "UPDATE app_system SET rate_limit_per_minute = \(perMinute) WHERE app_id = \(id) RETURNING 1"
        ).isEmpty
    }

    public func addKey(_ key: AppKey) async throws(ELicenseError) {
        try await transaction("adding key '\(key.keyID)' to app '\(key.appID)'") { connection in
            try await Self.insertKey(connection, key)
        }
    }

    public func retireKey(appID: String, keyID: String, at: Timestamp) async throws(ELicenseError) -> Bool {
        try await !rows(
            "retiring key '\(keyID)' of app '\(appID)'",
            """
            UPDATE app_key SET retired_at = coalesce(retired_at, \(at.secondsSince1970))
            WHERE app_id = \(appID) AND key_id = \(keyID) RETURNING 1
            """
        ).isEmpty
    }

    public func authentication(appID: String) async throws(ELicenseError) -> AppAuthentication? {
        // One snapshot: the app, its unit and its active keys agree.
        try await transaction("reading credentials of app '\(appID)'") { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: Self.logger)
            guard let appRow = try await connection.rows("SELECT * FROM app_system WHERE app_id = \(appID)").first
            else {
                return nil
            }
            let app = try Self.app(from: appRow)
            guard let unitRow = try await connection.rows("SELECT * FROM access_unit WHERE id = \(app.unitID)").first
            else {
                throw ELicenseError(.internal, "app '\(appID)' refers to missing unit '\(app.unitID)'")
            }
            let keys = try await connection.rows(
                """
                SELECT * FROM app_key WHERE app_id = \(appID) AND retired_at IS NULL ORDER BY created_at, key_id
                """
            ).map { row throws in try Self.key(from: row) }
            return AppAuthentication(app: app, unit: try Self.unit(from: unitRow), activeKeys: keys)
        }
    }

    // MARK: Rows

    /// Disabling records `at` the first time; enabling clears it. `table` and `key` are constants.
    private func setEnabled(
        table: String, key: String, id: String, enabled: Bool, at: Timestamp
    ) async throws(ELicenseError) -> Bool {
        var binds = PostgresBindings()
        binds.append(enabled)
        binds.append(at.secondsSince1970)
        binds.append(id)
        let query = PostgresQuery(
            unsafeSQL: """
                UPDATE \(table) SET enabled = $1,
                    disabled_at = CASE WHEN $1 THEN NULL ELSE coalesce(disabled_at, $2) END
                WHERE \(key) = $3 RETURNING 1
                """, binds: binds)
        return try await !rows("\(enabled ? "enabling" : "disabling") \(table) '\(id)'", query).isEmpty
    }

    /// The app's row is locked first, so two instances adding keys at once count each other's.
    private static func insertKey(_ connection: PostgresConnection, _ key: AppKey) async throws {
        if try await connection.rows("SELECT 1 FROM app_system WHERE app_id = \(key.appID) FOR UPDATE").isEmpty {
            throw StoreErrors.unknownApp(key.appID)
        }
        if try await !connection.rows(
            "SELECT 1 FROM app_key WHERE app_id = \(key.appID) AND key_id = \(key.keyID)"
        ).isEmpty {
            throw StoreErrors.keyExists(key)
        }
        if key.retiredAt == nil {
            let active = try await connection.rows(
                "SELECT count(*) AS n FROM app_key WHERE app_id = \(key.appID) AND retired_at IS NULL")
            guard try (active.first?.value(Int64.self, "n") ?? 0) < StoreRules.maxActiveKeys else {
                throw StoreErrors.tooManyKeys(key.appID)
            }
        }
        try await connection.query(
            """
            INSERT INTO app_key (app_id, key_id, public_key_pem, created_at, retired_at)
            VALUES (\(key.appID), \(key.keyID), \(key.publicKeyPEM), \(key.createdAt.secondsSince1970),
                    \(key.retiredAt?.secondsSince1970))
            """, logger: logger)
    }

    static func unit(from row: PostgresRandomAccessRow) throws -> AccessUnit {
        AccessUnit(
            id: try row.value(String.self, "id"), name: try row.value(String.self, "name"),
            nature: try row.enumValue(UnitNature.self, "nature"), uscc: try row.uscc("uscc"),
            address: try row.value(String.self, "address"), contactName: try row.value(String.self, "contact_name"),
            contactPosition: try row.value(String.self, "contact_position"),
            phone: try row.value(String.self, "phone"), email: try row.value(String.self, "email"),
            enabled: try row.value(Bool.self, "enabled"), createdAt: try row.timestamp("created_at"),
            disabledAt: try row.optionalTimestamp("disabled_at"))
    }

    static func app(from row: PostgresRandomAccessRow) throws -> AppSystem {
        AppSystem(
            appID: try row.value(String.self, "app_id"), unitID: try row.value(String.self, "unit_id"),
            name: try row.value(String.self, "name"), endpoint: try row.value(String.self, "endpoint"),
            businessDescription: try row.value(String.self, "business_description"),
            allowedAddresses: try row.json([String].self, "allowed_addresses_json"),
            profile: try row.enumValue(Profile.self, "profile"), enabled: try row.value(Bool.self, "enabled"),
            rateLimitPerMinute: try row.value(Int.self, "rate_limit_per_minute"),
            createdAt: try row.timestamp("created_at"), disabledAt: try row.optionalTimestamp("disabled_at"))
    }

    static func key(from row: PostgresRandomAccessRow) throws -> AppKey {
        AppKey(
            appID: try row.value(String.self, "app_id"), keyID: try row.value(String.self, "key_id"),
            publicKeyPEM: try row.value(String.self, "public_key_pem"), createdAt: try row.timestamp("created_at"),
            retiredAt: try row.optionalTimestamp("retired_at"))
    }

    /// Rows turned into records; a row that does not decode is `internal`.
    func decode<T>(
        _ action: @autoclosure () -> String, _ rows: [PostgresRandomAccessRow],
        _ transform: (PostgresRandomAccessRow) throws -> T
    ) throws(ELicenseError) -> [T] {
        do { return try rows.map(transform) } catch { throw Self.failure(error, action(), endpoint: endpoint) }
    }
}
