import ELicenseCore
import ELicenseTestSupport
import Foundation
import GRDB
import PostgresNIO
import Testing

@testable import ELicenseStore
@testable import ELicenseStorePostgres

/// The store implementations every test of the shared behaviour runs on:
/// `@Test(arguments: StoreKind.allCases) func …(_ kind: StoreKind)`.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A new, empty store: in memory for SQLite; a schema of its own in the test server's
    /// database for PostgreSQL, migrated as `elicense-front db migrate` would.
    func makeStore() async throws -> any FrontStore {
        switch self {
        case .sqlite: try SQLiteStore.inMemory()
        case .postgres: try await TestPostgres.newStore()
        }
    }

    /// A store holding unit `u1` with app `app.a` and its key `k1`.
    func storeWithApp() async throws -> any FrontStore {
        let store = try await makeStore()
        try await store.insertUnit(unit("u1"))
        try await store.insertApp(app("app.a", unitID: "u1"), key: key("k1", appID: "app.a"))
        return store
    }
}

/// Reads one text column of the first row of `sql` straight from the store's database,
/// bypassing the store, as someone with access to the database would.
func rawText(_ store: any FrontStore, _ sql: String) async throws -> String? {
    switch store {
    case let store as SQLiteStore:
        return try await store.database.read { db in try String.fetchOne(db, sql: sql) }
    case let store as PostgresStore:
        let rows = try await store.client.query(PostgresQuery(unsafeSQL: sql)).collect()
        return try rows.first.map { row in try PostgresRandomAccessRow(row)[0].decode(String?.self) } ?? nil
    default:
        throw ELicenseError(.internal, "no raw access to \(type(of: store))")
    }
}

/// Runs `sql` straight on the store's database.
func rawExecute(_ store: any FrontStore, _ sql: String) async throws {
    switch store {
    case let store as SQLiteStore:
        try await store.database.write { db in try db.execute(sql: sql) }
    case let store as PostgresStore:
        try await store.client.query(PostgresQuery(unsafeSQL: sql))
    default:
        throw ELicenseError(.internal, "no raw access to \(type(of: store))")
    }
}

/// Stores in the test PostgreSQL (``PostgresServer``).
enum TestPostgres {
    /// The configuration of a fresh schema (each test has its own, so tests run in parallel).
    static func freshSchema() async throws -> PostgresStoreConfiguration {
        let server = try PostgresServer.shared.get()
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let configuration = PostgresStoreConfiguration(url: server.url, password: server.password, poolSize: 4)
        try await PostgresStore.withConnection(configuration, "creating a test schema") { connection in
            _ = try await connection.rows(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)"))
        }
        var inSchema = configuration
        inSchema.schema = schema
        return inSchema
    }

    /// A migrated, empty store in a fresh schema.
    static func newStore(key: StoreKey? = nil) async throws -> PostgresStore {
        let configuration = try await freshSchema()
        let key = try key ?? StoreKey.random()
        _ = try await PostgresStore.migrate(configuration, key: key)
        return try await PostgresStore.open(configuration, key: key)
    }
}
