package cn.elicense;

/** Statuses 100–199: outcomes of login, grant, license and material calls (e.g. LOGIN_NOT_FOUND, GRANT_EXPIRED, SCOPE_DENIED, ENTERPRISE_NOT_FOUND); the user can often act on them. */
public class ElicenseBusinessException extends ElicenseException {
    private static final long serialVersionUID = 1L;

    ElicenseBusinessException(int code, String text) {
        super(code, text);
    }
}
