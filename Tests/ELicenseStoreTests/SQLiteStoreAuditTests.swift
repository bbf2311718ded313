import ELicenseCore
import Foundation
import GRDB
import Testing

@testable import ELicenseStore

/// What only the SQLite store's audit log has: a file someone may copy or edit while the front
/// is down, and a read-only verification of it.
@Suite struct SQLiteStoreAuditTests {
    /// Drop the triggers, cut the tail, point the head at an earlier record: the read-only
    /// verification of the file finds it with an anchor only.
    @Test func truncationWithARewrittenHeadIsFoundInTheFileWithAnAnchor() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("front.sqlite")
        let anchor: AuditAnchor
        do {
            let store = try SQLiteStore(path: path)
            for n in 1...20 { _ = try await store.appendAudit(event(n)) }
            anchor = try await store.auditHead()
        }
        let attacker = try Attacker(path: path)
        try attacker.dropTriggers()
        try attacker.execute("DELETE FROM audit_log WHERE seq > 12")
        try attacker.execute("UPDATE audit_head SET seq = 12, hash = (SELECT hash FROM audit_log WHERE seq = 12)")

        #expect(try SQLiteStore.verifyAudit(path: path, anchors: []).isIntact)
        let result = try SQLiteStore.verifyAudit(path: path, anchors: [anchor])
        #expect(!result.isIntact && result.firstBrokenSeq == 20)
    }

    @Test func readOnlyVerificationNeitherCreatesNorMigrates() async throws {
        let directory = try TemporaryDirectory()
        await expectError(.notFound) { try SQLiteStore.verifyAudit(path: directory.file("front.sqlite"), anchors: []) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)

        let path = directory.file("front.sqlite")
        let old = try DatabaseQueue(path: path)
        try SQLiteMigrations.migrator(key: try StoreKey.random()).migrate(old, upTo: "v1")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let result = try SQLiteStore.verifyAudit(path: path, anchors: [])
        #expect(result.isIntact && result.count == 0)
        #expect(try await old.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") } == ["v1"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

}
