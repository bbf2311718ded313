import ELicenseCore
import ELicenseProtocol
import GRDB

/// Access units, their application systems and the apps' keys.
extension SQLiteStore {
    public func insertUnit(_ unit: AccessUnit) async throws(ELicenseError) {
        try await write("inserting unit '\(unit.id)'") { db in
            if try Self.exists(db, "SELECT 1 FROM access_unit WHERE id = ?", [unit.id]) {
                throw StoreErrors.unitExists(unit.id)
            }
            if let other = try String.fetchOne(
                db, sql: "SELECT id FROM access_unit WHERE uscc = ?",
                arguments: [unit.uscc.value])
            {
                throw StoreErrors.usccTaken(unit.uscc, by: other)
            }
            try db.execute(
                sql: """
                    INSERT INTO access_unit (id, name, nature, uscc, address, contact_name, contact_position, phone,
                                             email, enabled, created_at, disabled_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    unit.id, unit.name, unit.nature.rawValue, unit.uscc.value, unit.address,
                    unit.contactName, unit.contactPosition, unit.phone, unit.email, unit.enabled,
                    unit.createdAt.secondsSince1970, unit.disabledAt?.secondsSince1970,
                ])
        }
    }

    public func unit(id: String) async throws(ELicenseError) -> AccessUnit? {
        try await read("reading unit '\(id)'") { db in try Self.unit(db, id: id) }
    }

    public func units() async throws(ELicenseError) -> [AccessUnit] {
        try await read("listing units") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM access_unit ORDER BY created_at, id").map(Self.unit(from:))
        }
    }

    public func setUnitEnabled(id: String, enabled: Bool, at: Timestamp) async throws(ELicenseError) -> Bool {
        try await setEnabled(table: "access_unit", key: "id", id: id, enabled: enabled, at: at)
    }

    public func insertApp(_ app: AppSystem, key: AppKey) async throws(ELicenseError) {
        try StoreRules.checkKeyOwner(app, key)
        let addresses = try jsonText(app.allowedAddresses)
        try await write("inserting app '\(app.appID)'") { db in
            guard try Self.exists(db, "SELECT 1 FROM access_unit WHERE id = ?", [app.unitID]) else {
                throw StoreErrors.unknownUnit(app.unitID, app: app.appID)
            }
            if try Self.exists(db, "SELECT 1 FROM app_system WHERE app_id = ?", [app.appID]) {
                throw StoreErrors.appExists(app.appID)
            }
            try db.execute(
                sql: """
                    INSERT INTO app_system (app_id, unit_id, name, endpoint, business_description, allowed_addresses_json,
                                            profile, enabled, rate_limit_per_minute, created_at, disabled_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    app.appID, app.unitID, app.name, app.endpoint, app.businessDescription, addresses,
                    app.profile.rawValue, app.enabled, app.rateLimitPerMinute,
                    app.createdAt.secondsSince1970, app.disabledAt?.secondsSince1970,
                ])
            try Self.insertKey(db, key)
        }
    }

    public func app(id: String) async throws(ELicenseError) -> AppSystem? {
        try await read("reading app '\(id)'") { db in try Self.app(db, id: id) }
    }

