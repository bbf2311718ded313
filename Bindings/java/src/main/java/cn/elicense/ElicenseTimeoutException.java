package cn.elicense;

/**
 * {@code ELIC_E_TIMEOUT} (the front did not answer within the configured timeouts, or a login
 * wait ran out of time — the login stays usable) and {@code ELIC_E_UPSTREAM_TIMEOUT} (the
 * provincial system did not answer the front in time).
 */
public class ElicenseTimeoutException extends ElicenseNetworkException {
    private static final long serialVersionUID = 1L;

    ElicenseTimeoutException(int code, String text) {
        super(code, text);
    }
}
