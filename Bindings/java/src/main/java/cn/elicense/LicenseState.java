package cn.elicense;

/**
 * 登记状态 of a license (ELIC_STATE_*). A state, never an error: an enterprise that is 吊销,
 * 注销 or 迁出 is returned like any other, and the department decides what it accepts.
 */
public enum LicenseState implements Coded {
    /** Another state; {@link License#getStateText()} has the text. */
    OTHER(0, "其他"),
    /** 存续. */
    SUBSISTING(1, "存续"),
    /** 在业. */
    OPERATING(2, "在业"),
    /** 迁出: moved to another registration authority. */
    MOVED_OUT(3, "迁出"),
    /** 吊销: license revoked. */
    REVOKED(4, "吊销"),
    /** 注销: deregistered. */
    DEREGISTERED(5, "注销");

    private final int code;
    private final String label;

    LicenseState(int code, String label) {
        this.code = code;
        this.label = label;
    }

    @Override
    public int code() {
        return code;
    }

    /** The Chinese name of the state, e.g. 存续. */
    public String label() {
        return label;
    }

    /** 存续 or 在业: the states in which an entity normally does business. */
    public boolean isInBusiness() {
        return this == SUBSISTING || this == OPERATING;
    }

    /** The state with this number; OTHER for one this binding does not know. */
    public static LicenseState fromCode(int code) {
        return Codes.find(values(), code, OTHER);
    }
}
