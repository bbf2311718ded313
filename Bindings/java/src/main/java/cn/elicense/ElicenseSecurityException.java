package cn.elicense;

/** Statuses 300–399: credentials, signatures, keys, clock or permissions (e.g. SIGNATURE_INVALID, RESPONSE_SIGNATURE_INVALID, KEY_INVALID, TIMESTAMP_SKEW); an operator must look. */
public class ElicenseSecurityException extends ElicenseException {
    private static final long serialVersionUID = 1L;

    ElicenseSecurityException(int code, String text) {
        super(code, text);
    }
}
