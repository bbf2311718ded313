package cn.elicense;

/** Statuses 900+: a fault inside elicense or the front system (INTERNAL, AUDIT_UNAVAILABLE), and codes outside every range. */
public class ElicenseInternalException extends ElicenseException {
    private static final long serialVersionUID = 1L;

    ElicenseInternalException(int code, String text) {
        super(code, text);
    }
}
