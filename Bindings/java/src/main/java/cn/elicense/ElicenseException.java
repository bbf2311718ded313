package cn.elicense;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed libelicense call: the status ({@link #getStatus()}, {@link #getCode()},
 * {@link #getStatusName()}) and the library's message — 中文 first, English after, then the
 * detail and the front system's request id, which its audit log also holds.
 *
 * <p>Thrown as the subclass of the status's range, so a caller can catch what it handles:
 * {@link ElicenseUsageException} (1–99), {@link ElicenseBusinessException} (100–199),
 * {@link ElicenseNetworkException} (200–299, with {@link ElicenseTimeoutException}),
 * {@link ElicenseSecurityException} (300–399), {@link ElicenseInternalException} (900+). A code
 * this binding does not know yet is classified by its range too.
 *
 * <p>Wrong use that Java can see before calling C is reported the Java way instead:
 * {@link NullPointerException} for a null argument, {@link IllegalArgumentException} for a value
 * C cannot take (a NUL character, a negative timeout), {@link IllegalStateException} for a
 * closed client.
 */
public class ElicenseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Pattern REQUEST_ID = Pattern.compile("\\b(rq_[0-9A-Za-z]+)");

    private final int code;
    private final String statusName;
    private final String text;

    ElicenseException(int code, String text) {
        this(code, statusNameOf(code), text);
    }

    private ElicenseException(int code, String statusName, String text) {
        super(statusName + ": " + text);
        this.code = code;
        this.statusName = statusName;
        this.text = text;
    }

    /** The exception of the status's range for a failed call, with the library's message. */
    static ElicenseException of(int code, String lastError) {
        String text = lastError == null || lastError.isEmpty() ? describe(code) : lastError;
        switch (Status.Category.of(code)) {
            case USAGE:
                return new ElicenseUsageException(code, text);
            case BUSINESS:
                return new ElicenseBusinessException(code, text);
            case NETWORK:
                return code == Status.TIMEOUT.code() || code == Status.UPSTREAM_TIMEOUT.code()
                        ? new ElicenseTimeoutException(code, text)
                        : new ElicenseNetworkException(code, text);
            case SECURITY:
                return new ElicenseSecurityException(code, text);
            default:
                return new ElicenseInternalException(code, text);
        }
    }

    /** The status; {@link Status#UNKNOWN} for a code newer than this binding (see {@link #getCode()}). */
    public Status getStatus() {
        return Status.fromCode(code);
    }

    /** The status's stable number, also when it is {@link Status#UNKNOWN} to this binding. */
    public int getCode() {
        return code;
    }

    /** The C name of the status, e.g. {@code ELIC_E_GRANT_EXPIRED}. */
    public String getStatusName() {
        return statusName;
    }

    /** The library's bilingual message without the status name. */
    public String getText() {
        return text;
    }

    /** The front system's request id (rq_…) named in the message, to look up in its audit log; null if none. */
    public String getRequestId() {
        Matcher matcher = REQUEST_ID.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** {@code elic_status_str}: "ELIC_E_X: 中文 (English)", also for codes the library does not know. */
    static String describe(int code) {
        try {
            return NativeSupport.string(NativeSupport.lib().elic_status_str(code));
        } catch (UnsatisfiedLinkError e) {
            return "status " + code;
        }
    }

    private static String statusNameOf(int code) {
        Status status = Status.fromCode(code);
        if (status != Status.UNKNOWN) {
            return status.cName();
        }
        String described = describe(code);
        int colon = described.indexOf(':');
        return colon > 0 && described.startsWith("ELIC_") ? described.substring(0, colon) : "ELIC_E_UNKNOWN(" + code + ")";
    }
}
