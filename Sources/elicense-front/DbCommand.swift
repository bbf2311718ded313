import ArgumentParser
import ELicenseCore
import ELicenseFront
import ELicenseStore
import ELicenseStorePostgres

struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "存储维护 — the store's schema and the cluster's key set.",
        subcommands: [Migrate.self, RecordKeys.self]
    )

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "迁移数据库结构 — bring the store's schema to this elicense-front's version and print from→to.",
            discussion: """
                PostgreSQL: run once per upgrade, before starting the new version on any instance (serve refuses \
                a schema of another version and never migrates by itself); it creates keys/store.key in the data \
                directory when missing, which every instance then needs a copy of. SQLite migrates when opened; \
                this does it at once.
                """)
        @OptionGroup var options: FrontOptions

        func run() async throws {
            let config = try options.load()
            let keyPath = FrontOptions.storeKeyPath(config)
            let migration: SchemaMigration
            switch config.store.kind {
            case .sqlite:
                migration = try SQLiteStore.migrate(path: FrontOptions.sqlitePath(config), keyFile: keyPath)
            case .postgres:
                migration = try await PostgresStore.migrate(
                    try FrontOptions.postgres(config), key: try StoreKey.loadOrCreate(keyPath))
            }
            let from = migration.from ?? "(空 empty)"
            let to = migration.to ?? "(空 empty)"
            print(
                from == to
                    ? "数据库结构已是最新 schema up to date: \(to)" : "已迁移数据库结构 schema migrated: \(from) → \(to)")
        }
    }

    struct RecordKeys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record-keys",
            abstract: "登记集群密钥 — record this data directory's front keys as the ones every instance must have.",
            discussion: """
                After a deliberate key rotation (docs/front.md, Stores): give every instance the new keys/ files, run \
                this once, then restart the instances one at a time. An instance started with other keys refuses to \
                serve until it has the recorded ones.
                """)
        @OptionGroup var options: FrontOptions

        func run() async throws {
            let config = try options.load()
            let (keyring, issuer) = try FrontOptions.keys(config)
            let fingerprint = try FrontOptions.fingerprint(keyring, issuer: issuer)
            try await options.openStore(config).replaceFrontKeys(fingerprint: fingerprint)
            print("已登记前置系统密钥 front keys recorded: SM3 \(fingerprint)")
        }
    }
}
