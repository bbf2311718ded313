/// The one catalogue of failures shared by the front system, the SDK and the bindings.
///
/// Each case has a stable wire code (JSON `error.code`), a stable SDK status (`elic_status`) in a
/// range that classifies it, the HTTP status the front answers with (nil for failures only the
/// SDK can observe), and a Chinese and an English message. Never renumber or reuse a status.
///
/// Ranges: 1–99 usage, 100–199 login/grant/license/material, 200–299 network and transport,
/// 300–399 security and signatures, 900+ internal.
public enum ErrorCode: String, CaseIterable, Sendable, Codable {
    // 1–99: the caller's input
    case invalidArgument = "invalid_argument"
    case invalidUTF8 = "invalid_utf8"
    case invalidJSON = "invalid_json"
    case invalidConfig = "invalid_config"
    case ioError = "io_error"
    case cancelled = "cancelled"
    case invalidUSCC = "invalid_uscc"
    case invalidPurpose = "invalid_purpose"
    case notFound = "not_found"
    case payloadTooLarge = "payload_too_large"

    // 100–199: login, grant, license, material
    case loginNotFound = "login_not_found"
    case loginExpired = "login_expired"
    case loginDenied = "login_denied"
    case slowDown = "slow_down"
    case grantMissing = "grant_missing"
    case grantInvalid = "grant_invalid"
    case grantExpired = "grant_expired"
    case scopeDenied = "scope_denied"
    case enterpriseNotFound = "enterprise_not_found"
    case materialNotFound = "material_not_found"
    case materialRevoked = "material_revoked"

    // 200–299: network and transport
    case network = "network"
    case timeout = "timeout"
    case tls = "tls"
    case badResponse = "bad_response"
    case unavailable = "unavailable"
    case upstreamFailed = "upstream_failed"
    case upstreamTimeout = "upstream_timeout"
    case rateLimited = "rate_limited"

    // 300–399: security
    case appUnknown = "app_unknown"
    case appDisabled = "app_disabled"
    case signatureInvalid = "signature_invalid"
    case timestampSkew = "timestamp_skew"
    case nonceReplayed = "nonce_replayed"
    case addressForbidden = "address_forbidden"
    case responseSignatureInvalid = "response_signature_invalid"
    case keyInvalid = "key_invalid"
    case profileMismatch = "profile_mismatch"
    case permissionDenied = "permission_denied"
    case unauthenticated = "unauthenticated"

    // 900+: internal
    case `internal` = "internal"
    case auditUnavailable = "audit_unavailable"

    /// Everything the catalogue says of one code, in one place: SDK status, HTTP status, 中文, English.
    private struct Entry {
        let status: Int32
        let httpStatus: Int?
        let chinese: String
        let english: String

        init(_ status: Int32, _ httpStatus: Int?, _ chinese: String, _ english: String) {
            self.status = status
            self.httpStatus = httpStatus
            self.chinese = chinese
            self.english = english
        }
    }

