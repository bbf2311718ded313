package cn.elicense;

/** The state of an e-license login (ELIC_LOGIN_*). Denied and expired are states, not errors. */
public enum LoginState implements Coded {
    /** 等待扫码: the QR code has not been scanned yet. */
    PENDING(0, "等待扫码"),
    /** 已扫码: scanned, waiting for the enterprise to confirm. */
    SCANNED(1, "已扫码，等待确认"),
    /** 已授权: confirmed; the subject and the grant are known. */
    AUTHORIZED(2, "已授权"),
    /** 已拒绝: the enterprise refused. */
    DENIED(3, "已拒绝"),
    /** 已过期: nobody confirmed in time; start a new login. */
    EXPIRED(4, "已过期"),
    /** A state this binding does not know (a newer library). */
    UNKNOWN(-1, "未知");

    private final int code;
    private final String label;

    LoginState(int code, String label) {
        this.code = code;
        this.label = label;
    }

    @Override
    public int code() {
        return code;
    }

    /** Chinese text for a page. */
    public String label() {
        return label;
    }

    /** True for AUTHORIZED, DENIED and EXPIRED: polling further changes nothing. */
    public boolean isFinal() {
        return this == AUTHORIZED || this == DENIED || this == EXPIRED;
    }

    public static LoginState fromCode(int code) {
        return Codes.find(values(), code, UNKNOWN);
    }
}
