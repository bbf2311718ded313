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

    /// The SDK status (`elic_status`), stable forever.
    public var status: Int32 {
        switch self {
        case .invalidArgument: 1
        case .invalidUTF8: 2
        case .invalidJSON: 3
        case .invalidConfig: 4
        case .ioError: 5
        case .cancelled: 6
        case .invalidUSCC: 7
        case .invalidPurpose: 8
        case .notFound: 9
        case .payloadTooLarge: 10
        case .loginNotFound: 100
        case .loginExpired: 101
        case .loginDenied: 102
        case .slowDown: 103
        case .grantMissing: 104
        case .grantInvalid: 105
        case .grantExpired: 106
        case .scopeDenied: 107
        case .enterpriseNotFound: 108
        case .materialNotFound: 109
        case .materialRevoked: 110
        case .network: 200
        case .timeout: 201
        case .tls: 202
        case .badResponse: 203
        case .unavailable: 204
        case .upstreamFailed: 205
        case .upstreamTimeout: 206
        case .rateLimited: 207
        case .appUnknown: 300
        case .appDisabled: 301
        case .signatureInvalid: 302
        case .timestampSkew: 303
        case .nonceReplayed: 304
        case .addressForbidden: 305
        case .responseSignatureInvalid: 306
        case .keyInvalid: 307
        case .profileMismatch: 308
        case .permissionDenied: 309
        case .unauthenticated: 310
        case .internal: 900
        case .auditUnavailable: 901
        }
    }

    /// What the front answers with; nil when only the SDK can observe the failure.
    public var httpStatus: Int? {
        switch self {
        case .invalidArgument, .invalidUTF8, .invalidJSON, .invalidUSCC, .invalidPurpose, .grantMissing: 400
        case .unauthenticated, .appUnknown, .signatureInvalid, .timestampSkew, .nonceReplayed: 401
        case .loginDenied, .grantInvalid, .grantExpired, .scopeDenied, .appDisabled, .addressForbidden,
             .profileMismatch, .permissionDenied: 403
        case .notFound, .loginNotFound, .enterpriseNotFound, .materialNotFound: 404
        case .loginExpired, .materialRevoked: 410
        case .payloadTooLarge: 413
        case .slowDown, .rateLimited: 429
        case .internal: 500
        case .upstreamFailed: 502
        case .unavailable, .auditUnavailable: 503
        case .upstreamTimeout: 504
        case .invalidConfig, .ioError, .cancelled, .network, .timeout, .tls, .badResponse,
             .responseSignatureInvalid, .keyInvalid: nil
        }
    }

    public var chinese: String {
        switch self {
        case .invalidArgument: "参数无效"
        case .invalidUTF8: "字符串不是有效的 UTF-8 编码"
        case .invalidJSON: "JSON 格式错误"
        case .invalidConfig: "配置无效"
        case .ioError: "文件读写失败"
        case .cancelled: "操作已被调用方取消"
        case .invalidUSCC: "统一社会信用代码无效"
        case .invalidPurpose: "用途（办理事项）缺失或无效"
        case .notFound: "资源不存在"
        case .payloadTooLarge: "请求体过大"
        case .loginNotFound: "登录会话不存在"
        case .loginExpired: "登录会话已过期"
        case .loginDenied: "企业已拒绝登录授权"
        case .slowDown: "轮询过于频繁，请按建议间隔轮询"
        case .grantMissing: "缺少企业授权凭据"
        case .grantInvalid: "企业授权凭据无效或不属于本应用"
        case .grantExpired: "企业授权已过期"
        case .scopeDenied: "企业授权不包含此操作"
        case .enterpriseNotFound: "未找到该市场主体的营业执照"
        case .materialNotFound: "证照材料不存在"
        case .materialRevoked: "证照材料已撤销"
        case .network: "无法连接前置系统"
        case .timeout: "请求超时"
        case .tls: "TLS 安全连接失败"
        case .badResponse: "前置系统应答格式异常"
        case .unavailable: "服务暂不可用，请稍后重试"
        case .upstreamFailed: "省级电子营业执照验证系统调用失败"
        case .upstreamTimeout: "省级电子营业执照验证系统响应超时"
        case .rateLimited: "调用频率超过限制"
        case .appUnknown: "应用未登记"
        case .appDisabled: "应用或接入单位已停用"
        case .signatureInvalid: "请求签名无效"
        case .timestampSkew: "请求时间戳超出允许的时钟偏差"
        case .nonceReplayed: "请求随机数重复（疑似重放）"
        case .addressForbidden: "来源地址不在备案范围内"
        case .responseSignatureInvalid: "前置系统应答签名无效"
        case .keyInvalid: "密钥无效"
        case .profileMismatch: "沙箱与生产环境的凭据不能混用"
        case .permissionDenied: "应用无权执行此操作"
        case .unauthenticated: "缺少或无法解析请求认证信息"
        case .internal: "内部错误"
        case .auditUnavailable: "审计日志不可写，服务拒绝处理请求"
        }
    }

    public var english: String {
        switch self {
        case .invalidArgument: "invalid argument"
        case .invalidUTF8: "string is not valid UTF-8"
        case .invalidJSON: "malformed JSON"
        case .invalidConfig: "invalid configuration"
        case .ioError: "file read or write failed"
        case .cancelled: "cancelled by the caller"
        case .invalidUSCC: "invalid unified social credit code"
        case .invalidPurpose: "purpose (the matter being handled) is missing or invalid"
        case .notFound: "not found"
        case .payloadTooLarge: "request body too large"
        case .loginNotFound: "login session not found"
        case .loginExpired: "login session expired"
        case .loginDenied: "the enterprise denied the login"
        case .slowDown: "polling too fast; use the advised interval"
        case .grantMissing: "enterprise grant missing"
        case .grantInvalid: "enterprise grant invalid or issued to another application"
        case .grantExpired: "enterprise grant expired"
        case .scopeDenied: "the grant does not cover this operation"
        case .enterpriseNotFound: "no business license found for this entity"
        case .materialNotFound: "license material not found"
        case .materialRevoked: "license material revoked"
        case .network: "cannot reach the front system"
        case .timeout: "request timed out"
        case .tls: "TLS connection failed"
        case .badResponse: "malformed response from the front system"
        case .unavailable: "service temporarily unavailable; retry later"
        case .upstreamFailed: "the provincial e-license verification system failed"
        case .upstreamTimeout: "the provincial e-license verification system timed out"
        case .rateLimited: "rate limit exceeded"
        case .appUnknown: "application not registered"
        case .appDisabled: "application or access unit disabled"
        case .signatureInvalid: "request signature invalid"
        case .timestampSkew: "request timestamp outside the allowed clock skew"
        case .nonceReplayed: "request nonce already used (possible replay)"
        case .addressForbidden: "source address not among those filed for the application"
        case .responseSignatureInvalid: "response signature from the front system invalid"
        case .keyInvalid: "invalid key"
        case .profileMismatch: "sandbox and production credentials cannot be mixed"
        case .permissionDenied: "application not permitted to perform this operation"
        case .unauthenticated: "request authentication headers missing or malformed"
        case .internal: "internal error"
        case .auditUnavailable: "audit log unavailable; the front refuses to serve unrecorded calls"
        }
    }

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
