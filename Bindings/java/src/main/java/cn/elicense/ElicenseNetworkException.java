package cn.elicense;

/** Statuses 200–299: the front system or the provincial system could not be reached or failed (NETWORK, TLS, BAD_RESPONSE, UNAVAILABLE, UPSTREAM_FAILED, RATE_LIMITED); often worth retrying later. */
public class ElicenseNetworkException extends ElicenseException {
    private static final long serialVersionUID = 1L;

    ElicenseNetworkException(int code, String text) {
        super(code, text);
    }
}
