package cn.elicense;

import com.sun.jna.Pointer;

import java.time.Duration;
import java.time.Instant;

/**
 * The state of a login as the front last reported it. Once {@link LoginState#AUTHORIZED} it
 * names the enterprise (subject), who confirmed for it (operator role and masked name), and
 * carries the grant: the enterprise's consent for this application, to keep in the server-side
 * session (never in the browser) for {@link ElicenseClient#fetchLicense(String)} and
 * {@link ElicenseClient#issueMaterial(String, String)}. Immutable.
 */
public final class LoginStatus {
    private final String id;
    private final LoginState state;
    private final Instant expiresAt;
    private final Duration pollInterval;
    private final Instant grantExpiresAt;
    private final String subjectUscc;
    private final String subjectName;
    private final OperatorRole operatorRole;
    private final String operatorName;
    private final String grant;
    private final String json;

    private LoginStatus(String id, LoginState state, Instant expiresAt, Duration pollInterval, Instant grantExpiresAt,
            String subjectUscc, String subjectName, OperatorRole operatorRole, String operatorName, String grant, String json) {
        this.id = id;
        this.state = state;
        this.expiresAt = expiresAt;
        this.pollInterval = pollInterval;
        this.grantExpiresAt = grantExpiresAt;
        this.subjectUscc = subjectUscc;
        this.subjectName = subjectName;
        this.operatorRole = operatorRole;
        this.operatorName = operatorName;
        this.grant = grant;
        this.json = json;
    }

    /** Copies everything out of an elic_login handle (the caller frees it). */
    static LoginStatus read(LibElicense lib, Pointer login) {
        return new LoginStatus(NativeSupport.string(lib.elic_login_id(login)),
                LoginState.fromCode(lib.elic_login_state(login)),
                NativeSupport.instant(lib.elic_login_expires_at(login)),
                Duration.ofMillis(lib.elic_login_poll_interval_ms(login)),
                NativeSupport.instant(lib.elic_login_grant_expires_at(login)),
                NativeSupport.string(lib.elic_login_subject_uscc(login)),
                NativeSupport.string(lib.elic_login_subject_name(login)),
                OperatorRole.fromCode(lib.elic_login_operator_role(login)),
                NativeSupport.string(lib.elic_login_operator_name(login)),
                NativeSupport.string(lib.elic_login_grant(login)),
                NativeSupport.string(lib.elic_login_json(login)));
    }

    public String getId() {
        return id;
    }

    public LoginState getState() {
        return state;
    }

    /** True once the enterprise confirmed: subject, operator and grant are set. */
    public boolean isAuthorized() {
        return state == LoginState.AUTHORIZED;
    }

    /** When the login session expires. */
    public Instant getExpiresAt() {
        return expiresAt;
    }

    /**
     * How long to wait before polling this login again, as the front advised: a poll sooner
     * throws {@link ElicenseLoginException} with {@link Status#SLOW_DOWN}.
     */
    public Duration getPollInterval() {
        return pollInterval;
    }

    /**
     * When the grant expires; null until authorized. Later, {@link ElicenseClient#fetchLicense}
     * and {@link ElicenseClient#issueMaterial} throw {@link ElicenseGrantException} with
     * {@link Status#GRANT_EXPIRED}: the enterprise logs in again.
     */
    public Instant getGrantExpiresAt() {
        return grantExpiresAt;
    }

    /** 统一社会信用代码 of the enterprise that logged in; null until authorized. */
    public String getSubjectUscc() {
        return subjectUscc;
    }

    /** Name (名称) of the enterprise that logged in; null until authorized. */
    public String getSubjectName() {
        return subjectName;
    }

    /** Who confirmed: 法定代表人, 证照管理员 or 经办人; null until authorized. */
    public OperatorRole getOperatorRole() {
        return operatorRole;
    }

    /** That person's name, masked (e.g. 周**); null until authorized. */
    public String getOperatorName() {
        return operatorName;
    }

    /** The grant token (gr_…); null until authorized. Keep it server-side only. */
    public String getGrant() {
        return grant;
    }

    /**
     * The grant of an authorized login, or an exception saying why there is none: for a program
     * that goes on only with a grant, without a null check (as Python's {@code require_grant()}).
     *
     * @throws ElicenseLoginException LOGIN_DENIED (the enterprise denied) or LOGIN_EXPIRED
     * @throws ElicenseGrantException GRANT_MISSING: the login is still pending or scanned
     */
    public String requireGrant() {
        if (state == LoginState.AUTHORIZED && grant != null) {
            return grant;
        }
        Status status;
        String detail;
        if (state == LoginState.DENIED) {
            status = Status.LOGIN_DENIED;
            detail = "登录 " + id + " 被拒绝 (login " + id + " denied)";
        } else if (state == LoginState.EXPIRED) {
            status = Status.LOGIN_EXPIRED;
            detail = "登录 " + id + " 已过期 (login " + id + " expired)";
        } else {
            status = Status.GRANT_MISSING;
            detail = "登录 " + id + " 尚未授权 (login " + id + " is not authorized: " + state + ")";
        }
        throw NativeSupport.error(status.code(), detail, null, -1);
    }

    /**
     * The protocol v1 LoginStatus JSON: also the operator's scope and authorisation expiry and
     * the grant's purpose, scope and expiry.
     */
    public String getJson() {
        return json;
    }

    /** Leaves the grant out: it is a credential. */
    @Override
    public String toString() {
        return "LoginStatus{id=" + id + ", state=" + state + (subjectUscc == null ? ""
                : ", subject=" + subjectUscc + " " + subjectName + ", operator=" + operatorName + " (" + operatorRole + ")")
                + "}";
    }
}