    public func apps(unitID: String) async throws(ELicenseError) -> [AppSystem] {
        try await read("listing apps of unit '\(unitID)'") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM app_system WHERE unit_id = ? ORDER BY created_at, app_id",
                arguments: [unitID]
            ).map(Self.app(from:))
        }
    }

    public func setAppEnabled(id: String, enabled: Bool, at: Timestamp) async throws(ELicenseError) -> Bool {
        try await setEnabled(table: "app_system", key: "app_id", id: id, enabled: enabled, at: at)
    }

    public func setAppRateLimit(id: String, perMinute: Int) async throws(ELicenseError) -> Bool {
        try await write("setting the rate limit of app '\(id)'") { db in
            try db.execute(
                sql: "UPDATE app_system SET rate_limit_per_minute = ? WHERE app_id = ?", arguments: [perMinute, id])
            return db.changesCount > 0
        }
    }

    public func addKey(_ key: AppKey) async throws(ELicenseError) {
        try await write("adding key '\(key.keyID)' to app '\(key.appID)'") { db in
            guard try Self.exists(db, "SELECT 1 FROM app_system WHERE app_id = ?", [key.appID]) else {
                throw StoreErrors.unknownApp(key.appID)
            }
            try Self.insertKey(db, key)
        }
    }

    public func retireKey(appID: String, keyID: String, at: Timestamp) async throws(ELicenseError) -> Bool {
        try await write("retiring key '\(keyID)' of app '\(appID)'") { db in
            try db.execute(
                sql: "UPDATE app_key SET retired_at = ? WHERE app_id = ? AND key_id = ? AND retired_at IS NULL",
                arguments: [at.secondsSince1970, appID, keyID])
            return try db.changesCount > 0
                || Self.exists(db, "SELECT 1 FROM app_key WHERE app_id = ? AND key_id = ?", [appID, keyID])
        }
    }

    public func authentication(appID: String) async throws(ELicenseError) -> AppAuthentication? {
        try await read("reading credentials of app '\(appID)'") { db in
            guard let app = try Self.app(db, id: appID) else { return nil }
            guard let unit = try Self.unit(db, id: app.unitID) else {
                throw ELicenseError(.internal, "app '\(appID)' refers to missing unit '\(app.unitID)'")
            }
            let keys = try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT * FROM app_key WHERE app_id = ? AND retired_at IS NULL ORDER BY created_at, key_id"),
                arguments: [appID]
            ).map(Self.key(from:))
            return AppAuthentication(app: app, unit: unit, activeKeys: keys)
        }
    }

    // MARK: Rows

    private func setEnabled(
        table: String, key: String, id: String, enabled: Bool,
        at: Timestamp
    ) async throws(ELicenseError) -> Bool {
        try await write("\(enabled ? "enabling" : "disabling") \(table) '\(id)'") { db in
            try db.execute(
                sql: """
                    UPDATE \(table) SET enabled = ?1,
                        disabled_at = CASE WHEN ?1 THEN NULL ELSE coalesce(disabled_at, ?2) END
                    WHERE \(key) = ?3
                    """, arguments: [enabled, at.secondsSince1970, id])
            return db.changesCount > 0
        }
    }

    private static func insertKey(_ db: Database, _ key: AppKey) throws {
        if try exists(db, "SELECT 1 FROM app_key WHERE app_id = ? AND key_id = ?", [key.appID, key.keyID]) {
            throw StoreErrors.keyExists(key)
        }
        if key.retiredAt == nil {
            let active =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM app_key WHERE app_id = ? AND retired_at IS NULL",
                    arguments: [key.appID]) ?? 0
            guard active < StoreRules.maxActiveKeys else { throw StoreErrors.tooManyKeys(key.appID) }
        }
        try db.execute(
            sql: """
                INSERT INTO app_key (app_id, key_id, public_key_pem, created_at, retired_at) VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [
                key.appID, key.keyID, key.publicKeyPEM, key.createdAt.secondsSince1970,
                key.retiredAt?.secondsSince1970,
            ])
    }

    static func exists(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> Bool {
        try Bool.fetchOne(db, sql: sql, arguments: arguments) != nil
    }

    private static func unit(_ db: Database, id: String) throws -> AccessUnit? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM access_unit WHERE id = ?"), arguments: [id])
            .map(unit(from:))
    }

    private static func app(_ db: Database, id: String) throws -> AppSystem? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM app_system WHERE app_id = ?"), arguments: [id])
            .map(app(from:))
    }

    private static func unit(from row: Row) throws -> AccessUnit {
        AccessUnit(
            id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"),
            nature: try row.enumValue(UnitNature.self, "nature"), uscc: try row.uscc("uscc"),
            address: try row.decode(forColumn: "address"), contactName: try row.decode(forColumn: "contact_name"),
            contactPosition: try row.decode(forColumn: "contact_position"), phone: try row.decode(forColumn: "phone"),
            email: try row.decode(forColumn: "email"), enabled: try row.decode(forColumn: "enabled"),
            createdAt: try row.timestamp("created_at"), disabledAt: try row.optionalTimestamp("disabled_at"))
    }

    private static func app(from row: Row) throws -> AppSystem {
        AppSystem(
            appID: try row.decode(forColumn: "app_id"), unitID: try row.decode(forColumn: "unit_id"),
            name: try row.decode(forColumn: "name"), endpoint: try row.decode(forColumn: "endpoint"),
            businessDescription: try row.decode(forColumn: "business_description"),
            allowedAddresses: try row.json([String].self, "allowed_addresses_json"),
            profile: try row.enumValue(Profile.self, "profile"), enabled: try row.decode(forColumn: "enabled"),
            rateLimitPerMinute: try row.decode(forColumn: "rate_limit_per_minute"),
            createdAt: try row.timestamp("created_at"), disabledAt: try row.optionalTimestamp("disabled_at"))
    }

    private static func key(from row: Row) throws -> AppKey {
        AppKey(
            appID: try row.decode(forColumn: "app_id"), keyID: try row.decode(forColumn: "key_id"),
            publicKeyPEM: try row.decode(forColumn: "public_key_pem"), createdAt: try row.timestamp("created_at"),
            retiredAt: try row.optionalTimestamp("retired_at"))
    }
}
