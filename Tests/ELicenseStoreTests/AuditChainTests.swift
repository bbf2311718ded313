import ELicenseCore
import Testing

@testable import ELicenseStore

@Suite struct AuditChainTests {
    @Test func hashIsSM3OfTheDocumentedCanonicalRecord() throws {
        let event = AuditEvent(
            time: t0, requestID: "rq_1", appID: "app.a", method: "POST", endpoint: "/v1/license",
            subjectUSCC: "91350100M000100Y43", purpose: "企业开办", outcome: "ok", httpStatus: 200,
            detail: "a\\b\nc")
        let expected = """
            ELIC-AUDIT-V1
            seq=1
            previous_hash=\(String(repeating: "0", count: 64))
            time=2026-11-18T13:20:00Z
            request_id=rq_1
            unit_id
            app_id=app.a
            method=POST
            endpoint=/v1/license
            subject_uscc=91350100M000100Y43
            purpose=企业开办
            outcome=ok
            http_status=200
            remote_address
            detail=a\\\\b\\nc

            """
        #expect(AuditChain.canonical(seq: 1, previousHash: AuditChain.genesisHash, event: event).string == expected)
        // From `openssl dgst -sm3` over the text above.
        #expect(
            try AuditChain.hash(seq: 1, previousHash: AuditChain.genesisHash, event: event)
                == "2b727de21f04d9a1214edece362130798218bcac94b1042d9dcec88561aeb1f4")
    }

    func chain(_ count: Int) throws -> [AuditRecord] {
        var records: [AuditRecord] = []
        var head = (seq: Int64(0), hash: AuditChain.genesisHash)
        for n in 1...count {
            let record = try AuditChain.record(following: head, event: event(n))
            records.append(record)
            head = (record.seq, record.hash)
        }
        return records
    }

    func verify(_ records: [AuditRecord], head: (seq: Int64, hash: String)?) throws -> AuditVerification {
        var verifier = AuditChainVerifier()
        for record in records { try verifier.check(record) }
        return verifier.result(head: head)
    }

    @Test func emptyLogWithGenesisHeadIsIntact() throws {
        let result = try verify([], head: (0, AuditChain.genesisHash))
        #expect(result == AuditVerification(count: 0, headHash: AuditChain.genesisHash, isIntact: true))
    }

    @Test func intactChainMatchesItsHead() throws {
        let records = try chain(10)
        let result = try verify(records, head: (10, records[9].hash))
        #expect(result == AuditVerification(count: 10, headHash: records[9].hash, isIntact: true))
    }

    @Test func duplicatedRecordIsOutOfPlace() throws {
        let records = try chain(5)
        let result = try verify(Array(records[0..<3]) + [records[2]] + Array(records[3...]), head: (5, records[4].hash))
        #expect(result.firstBrokenSeq == 4)
        #expect(result.problem?.contains("found record 3 where record 4 belongs") == true)
        #expect(result.count == 6)
    }

    @Test func firstRecordMustStartTheChain() throws {
        var records = try chain(3)
        records[0].previousHash = String(repeating: "f", count: 64)
        let result = try verify(records, head: (3, records[2].hash))
        #expect(result.firstBrokenSeq == 1)
        #expect(result.problem == "第 1 条记录不是链首 (record 1 does not start the chain)")
    }

    @Test func headChecksCatchAMissingOrMismatchedHeadAndRecordsBeyondIt() throws {
        let records = try chain(4)
        let missing = try verify(records, head: nil)
        #expect(
            !missing.isIntact && missing.firstBrokenSeq == nil && missing.problem?.contains("head is missing") == true)
        let beyond = try verify(records, head: (3, records[2].hash))
        #expect(beyond.firstBrokenSeq == 4 && beyond.problem?.contains("beyond the chain head") == true)
        let mismatch = try verify(records, head: (4, records[2].hash))
        #expect(mismatch.firstBrokenSeq == 4 && mismatch.problem?.contains("does not match record 4") == true)
    }
}
