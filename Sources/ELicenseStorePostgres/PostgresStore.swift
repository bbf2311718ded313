import ELicenseCore
import ELicenseStore
import Logging
import NIOCore
import PostgresNIO

/// The front's store in PostgreSQL through postgres-nio, shared by every front instance on the
/// database: each call is one statement or one transaction on a pooled connection, so what
/// one instance commits the next call on any instance sees. The store key (``StoreKey``) is a
/// file the operator distributes with the front's keys, never in the database.
///
/// Opening never changes the schema: `elicense-front db migrate` does (``migrate(_:key:)``), and
/// a store of another schema version is refused.
public final class PostgresStore: FrontStore {
    let client: PostgresClient
    let key: StoreKey
    let noncePurge = NoncePurgeSchedule()
    /// The pool's background work; cancelled by ``close()``.
    private let runner: Task<Void, Never>
    /// Where the store is, for messages (never the password).
    let endpoint: String

    /// Queries are not logged: their parameters hold personal data.
    static let logger = Logger(label: "elicense.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(client: PostgresClient, key: StoreKey, endpoint: String) {
        self.client = client
        self.key = key
        self.endpoint = endpoint
        runner = Task { await client.run() }
    }

    deinit { runner.cancel() }

    /// Connects, checks that the schema is the one this build knows and that `key` is the store
    /// key the database was sealed with, then serves from a pool of
    /// ``PostgresStoreConfiguration/poolSize`` connections.
    public static func open(_ configuration: PostgresStoreConfiguration, key: StoreKey) async throws(ELicenseError)
        -> PostgresStore
    {
        let endpoint = try configuration.endpoint().text
        try await withConnection(configuration, "opening the store") { connection in
            try await checkSchema(connection)
            try await checkKey(connection, key)
        }
        return PostgresStore(
            client: PostgresClient(configuration: try configuration.pool()), key: key, endpoint: endpoint)
    }

    /// Stops the pool; calls after it fail.
    public func close() { runner.cancel() }

    // MARK: Schema

