package cn.elicense;

/** Who confirmed a login for the enterprise (ELIC_ROLE_*): holder binding. */
public enum OperatorRole implements Coded {
    /** 法定代表人（负责人）. */
    LEGAL_REPRESENTATIVE(1, "法定代表人"),
    /** 证照管理员. */
    LICENSE_ADMINISTRATOR(2, "证照管理员"),
    /** 经办人: authorised by the enterprise for certain matters. */
    AGENT(3, "经办人"),
    /** A role this binding does not know (a newer library). */
    UNKNOWN(-1, "未知");

    private final int code;
    private final String label;

    OperatorRole(int code, String label) {
        this.code = code;
        this.label = label;
    }

    @Override
    public int code() {
        return code;
    }

    /** Chinese text for a page, e.g. 法定代表人. */
    public String label() {
        return label;
    }

    /** The role with this number; null for 0 (not authorized yet); UNKNOWN for a newer code. */
    public static OperatorRole fromCode(int code) {
        if (code == 0) {
            return null;
        }
        return Codes.find(values(), code, UNKNOWN);
    }
}
