import ELicenseCore
import ELicenseCrypto

/// The string an application signs for each request (protocol v1, docs/protocol.md §3.2).
///
///     ELIC-SM2-SM3-V1\n
///     <METHOD>\n
///     <request-target: path and query exactly as sent>\n
///     <timestamp: Unix seconds>\n
///     <nonce>\n
///     <app id>\n
///     <lower-case hex SM3 of the body bytes (of the empty string when no body)>
public struct CanonicalRequest: Sendable, Hashable {
    public let method: String
    public let target: String
    public let timestamp: Int64
    public let nonce: String
    public let appID: String
    public let bodySM3: String

    public init(
        method: String, target: String, timestamp: Int64, nonce: String, appID: String,
        bodySM3: String
    ) throws(ELicenseError) {
        guard !method.isEmpty, method.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
            throw ELicenseError(.invalidArgument, "method '\(method)' must be upper-case letters")
        }
        guard target.hasPrefix("/"), !target.utf8.contains(where: { $0 < 0x21 || $0 == 0x7F }) else {
            throw ELicenseError(
                .invalidArgument, "request target must start with '/' and contain no space or control character")
        }
        // X-Elic-Timestamp carries digits only: a negative time would sign a request no front reads.
        guard timestamp >= 0 else {
            throw ELicenseError(.invalidArgument, "时间戳不能为负 (timestamp \(timestamp) is negative)")
        }
        guard ProtocolV1.isValidNonce(nonce) else {
            throw ELicenseError(.unauthenticated, "nonce must match [A-Za-z0-9_-]{16,64}")
        }
        guard ProtocolV1.isValidAppID(appID) else {
            throw ELicenseError(.unauthenticated, "app id must match [A-Za-z0-9._-]{1,64}")
        }
        self.method = method
        self.target = target
        self.timestamp = timestamp
        self.nonce = nonce
        self.appID = appID
        self.bodySM3 = bodySM3
    }

    public init(
        method: String, target: String, timestamp: Int64, nonce: String, appID: String,
        body: [UInt8]
    ) throws(ELicenseError) {
        try self.init(
            method: method, target: target, timestamp: timestamp, nonce: nonce, appID: appID,
            bodySM3: try Digest.sm3Hex(body))
    }

    public var string: String {
        [ProtocolV1.requestAlgorithm, method, target, String(timestamp), nonce, appID, bodySM3].joined(separator: "\n")
    }
}

/// The string the front signs for each response (docs/protocol.md §3.3).
///
///     ELIC-SM2-SM3-V1-RESPONSE\n
///     <HTTP status>\n
///     <the request's nonce, or empty when it had none>\n
///     <request id>\n
///     <timestamp: Unix seconds>\n
///     <lower-case hex SM3 of the body bytes>
public struct CanonicalResponse: Sendable, Hashable {
    public let status: Int
    public let requestNonce: String
    public let requestID: String
    public let timestamp: Int64
    public let bodySM3: String

    public init(status: Int, requestNonce: String, requestID: String, timestamp: Int64, body: [UInt8])
        throws(ELicenseError)
    {
        try self.init(
            status: status, requestNonce: requestNonce, requestID: requestID, timestamp: timestamp,
            bodySM3: try Digest.sm3Hex(body))
    }

    public init(status: Int, requestNonce: String, requestID: String, timestamp: Int64, bodySM3: String)
        throws(ELicenseError)
    {
        guard (100...599).contains(status) else {
            throw ELicenseError(.badResponse, "HTTP status \(status) out of range")
        }
        guard !requestNonce.contains("\n"), !requestID.contains("\n") else {
            throw ELicenseError(.badResponse, "nonce or request id contains a line break")
        }
        self.status = status
        self.requestNonce = requestNonce
        self.requestID = requestID
        self.timestamp = timestamp
        self.bodySM3 = bodySM3
    }

    public var string: String {
        [ProtocolV1.responseAlgorithm, String(status), requestNonce, requestID, String(timestamp), bodySM3]
            .joined(separator: "\n")
    }
}

/// SM3 as lower-case hex, failures as catalogue errors: what canonical strings, grant digests
/// and document digests use.
public enum Digest {
    public static func sm3Hex(_ bytes: [UInt8]) throws(ELicenseError) -> String {
        do { return try SM3.hex(bytes) } catch { throw ELicenseError(.internal, error.message) }
    }

    public static func sm3Hex(_ text: String) throws(ELicenseError) -> String { try sm3Hex(Array(text.utf8)) }
}
