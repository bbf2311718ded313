package cn.elicense;

import com.sun.jna.ptr.PointerByReference;

/**
 * 统一社会信用代码 (GB 32100-2015, with its GB 11714 organization code) checked offline by
 * libelicense, exactly as given: no trimming or case folding. Some codes found in the wild fail
 * the check; the report says exactly why, and the caller decides.
 */
public final class Uscc {
    private Uscc() {
    }

    /** The outcome of a check. Immutable. */
    public static final class Report {
        private final String code;
        private final boolean valid;
        private final String message;
        private final String json;

        Report(String code, boolean valid, String message, String json) {
            this.code = code;
            this.valid = valid;
            this.message = message;
            this.json = json;
        }

        /** The code as checked. */
        public String getCode() {
            return code;
        }

        public boolean isValid() {
            return valid;
        }

        /** Why the code is invalid, in Chinese and English, naming the position and the expected character; "" when valid. */
        public String getMessage() {
            return message;
        }

        /** The JSON report: {"input", "valid", "problems": [...], "suggestion", "parts"}. */
        public String getJson() {
            return json;
        }

        @Override
        public String toString() {
            return valid ? code + ": valid" : code + ": " + message;
        }
    }

    /** Checks a code; never throws for an invalid one. */
    public static Report validate(String code) {
        byte[] text = NativeSupport.cString(code, "code");
        LibElicense lib = NativeSupport.lib();
        // The verdict and its message from elic_uscc_validate, the JSON from elic_uscc_report:
        // no JSON parser needed here.
        int status = lib.elic_uscc_validate(text);
        String message = status == Status.OK.code() ? "" : NativeSupport.string(lib.elic_last_error());
        if (status != Status.OK.code() && status != Status.INVALID_USCC.code()) {
            throw NativeSupport.error(status, message, null, -1);
        }
        PointerByReference out = new PointerByReference();
        NativeSupport.check(lib.elic_uscc_report(out, text));
        return new Report(code, status == Status.OK.code(), message, NativeSupport.takeString(out));
    }

    /** True when the code is valid. */
    public static boolean isValid(String code) {
        return validate(code).isValid();
    }

    /**
     * Returns the code when valid; otherwise throws {@link ElicenseUsageException} with
     * {@link Status#INVALID_USCC} and the bilingual reason.
     */
    public static String requireValid(String code) {
        Report report = validate(code);
        if (!report.isValid()) {
            throw NativeSupport.error(Status.INVALID_USCC.code(), report.getMessage(), null, -1);
        }
        return code;
    }
}
