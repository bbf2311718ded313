package cn.elicense;

/** The answer of {@link ElicenseClient#verifyMaterial(String)} (ELIC_MATERIAL_*). */
public enum MaterialVerdict implements Coded {
    /** No such material (or a verdict this binding does not know). */
    UNKNOWN(0),
    /** Issued by the front and still valid. */
    VALID(1),
    /** Revoked by the front system's operator. */
    REVOKED(2),
    /** Past its validity. */
    EXPIRED(3);

    private final int code;

    MaterialVerdict(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public static MaterialVerdict fromCode(int code) {
        return Codes.find(values(), code, UNKNOWN);
    }
}
