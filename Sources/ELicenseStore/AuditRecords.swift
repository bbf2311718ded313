import ELicenseCore

/// One call as the audit log records it.
public struct AuditEvent: Codable, Sendable, Equatable {
    public var time: Timestamp
    /// The request id the caller also received (`X-Elic-Request-Id`).
    public var requestID: String
    public var unitID: String?
    public var appID: String?
    public var method: String
    /// Path without the query, so grants and codes in a query never reach the log.
    public var endpoint: String
    public var subjectUSCC: String?
    public var purpose: String?
    /// `ok` or an ``ErrorCode`` raw value.
    public var outcome: String
    public var httpStatus: Int
    public var remoteAddress: String?
    public var detail: String?

    public init(
        time: Timestamp, requestID: String, unitID: String? = nil, appID: String? = nil, method: String,
        endpoint: String, subjectUSCC: String? = nil, purpose: String? = nil, outcome: String, httpStatus: Int,
        remoteAddress: String? = nil, detail: String? = nil
    ) {
        self.time = time
        self.requestID = requestID
        self.unitID = unitID
        self.appID = appID
        self.method = method
        self.endpoint = endpoint
        self.subjectUSCC = subjectUSCC
        self.purpose = purpose
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.remoteAddress = remoteAddress
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case time, method, endpoint, purpose, outcome, detail
        case requestID = "request_id", unitID = "unit_id", appID = "app_id", subjectUSCC = "subject_uscc"
        case httpStatus = "http_status", remoteAddress = "remote_address"
    }
}

/// An event at its place in the chain.
public struct AuditRecord: Sendable, Equatable {
    /// 1, 2, 3, … without gaps.
    public var seq: Int64
    public var event: AuditEvent
    /// The hash of record `seq - 1`; ``AuditChain/genesisHash`` for the first.
    public var previousHash: String
    /// ``AuditChain/hash(seq:previousHash:event:)`` of this record.
    public var hash: String

    public init(seq: Int64, event: AuditEvent, previousHash: String, hash: String) {
        self.seq = seq
        self.event = event
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The outcome of checking the whole audit log.
public struct AuditVerification: Sendable, Equatable {
    /// Records found in the log.
    public var count: Int64
    /// The hash the log's head claims (empty when the head is missing); note it outside the
    /// database to detect a later rewrite of the whole chain.
    public var headHash: String
    public var isIntact: Bool
    /// The first record that is missing, altered or out of place.
    public var firstBrokenSeq: Int64?
    /// 中文 then English.
    public var problem: String?

    public init(count: Int64, headHash: String, isIntact: Bool, firstBrokenSeq: Int64? = nil, problem: String? = nil) {
        self.count = count
        self.headHash = headHash
        self.isIntact = isIntact
        self.firstBrokenSeq = firstBrokenSeq
        self.problem = problem
    }
}
