import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import Foundation
import GRDB
import Testing

@testable import ELicenseStore

@Suite struct SQLiteStoreAuditTests {
    @Test func twoHundredAppendedEventsVerify() async throws {
        let store = try SQLiteStore.inMemory()
        var last: AuditRecord?
        for n in 1...200 {
            let record = try await store.appendAudit(event(n))
            #expect(record.seq == Int64(n))
            #expect(record.previousHash == (last?.hash ?? AuditChain.genesisHash))
            #expect(record.event == event(n))
            last = record
        }
        let result = try await store.verifyAudit()
        #expect(result == AuditVerification(count: 200, headHash: try #require(last).hash, isIntact: true))
    }

    @Test func emptyLogVerifies() async throws {
        let result = try await SQLiteStore.inMemory().verifyAudit()
        #expect(result == AuditVerification(count: 0, headHash: AuditChain.genesisHash, isIntact: true))
    }

    @Test func recordsArePagedInOrder() async throws {
        let store = try SQLiteStore.inMemory()
        var appended: [AuditRecord] = []
        for n in 1...30 { appended.append(try await store.appendAudit(event(n))) }
        #expect(try await store.auditRecords(after: 0, limit: 10) == Array(appended[0..<10]))
        #expect(try await store.auditRecords(after: 25, limit: 10) == Array(appended[25...]))
        #expect(try await store.auditRecords(after: 30, limit: 10) == [])
        await expectError(.invalidArgument) { try await store.auditRecords(after: 0, limit: 0) }
    }

