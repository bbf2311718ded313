import ELicenseCore
import ELicenseProtocol
import Foundation

/// A record's place and hash in the audit chain, kept outside the database (`--expect SEQ:HASH`,
/// or a signed ``AuditCheckpoint``): verification then proves the record is still in the chain
/// with that hash, which a rewritten head cannot fake.
public struct AuditAnchor: Sendable, Hashable {
    public var seq: Int64
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// Parses `SEQ:HASH` (a positive record number and 64 lower-case hex digits).
    public init(parsing text: String) throws(ELicenseError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int64(parts[0]), seq > 0, Self.isHash(parts[1]) else {
            throw ELicenseError(
                .invalidArgument, "锚点格式应为 序号:哈希 (anchor '\(text.prefix(80))' is not SEQ:HASH with 64 hex digits)")
        }
        self.init(seq: seq, hash: String(parts[1]))
    }

    static func isHash(_ text: Substring) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    public var text: String { "\(seq):\(hash)" }
}

/// A signed checkpoint of the audit chain's head, which the front appends to
/// `audit-checkpoints.log` every N records or M minutes for the operator to copy elsewhere. One
/// line: `SEQ HASH TIME KEY_ID SIGNATURE`, the signature (base64 DER, SM2 with SM3) by the front's
/// signing key over the canonical record `ELIC-AUDIT-CHECKPOINT-V1` of seq, hash, time, key_id.
public struct AuditCheckpoint: Sendable, Equatable {
    public static let tag = "ELIC-AUDIT-CHECKPOINT-V1"
    public var anchor: AuditAnchor
    public var time: Timestamp
    public var keyID: String
    public var signature: String

    public static func signed(_ anchor: AuditAnchor, at time: Timestamp, by key: SigningKey) throws(ELicenseError)
        -> AuditCheckpoint
    {
        let text = canonical(anchor, time: time, keyID: key.keyID)
        return AuditCheckpoint(anchor: anchor, time: time, keyID: key.keyID, signature: try key.sign(text))
    }

    init(anchor: AuditAnchor, time: Timestamp, keyID: String, signature: String) {
        self.anchor = anchor
        self.time = time
        self.keyID = keyID
        self.signature = signature
    }

    public init(line: String) throws(ELicenseError) {
        let fields = line.split(separator: " ")
        guard fields.count == 5, let time = try? Timestamp(rfc3339: String(fields[2])) else {
            throw ELicenseError(
                .invalidArgument, "检查点格式不对 (checkpoint line '\(line.prefix(80))' is not SEQ HASH TIME KEY_ID SIGNATURE)"
            )
        }
        self.init(
            anchor: try AuditAnchor(parsing: "\(fields[0]):\(fields[1])"), time: time, keyID: String(fields[3]),
            signature: String(fields[4]))
    }

    public var line: String { "\(anchor.seq) \(anchor.hash) \(time.rfc3339) \(keyID) \(signature)" }

    public func isSigned(by keys: TrustedKeys) -> Bool {
        keys.verify(Self.canonical(anchor, time: time, keyID: keyID), signature: signature, keyID: keyID)
    }

    static func canonical(_ anchor: AuditAnchor, time: Timestamp, keyID: String) -> String {
        CanonicalRecord(
            tag: tag,
            fields: [
                ("seq", String(anchor.seq)), ("hash", anchor.hash), ("time", time.rfc3339),
                ("key_id", keyID),
            ]
        ).string
    }

    /// The anchors of a file of `SEQ:HASH` lines and checkpoint lines (blank lines and `#`
    /// comments skipped); a checkpoint not signed by one of `keys` is `signature_invalid`.
    public static func anchors(inFile text: String, keys: TrustedKeys) throws(ELicenseError) -> [AuditAnchor] {
        var anchors: [AuditAnchor] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if !line.contains(" ") {
                anchors.append(try AuditAnchor(parsing: line))
                continue
            }
            let checkpoint = try AuditCheckpoint(line: line)
            guard checkpoint.isSigned(by: keys) else {
                throw ELicenseError(
                    .signatureInvalid,
                    "第 \(index + 1) 行检查点的签名无效 (the checkpoint on line \(index + 1) is not signed by a key of this front)"
                )
            }
            anchors.append(checkpoint.anchor)
        }
        return anchors
    }
}
