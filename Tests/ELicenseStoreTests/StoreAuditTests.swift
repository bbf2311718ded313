import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import Foundation
import Testing

@testable import ELicenseStore

@Suite struct StoreAuditTests {
    @Test(arguments: StoreKind.allCases) func twoHundredAppendedEventsVerify(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
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
        #expect(try await store.auditHead() == AuditAnchor(seq: 200, hash: try #require(last).hash))
    }

    @Test(arguments: StoreKind.allCases) func emptyLogVerifies(_ kind: StoreKind) async throws {
        let result = try await kind.makeStore().verifyAudit()
        #expect(result == AuditVerification(count: 0, headHash: AuditChain.genesisHash, isIntact: true))
    }

    @Test(arguments: StoreKind.allCases) func recordsArePagedInOrder(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        var appended: [AuditRecord] = []
        for n in 1...30 { appended.append(try await store.appendAudit(event(n))) }
        #expect(try await store.auditRecords(after: 0, limit: 10) == Array(appended[0..<10]))
        #expect(try await store.auditRecords(after: 25, limit: 10) == Array(appended[25...]))
        #expect(try await store.auditRecords(after: 30, limit: 10) == [])
        await expectError(.invalidArgument) { try await store.auditRecords(after: 0, limit: 0) }
    }

