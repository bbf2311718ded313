import ELicenseTestSupport
import Foundation
import Testing

/// `elicense-front` on a PostgreSQL store as operators run it: the schema only by `db migrate`,
/// and an instance refused when its schema or its keys are not the cluster's.
@Suite struct PostgresCommandTests {
    /// A fresh database on the test server, and its URL.
    func freshDatabase() throws -> (url: String, passwordFile: String?) {
        let server = try PostgresServer.shared.get()
        let name = "front_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        _ = try psql(server, "CREATE DATABASE \(name)")
        let base = server.url.lastIndex(of: "/").map { server.url[..<$0] } ?? ""
        return (base + "/" + name, server.passwordFile)
    }

    func psql(_ server: PostgresServer.Connection, _ sql: String, url: String? = nil) throws -> String {
        try ChildProcess.run(
            "/usr/bin/env", ["PGPASSWORD=\(server.password ?? "")", "psql", url ?? server.url, "-qAtc", sql]
        ).succeeded()
    }

    func configure(_ ws: Workspace, url: String, passwordFile: String?) throws {
        try ws.configure(
            "store:\n  kind: postgres\n  url: \(url)\n" + (passwordFile.map { "  password_file: \($0)\n" } ?? ""))
    }

    @Test func migrateThenServeAndRefuseOtherSchemasAndOtherKeys() throws {
        let (url, passwordFile) = try freshDatabase()
        let first = try Workspace()
        defer { first.remove() }
        try configure(first, url: url, passwordFile: passwordFile)

        // Nothing migrates implicitly: before `db migrate` the store is refused.
        let early = try first.front(["unit", "list"])
        #expect(early.status != 0 && early.stderr.contains("db migrate"), "\(early)")
        let migrated = try first.front(["db", "migrate"])
        #expect(migrated.status == 0 && migrated.stdout.contains("→ v1"), "\(migrated)")
        #expect(try first.front(["db", "migrate"]).stdout.contains("schema up to date: v1"))
        #expect(try Workspace.mode(of: first.dataDirectory + "/keys/store.key") == 0o600)

        let server = try first.serve()
        defer { server.stop() }
        server.signal(SIGTERM)
        #expect(server.wait(timeout: .seconds(10)))

        // A second instance with the store key but its own front keys is refused, saying why.
        let second = try Workspace()
        defer { second.remove() }
        try configure(second, url: url, passwordFile: passwordFile)
        try FileManager.default.createDirectory(
            atPath: second.dataDirectory + "/keys", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: first.dataDirectory + "/keys/store.key", toPath: second.dataDirectory + "/keys/store.key")
        let refused = try second.front(["serve", "--sandbox", "--port", String(second.port)])
        #expect(refused.status != 0 && refused.stderr.contains("db record-keys"), "\(refused)")
        // With the first instance's keys/ it serves.
        try FileManager.default.removeItem(atPath: second.dataDirectory + "/keys")
        try FileManager.default.copyItem(atPath: first.dataDirectory + "/keys", toPath: second.dataDirectory + "/keys")
        let twin = try second.serve()
        twin.stop()

        // A schema migrated by a newer release is refused by every command.
        _ = try psql(
            try PostgresServer.shared.get(), "INSERT INTO schema_migrations (identifier) VALUES ('v99')", url: url)
        let newer = try first.front(["unit", "list"])
        #expect(newer.status != 0 && newer.stderr.contains("newer elicense-front"), "\(newer)")
    }

    @Test func aPasswordInTheURLIsRefused() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try configure(ws, url: "postgres://front:secret@127.0.0.1/elicense", passwordFile: nil)
        let result = try ws.front(["db", "migrate"])
        #expect(result.status != 0 && result.stderr.contains("password_file"), "\(result)")
        #expect(!result.output.contains("secret"), "\(result)")
    }

    @Test func migrateOnSQLiteTellsFromWhichVersionToWhich() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let result = try ws.front(["db", "migrate"])
        #expect(result.stdout.contains("(空 empty) → v3-rate-buckets-front-keys"), "\(result)")
        #expect(try ws.front(["db", "migrate"]).stdout.contains("schema up to date: v3-rate-buckets-front-keys"))
    }
}
