package cn.elicense;

/** Statuses 1–99: the caller's arguments, configuration or files, or a cancelled wait (e.g. INVALID_CONFIG, IO_ERROR, INVALID_USCC, INVALID_PURPOSE, CANCELLED). */
public class ElicenseUsageException extends ElicenseException {
    private static final long serialVersionUID = 1L;

    ElicenseUsageException(int code, String text) {
        super(code, text);
    }
}