    @Test(arguments: StoreKind.allCases) func concurrentAppendsFormOneChainWithoutGaps(_ kind: StoreKind) async throws {
        let directory = try TemporaryDirectory()
        // SQLite: a file, so appends go through the pool's one writer beside its readers.
        let store: any FrontStore =
            kind == .sqlite ? try SQLiteStore(path: directory.file("front.sqlite")) : try await kind.makeStore()
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

    /// Anyone who can write the database, not just this code, meets the triggers.
    @Test(arguments: StoreKind.allCases) func databaseRefusesUpdateAndDeleteOfTheLog(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        for n in 1...5 { _ = try await store.appendAudit(event(n)) }
        var attempts = [
            "UPDATE audit_log SET outcome = 'ok' WHERE seq = 2",
            "DELETE FROM audit_log WHERE seq = 5",
            "DELETE FROM audit_log",
            "INSERT INTO audit_log SELECT seq + 10, time, request_id, unit_id, app_id, method, endpoint, subject_uscc, "
                + "purpose, outcome, http_status, remote_address, detail, previous_hash, hash FROM audit_log WHERE seq = 5",
            "UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_log WHERE seq = 3)",
            "DELETE FROM audit_head",
            "INSERT INTO audit_head (id, seq, hash) SELECT 2, seq, hash FROM audit_head",
        ]
        attempts +=
            kind == .sqlite
            ? ["INSERT OR REPLACE INTO audit_log SELECT * FROM audit_log WHERE seq = 3"]
            : ["TRUNCATE audit_log", "TRUNCATE audit_head"]
        for sql in attempts {
            await #expect(throws: (any Error).self, "\(sql)") { try await rawExecute(store, sql) }
        }
        #expect(try await rawText(store, "SELECT CAST(count(*) AS TEXT) FROM audit_log") == "5")
        #expect(try await store.verifyAudit().isIntact)
    }

    @Test(arguments: StoreKind.allCases) func appendFailsClosedWhenTheLogCannotBeWritten(_ kind: StoreKind) async throws
    {
        let store = try await kind.makeStore()
        _ = try await store.appendAudit(event(1))
        try await rawExecute(store, "DROP TABLE audit_head")
        await expectError(.auditUnavailable) { try await store.appendAudit(event(2)) }
    }

    enum Tampering: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case editedField, editedFieldWithRecomputedHash, deletedMiddleRecord, swappedRecords, truncatedTail

        var testDescription: String { rawValue }

        func apply(_ store: any FrontStore) async throws {
            switch self {
            case .editedField:
                try await rawExecute(store, "UPDATE audit_log SET outcome = 'ok', http_status = 200 WHERE seq = 15")
            case .editedFieldWithRecomputedHash:
                // Record 15 is consistent in itself, but record 16 still chains to its old hash.
                let previous = try #require(
                    try await rawText(store, "SELECT previous_hash FROM audit_log WHERE seq = 15"))
                var forged = event(15)
                forged.outcome = "ok"
                forged.httpStatus = 200
                let hash = try AuditChain.hash(seq: 15, previousHash: previous, event: forged)
                try await rawExecute(
                    store, "UPDATE audit_log SET outcome = 'ok', http_status = 200, hash = '\(hash)' WHERE seq = 15")
            case .deletedMiddleRecord:
                try await rawExecute(store, "DELETE FROM audit_log WHERE seq = 10")
            case .swappedRecords:
                try await rawExecute(store, "UPDATE audit_log SET seq = -13 WHERE seq = 13")
                try await rawExecute(store, "UPDATE audit_log SET seq = 13 WHERE seq = 12")
                try await rawExecute(store, "UPDATE audit_log SET seq = 12 WHERE seq = -13")
            case .truncatedTail:
                try await rawExecute(store, "DELETE FROM audit_log WHERE seq > 17")
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

    /// Someone who can write the database disables the triggers, as they could, and tampers with
    /// the log; verification finds the first broken record.
    @Test(arguments: StoreKind.allCases, Tampering.allCases)
    func tamperingIsFoundAtTheFirstBrokenRecord(_ kind: StoreKind, _ tampering: Tampering) async throws {
        let store = try await kind.makeStore()
        for n in 1...20 { _ = try await store.appendAudit(event(n)) }
        #expect(try await store.verifyAudit().isIntact)
        try await disableAuditTriggers(store)
        try await tampering.apply(store)

        let result = try await store.verifyAudit()
        #expect(!result.isIntact)
        #expect(result.firstBrokenSeq == tampering.firstBrokenSeq)
        #expect(result.problem == tampering.problem)
        #expect(result.count == (tampering == .deletedMiddleRecord ? 19 : tampering == .truncatedTail ? 17 : 20))
    }

    /// Disable the triggers, cut the tail, point the head at an earlier record: the chain and
    /// head agree again, so only an anchor kept elsewhere shows the truncation.
    @Test(arguments: StoreKind.allCases) func truncationWithARewrittenHeadIsFoundWithAnAnchor(_ kind: StoreKind)
        async throws
    {
        let store = try await kind.makeStore()
        for n in 1...20 { _ = try await store.appendAudit(event(n)) }
        let anchor = try await store.auditHead()
        #expect(anchor.seq == 20)
        try await disableAuditTriggers(store)
        try await rawExecute(store, "DELETE FROM audit_log WHERE seq > 12")
        try await rawExecute(
            store, "UPDATE audit_head SET seq = 12, hash = (SELECT hash FROM audit_log WHERE seq = 12)")

        #expect(try await store.verifyAudit().isIntact)
        let result = try await store.verifyAudit(anchors: [anchor])
        #expect(!result.isIntact && result.firstBrokenSeq == 20)
        #expect(result.problem == "锚定的第 20 条记录已不在链中，日志尾部被截断 (anchored record 20 is gone: the log was truncated)")
        // An anchor of a record still there, but with another hash: the chain was rebuilt.
        let rewritten = try await store.verifyAudit(anchors: [AuditAnchor(seq: 5, hash: anchor.hash)])
        #expect(!rewritten.isIntact && rewritten.firstBrokenSeq == 5)
    }

    /// As the owner of the database can.
    func disableAuditTriggers(_ store: any FrontStore) async throws {
        if store is SQLiteStore {
            for name in [
                "audit_log_no_update", "audit_log_no_delete", "audit_log_extends_head", "audit_head_follows_log",
                "audit_head_no_insert", "audit_head_no_delete",
            ] {
                try await rawExecute(store, "DROP TRIGGER \(name)")
            }
        } else {
            try await rawExecute(store, "ALTER TABLE audit_log DISABLE TRIGGER USER")
            try await rawExecute(store, "ALTER TABLE audit_head DISABLE TRIGGER USER")
        }
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