    private var entry: Entry {
        switch self {
        case .invalidArgument: Entry(1, 400, "参数无效", "invalid argument")
        case .invalidUTF8: Entry(2, 400, "字符串不是有效的 UTF-8 编码", "string is not valid UTF-8")
        case .invalidJSON: Entry(3, 400, "JSON 格式错误", "malformed JSON")
        case .invalidConfig: Entry(4, nil, "配置无效", "invalid configuration")
        case .ioError: Entry(5, nil, "文件读写失败", "file read or write failed")
        case .cancelled: Entry(6, nil, "操作已被调用方取消", "cancelled by the caller")
        case .invalidUSCC: Entry(7, 400, "统一社会信用代码无效", "invalid unified social credit code")
        case .invalidPurpose: Entry(8, 400, "用途（办理事项）缺失或无效", "purpose (the matter being handled) is missing or invalid")
        case .notFound: Entry(9, 404, "资源不存在", "not found")
        case .payloadTooLarge: Entry(10, 413, "请求体过大", "request body too large")
        case .loginNotFound: Entry(100, 404, "登录会话不存在", "login session not found")
        case .loginExpired: Entry(101, 410, "登录会话已过期", "login session expired")
        case .loginDenied: Entry(102, 403, "企业已拒绝登录授权", "the enterprise denied the login")
        case .slowDown: Entry(103, 429, "轮询过于频繁，请按建议间隔轮询", "polling too fast; use the advised interval")
        case .grantMissing: Entry(104, 400, "缺少企业授权凭据", "enterprise grant missing")
        case .grantInvalid: Entry(105, 403, "企业授权凭据无效或不属于本应用", "enterprise grant invalid or issued to another application")
        case .grantExpired: Entry(106, 403, "企业授权已过期", "enterprise grant expired")
        case .scopeDenied: Entry(107, 403, "企业授权不包含此操作", "the grant does not cover this operation")
        case .enterpriseNotFound: Entry(108, 404, "未找到该市场主体的营业执照", "no business license found for this entity")
        case .materialNotFound: Entry(109, 404, "证照材料不存在", "license material not found")
        case .materialRevoked: Entry(110, 410, "证照材料已撤销", "license material revoked")
        case .network: Entry(200, nil, "无法连接前置系统", "cannot reach the front system")
        case .timeout: Entry(201, nil, "请求超时", "request timed out")
        case .tls: Entry(202, nil, "TLS 安全连接失败", "TLS connection failed")
        case .badResponse: Entry(203, nil, "前置系统应答格式异常", "malformed response from the front system")
        case .unavailable: Entry(204, 503, "服务暂不可用，请稍后重试", "service temporarily unavailable; retry later")
        case .upstreamFailed: Entry(205, 502, "省级电子营业执照验证系统调用失败", "the provincial e-license verification system failed")
        case .upstreamTimeout: Entry(206, 504, "省级电子营业执照验证系统响应超时", "the provincial e-license verification system timed out")
        case .rateLimited: Entry(207, 429, "调用频率超过限制", "rate limit exceeded")
        case .appUnknown: Entry(300, 401, "应用未登记", "application not registered")
        case .appDisabled: Entry(301, 403, "应用或接入单位已停用", "application or access unit disabled")
        case .signatureInvalid: Entry(302, 401, "请求签名无效", "request signature invalid")
        case .timestampSkew: Entry(303, 401, "请求时间戳超出允许的时钟偏差", "request timestamp outside the allowed clock skew")
        case .nonceReplayed: Entry(304, 401, "请求随机数重复（疑似重放）", "request nonce already used (possible replay)")
        case .addressForbidden: Entry(305, 403, "来源地址不在备案范围内", "source address not among those filed for the application")
        case .responseSignatureInvalid: Entry(306, nil, "前置系统应答签名无效", "response signature from the front system invalid")
        case .keyInvalid: Entry(307, nil, "密钥无效", "invalid key")
        case .profileMismatch: Entry(308, 403, "沙箱与生产环境的凭据不能混用", "sandbox and production credentials cannot be mixed")
        case .permissionDenied: Entry(309, 403, "应用无权执行此操作", "application not permitted to perform this operation")
        case .unauthenticated: Entry(310, 401, "缺少或无法解析请求认证信息", "request authentication headers missing or malformed")
        case .internal: Entry(900, 500, "内部错误", "internal error")
        case .auditUnavailable: Entry(901, 503, "审计日志不可写，服务拒绝处理请求", "audit log unavailable; the front refuses to serve unrecorded calls")
        }
    }

    /// The SDK status (`elic_status`), stable forever.
    public var status: Int32 { entry.status }

    /// What the front answers with; nil when only the SDK can observe the failure.
    public var httpStatus: Int? { entry.httpStatus }

    public var chinese: String { entry.chinese }

    public var english: String { entry.english }

    /// Whether a client may retry the same request unchanged (after a delay).
    public var isRetryable: Bool {
        switch self {
        case .network, .timeout, .unavailable, .upstreamFailed, .upstreamTimeout, .rateLimited, .auditUnavailable: true
        default: false
        }
    }

    public init?(status: Int32) {
        guard let code = Self.allCases.first(where: { $0.status == status }) else { return nil }
        self = code
    }
}

/// The status families a binding uses to classify a status it does not know yet.
public enum StatusFamily: String, Sendable, CaseIterable {
    case usage, business, network, security, `internal`

    /// The statuses of the family; the bindings' exception classes are generated from these.
    public var range: ClosedRange<Int32> {
        switch self {
        case .usage: 1...99
        case .business: 100...199
        case .network: 200...299
        case .security: 300...399
        case .internal: 900...999
        }
    }

    public init?(status: Int32) {
        guard let family = Self.allCases.first(where: { $0.range.contains(status) }) else { return nil }
        self = family
    }
}
