import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol

/// The audit log's SM3 hash chain, independent of where the records are kept, so every store
/// and an offline check of an export compute it the same way.
///
/// `hash(n) = SM3(CanonicalRecord "ELIC-AUDIT-V1" over seq, previous_hash = hash(n-1), and the
/// event's fields)` in lower-case hex. An unkeyed chain shows any edit, deletion, reordering or
/// truncation by someone who cannot also rewrite every later hash and the head; against one who
/// can, compare ``AuditVerification/headHash`` with a value noted outside the database.
public enum AuditChain {
    public static let tag = "ELIC-AUDIT-V1"
    /// The previous hash of record 1.
    public static let genesisHash = String(repeating: "0", count: 64)

    public static func canonical(seq: Int64, previousHash: String, event: AuditEvent) -> CanonicalRecord {
        CanonicalRecord(
            tag: tag,
            fields: [
                ("seq", String(seq)),
                ("previous_hash", previousHash),
                ("time", event.time.rfc3339),
                ("request_id", event.requestID),
                ("unit_id", event.unitID),
                ("app_id", event.appID),
                ("method", event.method),
                ("endpoint", event.endpoint),
                ("subject_uscc", event.subjectUSCC),
                ("purpose", event.purpose),
                ("outcome", event.outcome),
                ("http_status", String(event.httpStatus)),
                ("remote_address", event.remoteAddress),
                ("detail", event.detail),
            ])
    }

    public static func hash(seq: Int64, previousHash: String, event: AuditEvent) throws(ELicenseError) -> String {
        let text = canonical(seq: seq, previousHash: previousHash, event: event).string
        do { return try SM3.hex(Array(text.utf8)) } catch {
            throw ELicenseError(.auditUnavailable, "SM3 of audit record \(seq) failed: \(error)")
        }
    }

    /// The record that follows the head `(seq, hash)`.
    public static func record(following head: (seq: Int64, hash: String), event: AuditEvent) throws(ELicenseError)
        -> AuditRecord
    {
        let seq = head.seq + 1
        return AuditRecord(
            seq: seq, event: event, previousHash: head.hash,
            hash: try hash(seq: seq, previousHash: head.hash, event: event))
    }
}

/// Checks audit records fed in `seq` order, keeping only the last hash, so a log of any length
/// is verified in constant memory. Reports the first place where the chain breaks.
public struct AuditChainVerifier: Sendable {
    public private(set) var count: Int64 = 0
    private var lastSeq: Int64 = 0
    private var lastHash = AuditChain.genesisHash
    private var firstBreak: (seq: Int64?, problem: String)?
    /// seq → hash the record must still have.
    private let anchors: [Int64: String]

    /// - Parameter anchors: records noted outside the store, each checked to be in the chain
    ///   with its hash (two anchors of one seq with different hashes cannot both hold).
    public init(anchors: [AuditAnchor] = []) {
        var bySeq: [Int64: String] = [:]
        for anchor in anchors where bySeq[anchor.seq] != anchor.hash {
            bySeq[anchor.seq] = bySeq[anchor.seq] == nil ? anchor.hash : ""
        }
        self.anchors = bySeq
    }

    public mutating func check(_ record: AuditRecord) throws(ELicenseError) {
        count += 1
        guard firstBreak == nil else { return }
        let expected = lastSeq + 1
        if record.seq > expected {
            firstBreak = (expected, "第 \(expected) 条记录缺失 (record \(expected) is missing)")
        } else if record.seq < expected {
            firstBreak = (
                expected,
                "第 \(expected) 条记录的位置上是第 \(record.seq) 条记录 (found record \(record.seq) where record \(expected) belongs)"
            )
        } else if record.previousHash != lastHash {
            firstBreak = (
                expected,
                expected == 1
                    ? "第 1 条记录不是链首 (record 1 does not start the chain)"
                    : "第 \(expected) 条记录与第 \(expected - 1) 条记录不衔接 (record \(expected) does not chain to record \(expected - 1))"
            )
        } else if try AuditChain.hash(seq: record.seq, previousHash: record.previousHash, event: record.event)
            != record.hash
        {
            firstBreak = (expected, "第 \(expected) 条记录内容被修改 (record \(expected) was modified)")
        } else if let anchored = anchors[expected], anchored != record.hash {
            firstBreak = (
                expected,
                "第 \(expected) 条记录与锚点不符，链已被重写 (record \(expected) does not match its anchor: the chain was rewritten)"
            )
        } else {
            lastSeq = record.seq
            lastHash = record.hash
        }
    }

    /// Counts a record a store could not even read as the place where the chain breaks.
    public mutating func unreadable(seq: Int64) {
        count += 1
        guard firstBreak == nil else { return }
        firstBreak = (seq, "第 \(seq) 条记录无法读取 (record \(seq) is unreadable)")
    }

    /// The verdict once every record was checked, against the head the store keeps (nil when
    /// the head itself is gone). The head catches a log cut short after its last intact record.
    public func result(head: (seq: Int64, hash: String)?) -> AuditVerification {
        let headHash = head?.hash ?? ""
        func broken(_ seq: Int64?, _ problem: String) -> AuditVerification {
            AuditVerification(count: count, headHash: headHash, isIntact: false, firstBrokenSeq: seq, problem: problem)
        }
        if let firstBreak { return broken(firstBreak.seq, firstBreak.problem) }
        if let missing = anchors.keys.filter({ $0 > lastSeq }).min() {
            return broken(
                missing, "锚定的第 \(missing) 条记录已不在链中，日志尾部被截断 (anchored record \(missing) is gone: the log was truncated)")
        }
        guard let head else { return broken(nil, "审计日志链头缺失 (the audit chain head is missing)") }
        if head.seq > lastSeq {
            let first = lastSeq + 1
            return broken(
                first, "第 \(first) 条及以后的记录缺失，日志尾部被截断 (records from \(first) on are missing: the log was truncated)")
        }
        if head.seq < lastSeq {
            let first = head.seq + 1
            return broken(first, "第 \(first) 条及以后的记录不在链头范围内 (records from \(first) on lie beyond the chain head)")
        }
        if head.hash != lastHash {
            return broken(
                lastSeq == 0 ? nil : lastSeq,
                "链头与第 \(lastSeq) 条记录不符 (the chain head does not match record \(lastSeq))")
        }
        return AuditVerification(count: count, headHash: headHash, isIntact: true)
    }
}
