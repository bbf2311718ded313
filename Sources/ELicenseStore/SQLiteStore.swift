import ELicenseCore
import Foundation
import GRDB

/// The front's store in one SQLite file through GRDB: a `DatabasePool` (WAL, readers run beside
/// the one writer) for a file, a `DatabaseQueue` in memory for tests and throwaway sandboxes.
public final class SQLiteStore: FrontStore {
    let database: any DatabaseWriter
    /// Seals the secrets the store must give back (see ``StoreKey``).
    let key: StoreKey
    let noncePurge = NoncePurgeSchedule()

    /// Opens (creating it and its directory if needed) and migrates the database at `path`.
    /// - Parameter keyFile: the ``StoreKey`` file, created when missing; by default
    ///   `keys/store.key` beside the database.
    public convenience init(path: String, keyFile: String? = nil) throws(ELicenseError) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ELicenseError(.ioError, "cannot create directory \(directory): \(error.localizedDescription)")
        }
        let key = try StoreKey.loadOrCreate(keyFile ?? directory + "/keys/store.key")
        try Self.restrictMode(path)
        let pool: DatabasePool
        do {
            // Each write sets how its commit is synced (see `write`): FULL unless it says otherwise.
            pool = try DatabasePool(path: path, configuration: Self.configuration())
        } catch {
            throw ELicenseError(.ioError, "cannot open store \(path): \(Self.describe(error))")
        }
        try self.init(database: pool, key: key)
    }

    /// Migrates the database at `path` (as opening it does) and tells from which migration to
    /// which: `elicense-front db migrate` on a SQLite store.
    public static func migrate(path: String, keyFile: String? = nil) throws(ELicenseError) -> SchemaMigration {
        var before: Set<String> = []
        if FileManager.default.fileExists(atPath: path) {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(5)
            do {
                before = try DatabaseQueue(path: path, configuration: configuration).read { db in
                    try DatabaseMigrator().appliedIdentifiers(db)
                }
            } catch {
                throw failure(error, "reading the schema version of \(path)")
            }
        }
        let store = try SQLiteStore(path: path, keyFile: keyFile)
        let known = SQLiteMigrations.migrator(key: store.key).migrations
        return SchemaMigration(from: known.last(where: before.contains), to: try store.migrationsApplied().last)
    }

    /// The identifiers of the migrations applied, in order.
    func migrationsApplied() throws(ELicenseError) -> [String] {
        let migrator = SQLiteMigrations.migrator(key: key)
        do { return try database.read { db in try migrator.appliedMigrations(db) } } catch {
            throw Self.failure(error, "reading the schema version")
        }
    }

    /// A private store that vanishes with the object.
    public static func inMemory() throws(ELicenseError) -> SQLiteStore {
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(configuration: configuration()) } catch {
            throw ELicenseError(.internal, "cannot create in-memory store: \(describe(error))")
        }
        return try SQLiteStore(database: queue, key: try StoreKey.random())
    }

    private init(database: any DatabaseWriter, key: StoreKey) throws(ELicenseError) {
        let migrator = SQLiteMigrations.migrator(key: key)
        do {
            // An older build must not write to a schema it does not know.
            if try database.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreErrors.newerSchema()
            }
            try migrator.migrate(database)
        } catch {
            throw Self.failure(error, "migrating the store")
        }
        self.database = database
        self.key = key
    }

    /// The database holds personal data and the audit log: mode 0600 from its creation on.
    /// SQLite gives the `-wal` and `-shm` files the database file's mode.
    private static func restrictMode(_ path: String) throws(ELicenseError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw ELicenseError(
                .ioError, "无法创建数据库文件 (cannot create store \(path)): \(String(cString: strerror(errno)))")
        }
        close(fd)
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            guard chmod(file, 0o600) == 0 else {
                throw ELicenseError(
                    .ioError, "无法设置文件权限 (cannot chmod 0600 \(file)): \(String(cString: strerror(errno)))")
            }
        }
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        // Referential integrity of the registry, sessions, grants and materials relies on it.
        configuration.foreignKeysEnabled = true
        // Another process (an operator's `elicense audit verify`) may hold a lock for a moment.
        configuration.busyMode = .timeout(5)
        return configuration
    }

    // MARK: Transactions with errors mapped

    /// Runs `updates` in a write transaction; failures become ``ELicenseError`` about `action`.
    /// A synced commit returns once the WAL is on disk (`synchronous = FULL`); an unsynced one
    /// (`NORMAL`) only once SQLite wrote it, and the next synced commit carries it to the disk
    /// with its own frames, since the WAL is appended in order. Every write sets its own level,
    /// so no write inherits another's.
    func write<T: Sendable>(
        _ action: @autoclosure () -> String,
        synced: Bool = true,
        _ updates: @Sendable (Database) throws -> T
    ) async throws(ELicenseError) -> T {
        do {
            return try await database.writeWithoutTransaction { db in
                try db.cachedStatement(sql: synced ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
                    .execute()
                try db.beginTransaction(.immediate)
                do {
                    let value = try updates(db)
                    try db.commit()
                    return value
                } catch {
                    if db.isInsideTransaction { try? db.rollback() }
                    throw error
                }
            }
        } catch {
            throw Self.failure(error, action())
        }
    }

    /// Runs `value` in a read transaction (one consistent snapshot).
    func read<T: Sendable>(
        _ action: @autoclosure () -> String,
        _ value: @Sendable (Database) throws -> T
    ) async throws(ELicenseError) -> T {
        do { return try await database.read(value) } catch { throw Self.failure(error, action()) }
    }

    /// Our own errors pass through; a violated constraint is the caller's (a duplicate, an
    /// unknown reference); anything else is internal, described without the SQL text.
    static func failure(_ error: any Error, _ action: String) -> ELicenseError {
        switch error {
        case let error as ELicenseError:
            error
        case is CancellationError:
            ELicenseError(.cancelled, action)
        case let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT:
            ELicenseError(.invalidArgument, "\(action): \(error.message ?? "constraint violated")")
        default:
            ELicenseError(.internal, "\(action): \(describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DatabaseError else { return "\(error)" }
        return "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "no message")"
    }
}