    /// Applies the migrations the database lacks, in one transaction under an advisory lock (two
    /// instances migrating at once wait for each other), and records the store key's check value.
    public static func migrate(_ configuration: PostgresStoreConfiguration, key: StoreKey) async throws(ELicenseError)
        -> SchemaMigration
    {
        try await withConnection(configuration, "migrating the store") { connection in
            try await connection.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: PostgresMigrations.ledger), logger: logger)
                let applied = try await appliedMigrations(connection)
                try checkNotNewer(applied)
                for migration in PostgresMigrations.all where !applied.contains(migration.identifier) {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO schema_migrations (identifier) VALUES (\(migration.identifier))", logger: logger)
                }
                try await checkKey(connection, key)
                let known = PostgresMigrations.all.map(\.identifier)
                return SchemaMigration(from: known.last(where: applied.contains), to: PostgresMigrations.current)
            }
        }
    }

    /// An arbitrary constant naming the lock migrations hold.
    static let migrationLock: Int64 = 0x454C_4943_4D49_4752

    static func appliedMigrations(_ connection: PostgresConnection) async throws -> Set<String> {
        let ledger = try await connection.rows("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
        guard try ledger.first?.value(Bool.self, "present") == true else { return [] }
        return Set(
            try await connection.rows("SELECT identifier FROM schema_migrations").map { row in
                try row.value(String.self, "identifier")
            })
    }

    static func checkNotNewer(_ applied: Set<String>) throws(ELicenseError) {
        if !applied.isSubset(of: PostgresMigrations.all.map(\.identifier)) { throw StoreErrors.newerSchema() }
    }

    /// Serving needs exactly the schema this build knows: never migrated implicitly.
    static func checkSchema(_ connection: PostgresConnection) async throws {
        let applied = try await appliedMigrations(connection)
        try checkNotNewer(applied)
        guard applied.contains(PostgresMigrations.current) else {
            throw ELicenseError(
                .invalidConfig,
                "数据库结构版本较旧，请先运行 elicense-front db migrate (the store's schema is older than this "
                    + "elicense-front's \(PostgresMigrations.current): run elicense-front db migrate)")
        }
    }

    /// The first migration seals a known value with the store key; an instance whose key file
    /// differs cannot open it and would fail on every sealed secret, so it is refused at once.
    static func checkKey(_ connection: PostgresConnection, _ key: StoreKey) async throws {
        let context = "store_key_check.sealed"
        let sealed = try key.seal("elicense-store-key", context: context)
        try await connection.query(
            "INSERT INTO store_key_check (id, sealed) VALUES (1, \(sealed)) ON CONFLICT (id) DO NOTHING",
            logger: logger)
        let stored = try await connection.rows("SELECT sealed FROM store_key_check WHERE id = 1")
        guard let text = try stored.first?.value(String.self, "sealed"),
            (try? key.openText(text, context: context)) == "elicense-store-key"
        else {
            throw ELicenseError(
                .invalidConfig,
                "存储密钥与数据库不符：各实例须使用同一份 keys/store.key (the store key file differs from the one "
                    + "this database was sealed with: every instance needs the same keys/store.key)")
        }
    }

    // MARK: Queries with errors mapped

    /// Runs `body` on a connection of its own (not the pool), closed afterwards.
    static func withConnection<T: Sendable>(
        _ configuration: PostgresStoreConfiguration, _ action: String,
        _ body: (PostgresConnection) async throws -> T
    ) async throws(ELicenseError) -> T {
        let endpoint = try configuration.endpoint().text
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: try configuration.connection(), id: 1, logger: logger)
        } catch {
            throw failure(error, action, endpoint: endpoint)
        }
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw failure(error, action, endpoint: endpoint)
        }
    }

    /// The rows of one statement on a pooled connection.
    func rows(_ action: @autoclosure () -> String, _ query: PostgresQuery) async throws(ELicenseError)
        -> [PostgresRandomAccessRow]
    {
        do {
            return try await client.query(query, logger: Self.logger).collect().map(PostgresRandomAccessRow.init)
        } catch {
            throw Self.failure(error, action(), endpoint: endpoint)
        }
    }

    /// `body` in one transaction on a pooled connection: committed when it returns, rolled back
    /// when it throws.
    func transaction<T: Sendable>(
        _ action: @autoclosure () -> String, _ body: (PostgresConnection) async throws -> T
    ) async throws(ELicenseError) -> T {
        do {
            return try await client.withTransaction(logger: Self.logger) { connection in try await body(connection) }
        } catch {
            throw Self.failure(error, action(), endpoint: endpoint)
        }
    }

    /// Our own errors pass through; a violated constraint is the caller's (a duplicate, an
    /// unknown reference), named as SQLite names it; a connection that fails is `unavailable`
    /// (the address, never the password); anything else is internal, without the SQL text.
    static func failure(_ error: any Error, _ action: String, endpoint: String) -> ELicenseError {
        switch error {
        case let error as ELicenseError:
            return error
        case is CancellationError:
            return ELicenseError(.cancelled, action)
        case let error as PostgresTransactionError:
            // The closure's error is the cause; a failed BEGIN or COMMIT is the connection's.
            if let closure = error.closureError { return failure(closure, action, endpoint: endpoint) }
            if let begin = error.beginError { return failure(begin, action, endpoint: endpoint) }
            if let commit = error.commitError { return failure(commit, action, endpoint: endpoint) }
            return ELicenseError(.internal, "\(action): transaction failed")
        case let error as PSQLError:
            return failure(error, action, endpoint: endpoint)
        case let error as PostgresDecodingError:
            return ELicenseError(.internal, "\(action): unreadable column \(error.columnName): \(error.code)")
        default:
            return unreachable(action, endpoint: endpoint, reason: "\(error)")
        }
    }

    private static func failure(_ error: PSQLError, _ action: String, endpoint: String) -> ELicenseError {
        guard error.code == .server, let info = error.serverInfo else {
            let reason = error.underlying.map { "\($0)" } ?? error.code.description
            return unreachable(action, endpoint: endpoint, reason: reason)
        }
        let state = info[.sqlState] ?? ""
        let constraint = info[.constraintName].map { " (\($0))" } ?? ""
        let kinds = [
            "23505": "UNIQUE constraint failed", "23503": "FOREIGN KEY constraint failed",
            "23514": "CHECK constraint failed", "23502": "NOT NULL constraint failed",
        ]
        if let kind = kinds[state] { return ELicenseError(.invalidArgument, "\(action): \(kind)\(constraint)") }
        if state.hasPrefix("28") || state.hasPrefix("08") || state.hasPrefix("57P") || state == "3D000" {
            return unreachable(action, endpoint: endpoint, reason: "\(state) \(info[.message] ?? "")")
        }
        return ELicenseError(.internal, "\(action): PostgreSQL error \(state): \(info[.message] ?? "no message")")
    }

    private static func unreachable(_ action: String, endpoint: String, reason: String) -> ELicenseError {
        ELicenseError(
            .unavailable, "无法使用 PostgreSQL 存储 (\(action): the PostgreSQL store \(endpoint) is unavailable: \(reason))")
    }
}

extension PostgresConnection {
    /// The rows of one statement inside a transaction.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await self.query(query, logger: PostgresStore.logger).collect().map(PostgresRandomAccessRow.init)
    }
}

// Conversions between record fields and columns, as SQLiteColumns does for SQLite.
extension PostgresRandomAccessRow {
    func value<T: PostgresDecodable>(_ type: T.Type, _ column: String) throws -> T {
        try self[column].decode(T.self)
    }

    func timestamp(_ column: String) throws -> Timestamp {
        Timestamp(secondsSince1970: try value(Int64.self, column))
    }

    func optionalTimestamp(_ column: String) throws -> Timestamp? {
        try value(Int64?.self, column).map(Timestamp.init(secondsSince1970:))
    }

    func enumValue<T: RawRepresentable>(_ type: T.Type, _ column: String) throws -> T where T.RawValue == String {
        try storedEnum(type, try value(String.self, column), column)
    }

    func uscc(_ column: String) throws -> USCC { try storedUSCC(try value(String.self, column), column) }

    func json<T: Decodable>(_ type: T.Type, _ column: String) throws -> T {
        try storedJSON(type, try value(String.self, column), column)
    }

    func optionalJSON<T: Decodable>(_ type: T.Type, _ column: String) throws -> T? {
        try value(String?.self, column).map { text throws in try storedJSON(type, text, column) }
    }

    func bytes(_ column: String) throws -> [UInt8] {
        Array(try value(ByteBuffer.self, column).readableBytesView)
    }
}
