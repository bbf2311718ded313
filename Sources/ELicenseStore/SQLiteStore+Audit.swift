import ELicenseCore
import Foundation
import GRDB

/// The append-only, hash-chained audit log (see ``AuditChain``).
extension SQLiteStore {
    public func appendAudit(_ events: [AuditEvent]) async throws(ELicenseError) -> [AuditRecord] {
        do {
            // The pool's single writer serialises appends, so the head read here is the one these
            // records extend: seq and chain cannot fork. One synced commit for the whole batch.
            return try await write("appending to the audit log") { db in
                guard var head = try Self.head(db) else {
                    throw StoreErrors.auditHeadMissing()
                }
                var records: [AuditRecord] = []
                records.reserveCapacity(events.count)
                for event in events {
                    let record = try AuditChain.record(following: head, event: event)
                    try db.cachedStatement(
                        sql: """
                            INSERT INTO audit_log (seq, time, request_id, unit_id, app_id, method, endpoint, subject_uscc,
                                                   purpose, outcome, http_status, remote_address, detail, previous_hash, hash)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """
                    ).execute(arguments: [
                        record.seq, event.time.secondsSince1970, event.requestID, event.unitID, event.appID,
                        event.method, event.endpoint, event.subjectUSCC, event.purpose, event.outcome,
                        event.httpStatus, event.remoteAddress, event.detail, record.previousHash,
                        record.hash,
                    ])
                    // The head advances record by record, as the log's triggers require.
                    try db.cachedStatement(sql: "UPDATE audit_head SET seq = ?, hash = ?")
                        .execute(arguments: [record.seq, record.hash])
                    head = (record.seq, record.hash)
                    records.append(record)
                }
                return records
            }
        } catch {
            throw error.code == .auditUnavailable ? error : ELicenseError(.auditUnavailable, error.detail)
        }
    }

    public func auditRecords(after seq: Int64, limit: Int) async throws(ELicenseError) -> [AuditRecord] {
        try StoreRules.checkLimit(limit)
        return try await read("reading audit records after \(seq)") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
                arguments: [seq, limit]
            ).map(Self.auditRecord(from:))
        }
    }

    public func auditHead() async throws(ELicenseError) -> AuditAnchor {
        try await read("reading the audit chain head") { db in
            guard let head = try Self.head(db) else {
                throw StoreErrors.auditHeadMissing()
            }
            return AuditAnchor(seq: head.seq, hash: head.hash)
        }
    }

    public func verifyAudit(anchors: [AuditAnchor]) async throws(ELicenseError) -> AuditVerification {
        try await read("verifying the audit log") { db in try Self.verifyAudit(db, anchors: anchors) }
    }

    /// Verifies the audit log of the database file at `path`, opened read-only: nothing is
    /// created, migrated or written, and a missing file is `not_found`.
    public static func verifyAudit(path: String, anchors: [AuditAnchor]) throws(ELicenseError) -> AuditVerification {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ELicenseError(.notFound, "存储不存在 (no store at \(path))")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in try verifyAudit(db, anchors: anchors) }
        } catch {
            throw failure(error, "verifying the audit log of \(path)")
        }
    }

    /// One read transaction: the head and the records are the same snapshot while appends go
    /// on. The cursor keeps one row in memory at a time.
    private static func verifyAudit(_ db: Database, anchors: [AuditAnchor]) throws -> AuditVerification {
        let head = try Self.head(db)
        var verifier = AuditChainVerifier(anchors: anchors)
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY seq")
        while let row = try rows.next() {
            let record: AuditRecord
            do { record = try Self.auditRecord(from: row) } catch {
                verifier.unreadable(seq: try row.decode(forColumn: "seq"))
                continue
            }
            try verifier.check(record)
        }
        return verifier.result(head: head)
    }

    private static func head(_ db: Database) throws -> (seq: Int64, hash: String)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit_head WHERE id = 1"))
        else { return nil }
        return (try row.decode(forColumn: "seq"), try row.decode(forColumn: "hash"))
    }

    private static func auditRecord(from row: Row) throws -> AuditRecord {
        let event = AuditEvent(
            time: try row.timestamp("time"), requestID: try row.decode(forColumn: "request_id"),
            unitID: try row.decode(forColumn: "unit_id"), appID: try row.decode(forColumn: "app_id"),
            method: try row.decode(forColumn: "method"), endpoint: try row.decode(forColumn: "endpoint"),
            subjectUSCC: try row.decode(forColumn: "subject_uscc"), purpose: try row.decode(forColumn: "purpose"),
            outcome: try row.decode(forColumn: "outcome"), httpStatus: try row.decode(forColumn: "http_status"),
            remoteAddress: try row.decode(forColumn: "remote_address"), detail: try row.decode(forColumn: "detail"))
        return AuditRecord(
            seq: try row.decode(forColumn: "seq"), event: event,
            previousHash: try row.decode(forColumn: "previous_hash"), hash: try row.decode(forColumn: "hash"))
    }
}