    @Test func concurrentAppendsFormOneChainWithoutGaps() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.file("front.sqlite"))
        let seqs = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for task in 0..<8 {
                group.addTask {
                    var seqs: [Int64] = []
                    for n in 0..<40 { seqs.append(try await store.appendAudit(event(task * 1000 + n)).seq) }
                    return seqs
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(seqs.sorted() == Array(1...320))
        let result = try await store.verifyAudit()
        #expect(result.isIntact && result.count == 320)
    }

    @Test func databaseRefusesUpdateAndDeleteOfTheLog() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("front.sqlite")
        let store = try SQLiteStore(path: path)
        for n in 1...5 { _ = try await store.appendAudit(event(n)) }
        let attacker = try Attacker(path: path)
        let attempts = [
            "UPDATE audit_log SET outcome = 'ok' WHERE seq = 2",
            "DELETE FROM audit_log WHERE seq = 5",
            "DELETE FROM audit_log",
            "INSERT OR REPLACE INTO audit_log SELECT * FROM audit_log WHERE seq = 3",
            "INSERT INTO audit_log SELECT seq + 10, time, request_id, unit_id, app_id, method, endpoint, subject_uscc, "
                + "purpose, outcome, http_status, remote_address, detail, previous_hash, hash FROM audit_log WHERE seq = 5",
            "UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_log WHERE seq = 3)",
            "DELETE FROM audit_head",
        ]
        for sql in attempts {
            #expect(throws: DatabaseError.self, "\(sql)") { try attacker.execute(sql) }
        }
        #expect(try attacker.count("audit_log") == 5)
        #expect(try await store.verifyAudit().isIntact)
    }

    @Test func appendFailsClosedWhenTheLogCannotBeWritten() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("front.sqlite")
        let store = try SQLiteStore(path: path)
        _ = try await store.appendAudit(event(1))
        try Attacker(path: path).execute("DROP TABLE audit_head")
        await expectError(.auditUnavailable) { try await store.appendAudit(event(2)) }
    }

    enum Tampering: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case editedField, editedFieldWithRecomputedHash, deletedMiddleRecord, swappedRecords, truncatedTail

        var testDescription: String { rawValue }

        func apply(_ attacker: Attacker) throws {
            switch self {
            case .editedField:
                try attacker.execute("UPDATE audit_log SET outcome = 'ok', http_status = 200 WHERE seq = 15")
            case .editedFieldWithRecomputedHash:
                // Record 15 is consistent in itself, but record 16 still chains to its old hash.
                let record = try #require(
                    try attacker.database.read { db in
                        try Row.fetchOne(db, sql: "SELECT seq, previous_hash FROM audit_log WHERE seq = 15")
                    })
                var forged = event(15)
                forged.outcome = "ok"
                forged.httpStatus = 200
                let hash = try AuditChain.hash(seq: 15, previousHash: record["previous_hash"], event: forged)
                try attacker.execute(
                    "UPDATE audit_log SET outcome = 'ok', http_status = 200, hash = ? WHERE seq = 15", [hash])
            case .deletedMiddleRecord:
                try attacker.execute("DELETE FROM audit_log WHERE seq = 10")
            case .swappedRecords:
                try attacker.execute("UPDATE audit_log SET seq = -13 WHERE seq = 13")
                try attacker.execute("UPDATE audit_log SET seq = 13 WHERE seq = 12")
                try attacker.execute("UPDATE audit_log SET seq = 12 WHERE seq = -13")
            case .truncatedTail:
                try attacker.execute("DELETE FROM audit_log WHERE seq > 17")
            }
        }

        var firstBrokenSeq: Int64 {
            switch self {
            case .editedField: 15
            case .editedFieldWithRecomputedHash: 16
            case .deletedMiddleRecord: 10
            case .swappedRecords: 12
            case .truncatedTail: 18
            }
        }

        var problem: String {
            switch self {
            case .editedField: "第 15 条记录内容被修改 (record 15 was modified)"
            case .editedFieldWithRecomputedHash: "第 16 条记录与第 15 条记录不衔接 (record 16 does not chain to record 15)"
            case .deletedMiddleRecord: "第 10 条记录缺失 (record 10 is missing)"
            case .swappedRecords: "第 12 条记录与第 11 条记录不衔接 (record 12 does not chain to record 11)"
            case .truncatedTail: "第 18 条及以后的记录缺失，日志尾部被截断 (records from 18 on are missing: the log was truncated)"
            }
        }
    }

    /// An attacker with the file drops the triggers, as they could, and tampers with the log
    /// while the front is down; the reopened store finds the first broken record.
    @Test(arguments: Tampering.allCases)
    func tamperingIsFoundAtTheFirstBrokenRecord(_ tampering: Tampering) async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("front.sqlite")
        do {
            let store = try SQLiteStore(path: path)
            for n in 1...20 { _ = try await store.appendAudit(event(n)) }
            #expect(try await store.verifyAudit().isIntact)
        }
        let attacker = try Attacker(path: path)
        try attacker.dropTriggers()
        try tampering.apply(attacker)

        let result = try await SQLiteStore(path: path).verifyAudit()
        #expect(!result.isIntact)
        #expect(result.firstBrokenSeq == tampering.firstBrokenSeq)
        #expect(result.problem == tampering.problem)
        #expect(result.count == (tampering == .deletedMiddleRecord ? 19 : tampering == .truncatedTail ? 17 : 20))
    }

    /// Drop the triggers, cut the tail, point the head at an earlier record: the chain and head
    /// agree again, so only an anchor kept elsewhere shows the truncation.
    @Test func truncationWithARewrittenHeadIsFoundWithAnAnchor() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("front.sqlite")
        let anchor: AuditAnchor
        do {
            let store = try SQLiteStore(path: path)
            for n in 1...20 { _ = try await store.appendAudit(event(n)) }
            anchor = try await store.auditHead()
            #expect(anchor.seq == 20)
        }
        let attacker = try Attacker(path: path)
        try attacker.dropTriggers()
        try attacker.execute("DELETE FROM audit_log WHERE seq > 12")
        try attacker.execute("UPDATE audit_head SET seq = 12, hash = (SELECT hash FROM audit_log WHERE seq = 12)")

        #expect(try SQLiteStore.verifyAudit(path: path, anchors: []).isIntact)
        let result = try SQLiteStore.verifyAudit(path: path, anchors: [anchor])
        #expect(!result.isIntact && result.firstBrokenSeq == 20)
        #expect(result.problem == "锚定的第 20 条记录已不在链中，日志尾部被截断 (anchored record 20 is gone: the log was truncated)")
        // An anchor of a record still there, but with another hash: the chain was rebuilt.
        let rewritten = try SQLiteStore.verifyAudit(path: path, anchors: [AuditAnchor(seq: 5, hash: anchor.hash)])
        #expect(!rewritten.isIntact && rewritten.firstBrokenSeq == 5)
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

    @Test func signedCheckpointsRoundTripAndForgeriesAreRefused() async throws {
        let key = try SigningKey(SM2PrivateKey())
        let anchor = AuditAnchor(seq: 42, hash: String(repeating: "ab", count: 32))
        let checkpoint = try AuditCheckpoint.signed(anchor, at: t0, by: key)
        #expect(try AuditCheckpoint(line: checkpoint.line) == checkpoint)
        let keys = try TrustedKeys([key.privateKey.publicKey])
        let file = "# copied from the front\n\(checkpoint.line)\n\n7:\(String(repeating: "0", count: 64))\n"
        #expect(
            try AuditCheckpoint.anchors(inFile: file, keys: keys) == [
                anchor, AuditAnchor(seq: 7, hash: String(repeating: "0", count: 64)),
            ])
        let forged = checkpoint.line.replacingOccurrences(of: "42 ", with: "41 ")
        await expectError(.signatureInvalid, containing: "line 1") {
            try AuditCheckpoint.anchors(inFile: forged, keys: keys)
        }
        await expectError(.invalidArgument) { try AuditAnchor(parsing: "0:" + anchor.hash) }
        await expectError(.invalidArgument) { try AuditAnchor(parsing: "3:ABC") }
    }
}
