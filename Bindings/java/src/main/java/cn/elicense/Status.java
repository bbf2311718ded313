package cn.elicense;

/**
 * The status codes of libelicense ({@code ELIC_OK}, {@code ELIC_E_*} in elicense.h), with their
 * stable numbers. Codes live in ranges, so a code this binding does not know yet
 * ({@link #UNKNOWN}) still has a {@link Category}: 1–99 usage, 100–199 login, grant, license
 * and material, 200–299 network, 300–399 security, 900+ internal. A test checks that this enum
 * lists exactly the codes of the header.
 */
public enum Status implements Coded {
    /** 成功 success */
    OK(0),
    /** 参数无效 invalid argument */
    INVALID_ARGUMENT(1),
    /** 字符串不是有效的 UTF-8 编码 string is not valid UTF-8 */
    INVALID_UTF8(2),
    /** JSON 格式错误 malformed JSON */
    INVALID_JSON(3),
    /** 配置无效 invalid configuration */
    INVALID_CONFIG(4),
    /** 文件读写失败 file read or write failed */
    IO_ERROR(5),
    /** 操作已被调用方取消 cancelled by the caller */
    CANCELLED(6),
    /** 统一社会信用代码无效 invalid unified social credit code */
    INVALID_USCC(7),
    /** 用途（办理事项）缺失或无效 purpose (the matter being handled) is missing or invalid */
    INVALID_PURPOSE(8),
    /** 资源不存在 not found */
    NOT_FOUND(9),
    /** 请求体过大 request body too large */
    PAYLOAD_TOO_LARGE(10),
    /** 登录会话不存在 login session not found */
    LOGIN_NOT_FOUND(100),
    /** 登录会话已过期 login session expired */
    LOGIN_EXPIRED(101),
    /** 企业已拒绝登录授权 the enterprise denied the login */
    LOGIN_DENIED(102),
    /** 轮询过于频繁，请按建议间隔轮询 polling too fast; use the advised interval */
    SLOW_DOWN(103),
    /** 缺少企业授权凭据 enterprise grant missing */
    GRANT_MISSING(104),
    /** 企业授权凭据无效或不属于本应用 enterprise grant invalid or issued to another application */
    GRANT_INVALID(105),
    /** 企业授权已过期 enterprise grant expired */
    GRANT_EXPIRED(106),
    /** 企业授权不包含此操作 the grant does not cover this operation */
    SCOPE_DENIED(107),
    /** 未找到该市场主体的营业执照 no business license found for this entity */
    ENTERPRISE_NOT_FOUND(108),
    /** 证照材料不存在 license material not found */
    MATERIAL_NOT_FOUND(109),
    /** 证照材料已撤销 license material revoked */
    MATERIAL_REVOKED(110),
    /** 无法连接前置系统 cannot reach the front system */
    NETWORK(200),
    /** 请求超时 request timed out */
    TIMEOUT(201),
    /** TLS 安全连接失败 TLS connection failed */
    TLS(202),
    /** 前置系统应答格式异常 malformed response from the front system */
    BAD_RESPONSE(203),
    /** 服务暂不可用，请稍后重试 service temporarily unavailable; retry later */
    UNAVAILABLE(204),
    /** 省级电子营业执照验证系统调用失败 the provincial e-license verification system failed */
    UPSTREAM_FAILED(205),
    /** 省级电子营业执照验证系统响应超时 the provincial e-license verification system timed out */
    UPSTREAM_TIMEOUT(206),
    /** 调用频率超过限制 rate limit exceeded */
    RATE_LIMITED(207),
    /** 应用未登记 application not registered */
    APP_UNKNOWN(300),
    /** 应用或接入单位已停用 application or access unit disabled */
    APP_DISABLED(301),
    /** 请求签名无效 request signature invalid */
    SIGNATURE_INVALID(302),
    /** 请求时间戳超出允许的时钟偏差 request timestamp outside the allowed clock skew */
    TIMESTAMP_SKEW(303),
    /** 请求随机数重复（疑似重放） request nonce already used (possible replay) */
    NONCE_REPLAYED(304),
    /** 来源地址不在备案范围内 source address not among those filed for the application */
    ADDRESS_FORBIDDEN(305),
    /** 前置系统应答签名无效 response signature from the front system invalid */
    RESPONSE_SIGNATURE_INVALID(306),
    /** 密钥无效 invalid key */
    KEY_INVALID(307),
    /** 沙箱与生产环境的凭据不能混用 sandbox and production credentials cannot be mixed */
    PROFILE_MISMATCH(308),
    /** 应用无权执行此操作 application not permitted to perform this operation */
    PERMISSION_DENIED(309),
    /** 缺少或无法解析请求认证信息 request authentication headers missing or malformed */
    UNAUTHENTICATED(310),
    /** 内部错误 internal error */
    INTERNAL(900),
    /** 审计日志不可写，服务拒绝处理请求 audit log unavailable; the front refuses to serve unrecorded calls */
    AUDIT_UNAVAILABLE(901),
    /** A code this version of the binding does not know (a newer library); see {@link ElicenseException#getCode()}. */
    UNKNOWN(-1);

    /** The range a status code belongs to. */
    public enum Category {
        /** {@code ELIC_OK}. */
        OK,
        /** 1–99: the caller's arguments, configuration or files; a cancelled wait. */
        USAGE,
        /** 100–199: login, grant, license and material outcomes. */
        BUSINESS,
        /** 200–299: the network, the front system or the provincial system. */
        NETWORK,
        /** 300–399: credentials, signatures, keys, permissions. */
        SECURITY,
        /** 900 and above, and anything outside the ranges: a fault inside elicense. */
        INTERNAL;

        /** The category of any code, known or not. */
        public static Category of(int code) {
            if (code == 0) {
                return OK;
            } else if (code >= 1 && code <= 99) {
                return USAGE;
            } else if (code >= 100 && code <= 199) {
                return BUSINESS;
            } else if (code >= 200 && code <= 299) {
                return NETWORK;
            } else if (code >= 300 && code <= 399) {
                return SECURITY;
            }
            return INTERNAL;
        }
    }

    private final int code;

    Status(int code) {
        this.code = code;
    }

    /** The stable number ({@code -1} for {@link #UNKNOWN}). */
    @Override
    public int code() {
        return code;
    }

    /** The C name, e.g. {@code ELIC_E_TIMEOUT} ({@code ELIC_OK} for {@link #OK}). */
    public String cName() {
        return this == OK ? "ELIC_OK" : "ELIC_E_" + name();
    }

    /** The range of this status. */
    public Category category() {
        return Category.of(code);
    }

    /** The status with this number, or {@link #UNKNOWN} for a code this binding does not know. */
    public static Status fromCode(int code) {
        return Codes.find(values(), code, UNKNOWN);
    }
}
