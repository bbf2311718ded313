/// A failure with its catalogue code, a specific detail, and the front's request id when the
/// front answered.
public struct ELicenseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: ErrorCode
    /// What exactly went wrong (a field name, a position, an OS error); may be empty.
    public let detail: String
    public let requestID: String?
    /// Seconds after which the same call may succeed (`slow_down`, `rate_limited`).
    public let retryAfter: Int?

    public init(_ code: ErrorCode, _ detail: String = "", requestID: String? = nil, retryAfter: Int? = nil) {
        self.code = code
        self.detail = detail
        self.requestID = requestID
        self.retryAfter = retryAfter
    }

    /// 中文 first, English after, then the detail and request id: the line a person reads.
    public var description: String {
        var text = "\(code.chinese) (\(code.english))"
        if !detail.isEmpty { text += ": \(detail)" }
        if let requestID { text += " [request_id \(requestID)]" }
        return text
    }
}
