import ELicenseCore
import ELicenseStore
import PostgresNIO

/// The append-only, hash-chained audit log (see AuditChain), one chain for every instance.
extension PostgresStore {
    public func appendAudit(_ events: [AuditEvent]) async throws(ELicenseError) -> [AuditRecord] {
        do {
            // The head row's lock, held to the commit, orders the appends of all instances: the
            // head read here is the one these records extend, so seq and chain cannot fork. The
            // commit returns once the records are durable (synchronous_commit, the default): one
            // WAL flush for the batch.
            return try await client.withTransaction(logger: Self.logger) { connection in
                guard
                    let row = try await connection.rows("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
                        .first
                else {
                    throw StoreErrors.auditHeadMissing()
                }
                var head = (seq: try row.value(Int64.self, "seq"), hash: try row.value(String.self, "hash"))
                var records: [AuditRecord] = []
                records.reserveCapacity(events.count)
                for event in events {
                    let record = try AuditChain.record(following: head, event: event)
                    try await connection.query(
                        """
                        INSERT INTO audit_log (seq, time, request_id, unit_id, app_id, method, endpoint, subject_uscc,
                                               purpose, outcome, http_status, remote_address, detail, previous_hash, hash)
                        VALUES (\(record.seq), \(event.time.secondsSince1970), \(event.requestID), \(event.unitID),
                                \(event.appID), \(event.method), \(event.endpoint), \(event.subjectUSCC), \(event.purpose),
                                \(event.outcome), \(event.httpStatus), \(event.remoteAddress), \(event.detail),
                                \(record.previousHash), \(record.hash))
                        """, logger: Self.logger)
                    // The head advances record by record, as the log's triggers require.
                    try await connection.query(
                        "UPDATE audit_head SET seq = \(record.seq), hash = \(record.hash) WHERE id = 1",
                        logger: Self.logger)
                    head = (record.seq, record.hash)
                    records.append(record)
                }
                return records
            }
        } catch {
            // Whatever failed, the calls go unrecorded: the front refuses them (fail-closed).
            let failure = Self.failure(error, "appending to the audit log", endpoint: endpoint)
            throw failure.code == .auditUnavailable ? failure : StoreErrors.auditUnavailable(failure.detail)
        }
    }

    public func auditRecords(after seq: Int64, limit: Int) async throws(ELicenseError) -> [AuditRecord] {
        try StoreRules.checkLimit(limit)
        let action = "reading audit records after \(seq)"
        return try await decode(
            action, rows(action, "SELECT * FROM audit_log WHERE seq > \(seq) ORDER BY seq LIMIT \(limit)")
        ) { row throws in try Self.auditRecord(from: row) }
    }

    public func auditHead() async throws(ELicenseError) -> AuditAnchor {
        let rows = try await rows("reading the audit chain head", "SELECT seq, hash FROM audit_head WHERE id = 1")
        guard let row = rows.first else { throw StoreErrors.auditHeadMissing() }
        return try decode("reading the audit chain head", [row]) { row throws in
            AuditAnchor(seq: try row.value(Int64.self, "seq"), hash: try row.value(String.self, "hash"))
        }[0]
    }

    /// One repeatable-read transaction: the head and the records are the same snapshot while
    /// appends go on. Records are read in pages, so memory stays bounded for any length of log.
    public func verifyAudit(anchors: [AuditAnchor]) async throws(ELicenseError) -> AuditVerification {
        try await transaction("verifying the audit log") { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: Self.logger)
            let head = try await connection.rows("SELECT seq, hash FROM audit_head WHERE id = 1").first.map { row in
                (seq: try row.value(Int64.self, "seq"), hash: try row.value(String.self, "hash"))
            }
            var verifier = AuditChainVerifier(anchors: anchors)
            var after = Int64.min
            while true {
                let page = try await connection.rows(
                    "SELECT * FROM audit_log WHERE seq > \(after) ORDER BY seq LIMIT \(Self.verifyPage)")
                for row in page {
                    let seq = try row.value(Int64.self, "seq")
                    after = seq
                    do { try verifier.check(try Self.auditRecord(from: row)) } catch { verifier.unreadable(seq: seq) }
                }
                if page.count < Self.verifyPage { break }
            }
            return verifier.result(head: head)
        }
    }

    static let verifyPage = 1000

    private static func auditRecord(from row: PostgresRandomAccessRow) throws -> AuditRecord {
        let event = AuditEvent(
            time: try row.timestamp("time"), requestID: try row.value(String.self, "request_id"),
            unitID: try row.value(String?.self, "unit_id"), appID: try row.value(String?.self, "app_id"),
            method: try row.value(String.self, "method"), endpoint: try row.value(String.self, "endpoint"),
            subjectUSCC: try row.value(String?.self, "subject_uscc"), purpose: try row.value(String?.self, "purpose"),
            outcome: try row.value(String.self, "outcome"), httpStatus: try row.value(Int.self, "http_status"),
            remoteAddress: try row.value(String?.self, "remote_address"),
            detail: try row.value(String?.self, "detail"))
        return AuditRecord(
            seq: try row.value(Int64.self, "seq"), event: event,
            previousHash: try row.value(String.self, "previous_hash"), hash: try row.value(String.self, "hash"))
    }
}
