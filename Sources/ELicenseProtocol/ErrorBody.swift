import ELicenseCore

/// Every non-2xx answer of the front: `{"error": {...}}`.
public struct ErrorBody: Codable, Sendable, Equatable {
    public struct Content: Codable, Sendable, Equatable {
        /// The stable machine code, e.g. `signature_invalid`.
        public var code: String
        /// The SDK status for the code, so an older SDK can classify a code it does not know.
        public var status: Int32
        public var messageZH: String
        public var messageEN: String
        /// What exactly was wrong; never personal data or secrets.
        public var detail: String?
        public var requestID: String
        /// Seconds to wait before polling again (`slow_down`, `rate_limited`).
        public var retryAfter: Int?

        enum CodingKeys: String, CodingKey {
            case code, status, detail
            case messageZH = "message_zh", messageEN = "message_en", requestID = "request_id", retryAfter =
                "retry_after"
        }
    }

    public var error: Content

    public init(_ failure: ELicenseError, requestID: String) {
        error = Content(
            code: failure.code.rawValue, status: failure.code.status, messageZH: failure.code.chinese,
            messageEN: failure.code.english, detail: failure.detail.isEmpty ? nil : failure.detail,
            requestID: requestID, retryAfter: failure.retryAfter)
    }

    /// The error a client reports: the known code; for a code this version does not know, the
    /// code with the same status, else `bad_response` (the detail keeps the unknown code).
    public var failure: ELicenseError {
        let code = ErrorCode(rawValue: error.code) ?? ErrorCode(status: error.status) ?? .badResponse
        let detail = [ErrorCode(rawValue: error.code) == nil ? "code \(error.code)" : nil, error.detail]
            .compactMap { $0 }.joined(separator: ": ")
        return ELicenseError(code, detail, requestID: error.requestID, retryAfter: error.retryAfter)
    }
}
