package cn.elicense;

/** The lookup every such enum shares. */
final class Codes {
    private Codes() {}

    /** The constant with {@code code}; {@code fallback} (never matched itself) for a code this binding does not know. */
    static <E extends Enum<E> & Coded> E find(E[] constants, int code, E fallback) {
        for (E constant : constants) {
            if (constant != fallback && constant.code() == code) {
                return constant;
            }
        }
        return fallback;
    }
}
